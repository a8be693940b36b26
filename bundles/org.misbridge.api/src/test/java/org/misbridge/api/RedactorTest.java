package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a remote answer may echo of our request, masked; the expected texts are worked out by hand. */
class RedactorTest {

    private static final Redactor PATTERNS = Redactor.patterns();

    @Test
    void aGivenSecretIsMaskedAsIsUrlEncodedAndJsonEscaped() {
        Redactor r = Redactor.of(List.of("s3cr3t-Value", "a b/c+d", "p\"w\\d"));
        assertThat(r.redact("the secret s3cr3t-Value was refused")).isEqualTo("the secret **** was refused");
        assertThat(r.redact("echo=a+b%2Fc%2Bd&x=1")).isEqualTo("echo=****&x=1");
        assertThat(r.redact("echo=a%20b%2Fc%2Bd")).isEqualTo("echo=****");
        assertThat(r.redact("{\"note\":\"p\\\"w\\\\d\"}")).isEqualTo("{\"note\":\"****\"}");
    }

    @Test
    void theLongerOfTwoOverlappingSecretsIsMaskedWhole() {
        assertThat(Redactor.of(List.of("abc", "abcdef")).redact("x abcdef y")).isEqualTo("x **** y");
    }

    @Test
    void anAuthorizationHeaderEchoedAsTextIsMaskedToTheEndOfItsLine() {
        String echo = "POST /token\nAuthorization: Basic bWlzYnJpZGdlOnNlY3JldA==\nAccept: application/json";
        assertThat(PATTERNS.redact(echo)).isEqualTo("POST /token\nAuthorization: ****\nAccept: application/json");
        assertThat(PATTERNS.redact("proxy-authorization: Negotiate YIIF")).isEqualTo("proxy-authorization: ****");
        assertThat(PATTERNS.redact("X-Api-Key: 0123abcd")).isEqualTo("X-Api-Key: ****");
    }

    @Test
    void credentialFieldsInJsonAreMasked() {
        assertThat(PATTERNS.redact("{\"headers\":{\"Authorization\":\"Bearer abc.DEF-123_xyz\"},\"path\":\"/users\"}"))
                .isEqualTo("{\"headers\":{\"Authorization\":\"****\"},\"path\":\"/users\"}");
        assertThat(PATTERNS.redact("{\"client_secret\": \"x1\", \"password\":\"p\", \"refresh_token\":\"r\", \"name\":\"Ann\"}"))
                .isEqualTo("{\"client_secret\": \"****\", \"password\":\"****\", \"refresh_token\":\"****\", \"name\":\"Ann\"}");
        assertThat(PATTERNS.redact("{'password': 'p w'}")).isEqualTo("{'password': '****'}");
        // JSON quoted inside a JSON string, as an echo of a JSON request is
        assertThat(PATTERNS.redact("{\"echo\":\"{\\\"client_secret\\\":\\\"zz9\\\"}\"}"))
                .isEqualTo("{\"echo\":\"{\\\"client_secret\\\":\\\"****\\\"}\"}");
    }

    @Test
    void credentialFieldsInFormsAndQueryStringsAreMasked() {
        assertThat(PATTERNS.redact("grant_type=client_credentials&client_secret=hunter2&scope=roster"))
                .isEqualTo("grant_type=client_credentials&client_secret=****&scope=roster");
        assertThat(PATTERNS.redact("GET /users?access_token=abc123&limit=500 HTTP/1.1"))
                .isEqualTo("GET /users?access_token=****&limit=500 HTTP/1.1");
        assertThat(PATTERNS.redact("password=p%40ss")).isEqualTo("password=****");
    }

    @Test
    void bearerAndBasicCredentialsAreMaskedWherever_theyAppear() {
        assertThat(PATTERNS.redact("[\"authorization\", \"Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc\"]"))
                .isEqualTo("[\"authorization\", \"Bearer ****\"]");
        assertThat(PATTERNS.redact("you sent bearer tok-1-3f9a8c77e1 which expired"))
                .isEqualTo("you sent bearer **** which expired");
        assertThat(PATTERNS.redact("refused Basic bWlzYnJpZGdlOnNlY3JldA== for /token"))
                .isEqualTo("refused Basic **** for /token");
    }

    @Test
    void theSecretsInsideAnAuthorizationHeaderAreMaskedAlone() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("misbridge-itest:pa ss:w0rd".getBytes(StandardCharsets.UTF_8));
        Redactor r = Redactor.patterns().withAuthorization(basic).withAuthorization("Bearer tok-77");
        assertThat(r.redact("client misbridge-itest with pa ss:w0rd")).isEqualTo("client misbridge-itest with ****");
        assertThat(r.redact("got " + basic.substring(6))).isEqualTo("got ****");
        assertThat(r.redact("token tok-77 unknown")).isEqualTo("token **** unknown");
    }

    @Test
    void messagesWithoutCredentialsAreLeftAsTheyAre() {
        for (String plain : new String[] {
            "http://127.0.0.1:8080/ims/oneroster/v1p1/users: HTTP 500 (server error); gave up after 4 attempts",
            "http://127.0.0.1:8080/token: HTTP 400 ({\"error\":\"invalid_request\"})",
            "the token answer has no access_token",
            "users.csv row 3, column familyName: more fields than the header",
            "HTTP 401: the MIS refused our credentials",
        }) {
            assertThat(PATTERNS.redact(plain)).isEqualTo(plain);
        }
        assertThat(PATTERNS.redact(null)).isEmpty();
    }
}
