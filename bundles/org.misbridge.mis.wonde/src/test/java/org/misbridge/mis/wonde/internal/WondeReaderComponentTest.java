package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.wonde.internal.WondeTests.TOKEN;
import static org.misbridge.mis.wonde.internal.WondeTests.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.Decryptor;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.FakeWonde;

/** Activation validates the configuration and finds the token; the token shows up nowhere. */
class WondeReaderComponentTest {

    @TempDir
    Path temp;

    private static Map<String, Object> base() {
        Map<String, Object> p = new HashMap<>();
        p.put("school.id", "school-a");
        p.put("wonde.schoolId", "A1930499544");
        return p;
    }

    private static WondeReaderComponent activate(Map<String, Object> properties, @Nullable String karafHome) {
        return new WondeReaderComponent(config(properties), properties, Clock.systemUTC(), karafHome, d -> { },
                name -> properties.containsKey("test.env." + name) ? properties.get("test.env." + name).toString() : null, new SchoolClaimsRegistry());
    }

    /** The token in an environment variable (the test's own environment), as an operator would give it. */
    private static Map<String, Object> withToken(Map<String, Object> p, String token) {
        p.put("wonde.tokenEnv", "WONDE_TOKEN_SCHOOL_A");
        p.put("test.env.WONDE_TOKEN_SCHOOL_A", token);
        return p;
    }

