package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Decryptor;
import org.misbridge.api.internal.RenamedKeys;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A school's OneRoster configuration written with the keys from before the {@code oneroster.} prefix
 * reaches the reader through the ConfigAdmin plugin that renames them, an encrypted client secret
 * included, and the log names the keys but never their values.
 */
class RenamedOneRosterKeysTest {

    private static final String SECRET = "Api-Secret-4d7";

    /** Stands in for a Jasypt encryptor: its "ciphertext" is the reversed Base64. */
    private static final Decryptor REVERSED_BASE64 = c -> new String(Base64.getDecoder()
            .decode(new StringBuilder(c).reverse().toString()), StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private static String enc(String plain) {
        return "ENC(" + new StringBuilder(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)))
                .reverse() + ")";
    }

    /** What DS would get: the configuration as written, through the plugin as ConfigAdmin calls it. */
    private static Map<String, Object> delivered(Map<String, Object> written) {
        Dictionary<String, Object> d = new Hashtable<>(written);
        d.put("service.factoryPid", OneRosterReaderComponent.PID);
        d.put("service.pid", OneRosterReaderComponent.PID + "~greenfield");
        d.put("felix.fileinstall.filename", "file:/opt/karaf/etc/org.misbridge.mis.oneroster-greenfield.cfg");
        new RenamedKeys().modifyConfiguration(null, d);
        Map<String, Object> m = new HashMap<>();
        Collections.list(d.keys()).forEach(k -> m.put(k, d.get(k)));
        return m;
    }

    private String readWithLog(Map<String, Object> written, int students, StringBuilder log) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-renamed", students, 7L), temp.resolve("csv"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        try (FakeOneRosterApi api = FakeOneRosterApi.start(temp.resolve("csv"), false, "app", SECRET)) {
            Map<String, Object> w = new HashMap<>(written);
            w.replaceAll((k, v) -> v.equals("BASE") ? api.baseUrl().toString() : v.equals("TOKEN") ? api.tokenUrl().toString() : v);
            Map<String, Object> p = delivered(w);
            OneRosterReaderComponent reader = new OneRosterReaderComponent(Configs.of(OneRosterConfiguration.class, p), p,
                    OneRosterSets.clockAt("2024-06-01"), null, Map.of("school-keys", REVERSED_BASE64), new SchoolClaimsRegistry());
            try {
                assertThat(reader.read().students()).hasSize(students);
                assertThat(api.tokensIssued()).isEqualTo(1);
            } finally {
                reader.close();
            }
        } finally {
            System.setErr(err);
        }
        log.append(captured.toString(StandardCharsets.UTF_8));
        return log.toString();
    }

    @Test
    void anEncryptedSecretUnderItsOldKeyReachesTheReaderAndNoLogLineHoldsIt() throws Exception {
        Map<String, Object> written = Map.of("school.id", "greenfield", "mode", "rest", "rest.baseUrl", "BASE",
                "rest.tokenUrl", "TOKEN", "rest.clientId", "app", "rest.clientSecret", enc(SECRET), "decryptor", "school-keys");
        String log = readWithLog(written, 12, new StringBuilder());

        assertThat(log).contains("etc/org.misbridge.mis.oneroster-greenfield.cfg: configuration keys renamed with the connector prefix",
                "mode -> oneroster.mode", "rest.clientSecret -> oneroster.rest.clientSecret", "rest.clientId -> oneroster.rest.clientId");
        assertThat(log).doesNotContain(SECRET).doesNotContain(enc(SECRET)).doesNotContain(enc(SECRET).substring(4, 20));
    }

    @Test
    void theNewKeysAreReadWithoutAWarning() throws Exception {
        Map<String, Object> written = Map.of("school.id", "greenfield", "oneroster.mode", "rest",
                "oneroster.rest.baseUrl", "BASE", "oneroster.rest.tokenUrl", "TOKEN", "oneroster.rest.clientId", "app",
                "oneroster.rest.clientSecret", enc(SECRET), "decryptor", "school-keys");
        String log = readWithLog(written, 9, new StringBuilder());
        assertThat(log).doesNotContain("configuration keys renamed").doesNotContain(SECRET);
    }
}
