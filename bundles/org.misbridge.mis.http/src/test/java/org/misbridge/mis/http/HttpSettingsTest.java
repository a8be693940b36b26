package org.misbridge.mis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

/** The retry arithmetic and the redaction that keeps credentials out of messages. */
class HttpSettingsTest {

    @Test
    void backoffDoublesFromTheFirstPauseUpToTheCap() {
        HttpSettings s = HttpSettings.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.backoff(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(MisHttpClient.retryAfter(new BasicHeader("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(MisHttpClient.retryAfter(new BasicHeader("Retry-After", inTenSeconds)))
                .isBetween(Duration.ofSeconds(7), Duration.ofSeconds(10));
        assertThat(MisHttpClient.retryAfter(new BasicHeader("Retry-After", "soon"))).isNull();
        assertThat(MisHttpClient.retryAfter(null)).isNull();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxAttempts(0)).hasMessageContaining("at least one attempt");
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxResponseBytes(0)).hasMessageContaining("size cap");
        assertThatThrownBy(() -> HttpSettings.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("connect timeout");
    }

    @Test
    void messagesNameTheUrlWithoutUserInfoOrQuery() {
        assertThat(MisHttpClient.redact(URI.create("https://user:pw@mis.example:8443/or/users?access_token=abc")))
                .isEqualTo("https://mis.example:8443/or/users");
        assertThat(Credentials.bearer("tok-123").toString()).doesNotContain("tok-123");
        assertThat(Credentials.basic("u", "pw-123").toString()).doesNotContain("pw-123");
    }
}