    @Test
    void aConfigurationWithoutATokenIsRefusedNamingTheSchool() {
        assertThatThrownBy(() -> activate(base(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("school school-a: no Wonde token")
                .hasMessageContaining("wonde.tokenEnv").hasMessageContaining("wonde.tokenFile");
    }

    @Test
    void theTokenIsReadFromAFileRelativeToKarafHome() throws Exception {
        Files.createDirectories(temp.resolve("etc/secrets"));
        Files.writeString(temp.resolve("etc/secrets/wonde-school-a"), TOKEN + "\n");
        Map<String, Object> p = base();
        p.put("wonde.tokenFile", "etc/secrets/wonde-school-a");
        try (FakeWonde fake = FakeWonde.start(FakeWonde.School.sample(), TOKEN)) {
            p.put("wonde.baseUrl", fake.baseUrl().toString() + "/");
            WondeReaderComponent component = activate(p, temp.toString());
            try {
                assertThat(component.kind()).isEqualTo("wonde");
                assertThat(component.read().students()).hasSize(7);
            } finally {
                component.deactivate();
            }
        }
    }

    @Test
    void theTokenFromAVariableWorksAndSettingsCarryTheConfiguration() throws Exception {
        Map<String, Object> p = withToken(base(), TOKEN);
        p.put("wonde.perPage", 50);
        p.put("wonde.deltas", true);
        p.put("wonde.fullReadHours", 6);
        p.put("wonde.untypedEmailLocation", "home");
        WondeReaderComponent component = activate(p, null);
        component.deactivate();
        WondeSettings settings = component.settings();
        assertThat(settings.schoolUri().toString()).isEqualTo("https://api.wonde.com/v1.0/schools/A1930499544/");
        assertThat(settings.perPage()).isEqualTo(50);
        assertThat(settings.deltas()).isTrue();
        assertThat(settings.fullReadEvery()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.untypedEmailLocation()).isEqualTo(EmailLocation.HOME);
        assertThat(component.toString()).contains("school-a").contains("A1930499544").doesNotContain(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theTokenIsInNoMessageNorToString() throws Exception {
        Map<String, Object> p = withToken(base(), TOKEN);
        try (FakeWonde fake = FakeWonde.start(FakeWonde.School.sample(), "the-token-wonde-expects")) {
            p.put("wonde.baseUrl", fake.baseUrl().toString());
            WondeReaderComponent component = activate(p, null);
            try {
                assertThat(component.toString()).doesNotContain(TOKEN);
                assertThatThrownBy(component::read).isInstanceOf(MisReadException.class)
                        .hasMessageContaining("HTTP 401")
                        .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
            } finally {
                component.deactivate();
            }
        }
        Map<String, Object> pasted = withToken(base(), TOKEN + " " + TOKEN);
        assertThatThrownBy(() -> activate(pasted, null))
                .hasMessageContaining("contains a space")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aTokenInTheConfigurationItselfOrInTwoPlacesIsRefused() {
        for (String key : new String[] {"wonde.token", ".wonde.token"}) {
            Map<String, Object> p = withToken(base(), TOKEN);
            p.put(key, TOKEN);
            assertThatThrownBy(() -> activate(p, null)).hasMessageContaining(key + " holds the wonde.token itself")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        }
        Map<String, Object> p = withToken(base(), TOKEN);
        p.put("wonde.tokenFile", "etc/secrets/wonde");
        assertThatThrownBy(() -> activate(p, null)).hasMessageContaining("wonde.tokenFile and wonde.tokenEnv are both set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void anUnreadableTokenFileIsRefusedNamingThePath() {
        Map<String, Object> p = base();
        p.put("wonde.tokenFile", temp.resolve("missing").toString());
        assertThatThrownBy(() -> activate(p, null)).hasMessageContaining("school school-a: wonde.tokenFile")
                .hasMessageContaining("cannot be read (NoSuchFileException)");
    }

    /** Issue 19: the base URL as Wonde's documentation writes it is accepted, with or without its slash. */
    @Test
    void theBaseUrlAsWondeDocumentsItIsAccepted() throws Exception {
        for (String documented : new String[] {"https://api.wonde.com/v1.0/", "https://api.wonde.com/v1.0"}) {
            Map<String, Object> p = withToken(base(), TOKEN);
            p.put("wonde.baseUrl", documented);
            WondeReaderComponent component = activate(p, null);
            component.deactivate();
            assertThat(component.settings().schoolUri().toString()).as(documented)
                    .isEqualTo("https://api.wonde.com/v1.0/schools/A1930499544/");
        }
    }

    @Test
    void badValuesAreRefusedByName() {
        Map<String, Object> p = withToken(base(), TOKEN);
        assertRefused(p, "wonde.baseUrl", "ftp://api.wonde.com", "wonde.baseUrl");
        assertRefused(p, "wonde.baseUrl", "https://api.wonde.com/v2.0", "without a path");
        assertRefused(p, "wonde.baseUrl", "https://api.wonde.com/v1.0/schools", "without a path");
        assertRefused(p, "wonde.schoolId", "A1/../../x", "wonde.schoolId");
        assertRefused(p, "wonde.perPage", 0, "wonde.perPage");
        assertRefused(p, "wonde.fullReadHours", 0, "wonde.fullReadHours");
        assertRefused(p, "wonde.maxAttempts", 0, "wonde.maxAttempts");
        assertRefused(p, "wonde.untypedEmailLocation", "MOBILE", "wonde.untypedEmailLocation");
        assertRefused(p, "school.id", "School A", "school.id");
    }

    private static void assertRefused(Map<String, Object> good, String key, Object value, String expected) {
        Map<String, Object> p = new HashMap<>(good);
        p.put(key, value);
        assertThatThrownBy(() -> activate(p, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void anEncryptedTokenIsDecryptedWithTheEncryptorTheConfigurationNamesAndWondeAcceptsIt() throws Exception {
        // stands in for a Jasypt encryptor (tested in org.misbridge.jasypt): the "ciphertext" is the token's Base64
        Decryptor base64 = c -> new String(java.util.Base64.getDecoder().decode(c), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Object> p = base();
        p.put("wonde.token", "ENC(" + java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + ")");
        p.put("decryptor", "wonde-keys");
        try (FakeWonde fake = FakeWonde.start(FakeWonde.School.sample(), TOKEN)) {
            p.put("wonde.baseUrl", fake.baseUrl().toString());
            WondeReaderComponent component = new WondeReaderComponent(config(p), p, Clock.systemUTC(), null, d -> { },
                    name -> null, Map.of("wonde-keys", base64), new SchoolClaimsRegistry());
            try {
                assertThat(component.read().students()).hasSize(7);
            } finally {
                component.deactivate();
            }
            assertThatThrownBy(() -> new WondeReaderComponent(config(p), p, Clock.systemUTC(), null, d -> { }, name -> null,
                    Map.of("misbridge", base64), new SchoolClaimsRegistry()))
                    .hasMessageContaining("school school-a: wonde.token is encrypted (ENC(…)) but no encryptor with alias 'wonde-keys'");
        }
    }
}
