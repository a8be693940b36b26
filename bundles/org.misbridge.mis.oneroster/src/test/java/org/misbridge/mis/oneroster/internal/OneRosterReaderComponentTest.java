package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.internal.RenamedKeys;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.Decryptor;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.SchoolGenerator;

/** Activation validates the configuration; the files or the API are only looked at on read. */
class OneRosterReaderComponentTest {

    @TempDir
    Path temp;

    // the tests write the keys from before the oneroster. prefix; ConfigAdmin delivers them renamed
    private static OneRosterReaderComponent activate(Map<String, Object> written, String karafHome) {
        Map<String, Object> properties = RenamedKeys.apply(OneRosterReaderComponent.PID, written);
        return new OneRosterReaderComponent(Configs.of(OneRosterConfiguration.class, properties), properties,
                OneRosterSets.clockAt("2024-06-01"), karafHome, new SchoolClaimsRegistry());
    }

    private static OneRosterReaderComponent csv(String schoolId, String csvPath, String karafHome) {
        Map<String, Object> p = new HashMap<>();
        p.put("school.id", schoolId);
        p.put("csv.path", csvPath);
        return activate(p, karafHome);
    }

    private static Map<String, Object> rest(String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("school.id", "school-a");
        p.put("mode", "rest");
        p.put("rest.baseUrl", "https://mis.example/ims/oneroster/v1p1");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aBlankCsvPathFailsActivationClearly() {
        assertThatThrownBy(() -> csv("school-a", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("csv.path is blank");
        assertThatThrownBy(() -> activate(new HashMap<>(Map.of("school.id", "school-a")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("csv.path");
    }

    @Test
    void anInvalidSchoolIdFailsActivation() {
        assertThatThrownBy(() -> csv("School A", "/data", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("school.id");
    }

    @Test
    void badZipLimitsAndAnUnknownModeFailActivation() {
        Map<String, Object> p = new HashMap<>(Map.of("school.id", "school-a", "csv.path", "/data", "zip.maxEntries", "0"));
        assertThatThrownBy(() -> activate(p, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zip.maxEntries");
        assertThatThrownBy(() -> activate(rest("mode", "soap"), null)).hasMessageContaining("school-a: oneroster.mode is 'soap'");
    }

    @Test
    void csvEncodingTakesUtf8AndTheWesternSingleByteEncodingsAndRefusesOthersNamingThem() throws Exception {
        Path set = Files.createDirectories(temp.resolve("cp1252"));
        OneRosterSets.write(set, OneRosterSets.set("", ""));
        Files.write(set.resolve("users.csv"), (OneRosterSets.USERS_HEADER + "\r\ns1,,,TRUE,org-1,student,s1,,Zo\u00e9,O\u2019Brien,,,,,,,7,\r\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Map<String, Object> p = new HashMap<>(Map.of("school.id", "school-a", "csv.path", set.toString(), "csv.encoding", "windows-1252"));
        assertThat(activate(p, null).read().students()).singleElement()
                .satisfies(s -> assertThat(s.givenName() + " " + s.familyName()).isEqualTo("Zo\u00e9 O\u2019Brien"));
        p.put("csv.encoding", "UTF-16");
        assertThatThrownBy(() -> activate(p, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("school school-a: oneroster.csv.encoding 'utf-16' is not one the reader takes; use one of "
                        + "[UTF-8, windows-1252, ISO-8859-1, ISO-8859-15]");
        p.put("csv.encoding", "klingon");
        assertThatThrownBy(() -> activate(p, null)).hasMessageContaining("csv.encoding 'klingon'");
    }

    /** oneroster.csv.deltas: auto unless set, true or false in any case (a Boolean too), and nothing else. */
    @Test
    void csvDeltasAreAutoTrueOrFalse() throws Exception {
        Path set = Files.createDirectories(temp.resolve("deltas"));
        OneRosterSets.write(set, OneRosterSets.set("", ""));
        assertThat(CsvDeltas.of(" Auto ")).isEqualTo(CsvDeltas.AUTO);
        assertThat(CsvDeltas.of("TRUE")).isEqualTo(CsvDeltas.ON);
        assertThat(CsvDeltas.of("off")).isEqualTo(CsvDeltas.OFF);
        Map<String, Object> p = new HashMap<>(Map.of("school.id", "school-a", "csv.path", set.toString()));
        assertThat(activate(p, null).readsDeltas()).isFalse(); // auto: nothing kept before a second read
        p.put("oneroster.csv.deltas", Boolean.TRUE);
        assertThat(activate(p, null).readsDeltas()).isTrue();
        p.put("oneroster.csv.deltas", "false");
        OneRosterReaderComponent off = activate(p, null);
        off.read();
        off.read();
        assertThat(off.readsDeltas()).isFalse();
        p.put("oneroster.csv.deltas", "sometimes");
        assertThatThrownBy(() -> activate(p, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("school school-a: oneroster.csv.deltas is 'sometimes'; expected auto, true or false");
    }

    /** The service the sync is given hashes a CSV school's files (issue 21); a REST school's it cannot. */
    @Test
    void aCsvSchoolsReaderServiceFingerprintsItsFilesAndARestOneHasNone() throws Exception {
        Path set = Files.createDirectories(temp.resolve("fp"));
        OneRosterSets.write(set, OneRosterSets.set("", ""));
        OneRosterReaderComponent reader = csv("school-a", set.toString(), null);
        String fingerprint = reader.fingerprint();
        assertThat(fingerprint).matches("[0-9a-f]{64}").isEqualTo(new OneRosterCsvReader("school-a", set, null,
                OneRosterSets.clockAt("2024-06-01"), Limits.defaults(), java.nio.charset.StandardCharsets.UTF_8, CsvDeltas.AUTO,
                new KeptReads(0)).fingerprint()); // oneroster.csv.deltas is auto unless configured
        assertThat(reader.stamp()).isNotNull();
        Files.writeString(set.resolve("users.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(reader.fingerprint()).isNotEqualTo(fingerprint);

        OneRosterReaderComponent rest = activate(rest(), null);
        assertThat(rest.stamp()).isNull();
        assertThat(rest.fingerprint()).isNull();
        rest.close();
    }

    @Test
    void aRelativeCsvPathIsResolvedAgainstKarafHome() {
        assertThat(csv("school-a", "data/oneroster", "/opt/karaf").csvPath()).isEqualTo(Path.of("/opt/karaf/data/oneroster"));
        assertThat(csv("school-a", "/srv/or.zip", "/opt/karaf").csvPath()).isEqualTo(Path.of("/srv/or.zip"));
    }

    @Test
    void aPathThatDoesNotExistYetActivatesAndFailsOnlyOnRead() {
        Path later = temp.resolve("arrives-later.zip");
        OneRosterReaderComponent reader = csv("school-a", later.toString(), null);
        assertThat(reader.kind()).isEqualTo("oneroster-csv");
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class).hasMessageContaining(later + " does not exist");
    }

    @Test
    void readsTheRealSetThroughTheComponent() throws Exception {
        Path set = OneRosterSets.sharedOneRoster("v1p1-full");
        assertThat(csv("school-a", set.toString(), null).read().students()).hasSize(3);
    }

    @Test
    void restModeNeedsAnHttpUrlWithoutCredentialsInIt() {
        assertThatThrownBy(() -> activate(rest("rest.baseUrl", ""), null)).hasMessageContaining("rest.baseUrl is blank");
        assertThatThrownBy(() -> activate(rest("rest.baseUrl", "ftp://mis.example/or"), null)).hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> activate(rest("rest.baseUrl", "https://user:s3cret@mis.example/or"), null))
                .hasMessageContaining("carries a user name or password").hasMessageNotContaining("s3cret");
        OneRosterReaderComponent reader = activate(rest(), null);
        assertThat(reader.kind()).isEqualTo("oneroster-rest");
        reader.close();
    }

    @Test
    void aSecretWrittenIntoTheConfigurationIsRefusedWithoutBeingQuoted() {
        for (String key : new String[] {"rest.clientSecret", ".rest.clientSecret", "rest.token", ".rest.token"}) {
            assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                    key, "Sup3rSecret"), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(key + " holds the").hasMessageContaining("File").hasMessageContaining("Env")
                    .hasMessageNotContaining("Sup3rSecret");
        }
    }

    @Test
    void aSecretComesFromTheEnvironmentVariableTheConfigurationNames() {
        // PATH is set wherever the tests run; its value stands in for a secret here
        activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                "rest.clientSecretEnv", "PATH"), null).close();
        assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                "rest.clientSecretEnv", "MISBRIDGE_TEST_SURELY_UNSET_VARIABLE"), null))
                .hasMessageContaining("rest.clientSecretEnv names the environment variable MISBRIDGE_TEST_SURELY_UNSET_VARIABLE");
    }

    @Test
    void aTokenUrlNeedsAClientIdAndASecretFromAFileOrAVariable() throws Exception {
        assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientSecretEnv", "PATH"), null))
                .hasMessageContaining("rest.clientId is blank");
        assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app"), null))
                .hasMessageContaining("no client secret");
        assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.relyingParty", "rp.example"), null))
                .hasMessageContaining("oneroster.rest.relyingParty and oneroster.rest.establishment");
        Path secretFile = Files.writeString(temp.resolve("secret"), "FileSecret\n");
        activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                "rest.clientSecretFile", secretFile.toString()), null).close();
        assertThatThrownBy(() -> activate(rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                "rest.clientSecretFile", temp.resolve("missing").toString()), null))
                .hasMessageContaining("rest.clientSecretFile").hasMessageContaining("cannot be read");
    }

    /** Stands in for a Jasypt encryptor (tested in org.misbridge.jasypt): its "ciphertext" is the reversed Base64. */
    private static final Decryptor REVERSED_BASE64 = c -> new String(java.util.Base64.getDecoder()
            .decode(new StringBuilder(c).reverse().toString()), java.nio.charset.StandardCharsets.UTF_8);

    private static String enc(String plain) {
        return "ENC(" + new StringBuilder(java.util.Base64.getEncoder().encodeToString(plain.getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).reverse() + ")";
    }

    @Test
    void anEncryptedClientSecretIsDecryptedAtActivationAndTheApiAcceptsIt() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-enc", 30, 5L), temp.resolve("csv"));
        try (FakeOneRosterApi api = FakeOneRosterApi.start(temp.resolve("csv"), false, "app", "Api-Secret-91c")) {
            Map<String, Object> p = RenamedKeys.apply(OneRosterReaderComponent.PID, rest("rest.baseUrl", api.baseUrl().toString(),
                    "rest.tokenUrl", api.tokenUrl().toString(), "rest.clientId", "app", "rest.clientSecret", enc("Api-Secret-91c"),
                    "decryptor", "school-keys"));
            OneRosterReaderComponent reader = new OneRosterReaderComponent(Configs.of(OneRosterConfiguration.class, p), p,
                    OneRosterSets.clockAt("2024-06-01"), null, Map.of("school-keys", REVERSED_BASE64), new SchoolClaimsRegistry());
            try {
                assertThat(reader.read().students()).hasSize(30);
                assertThat(api.tokensIssued()).isEqualTo(1);
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void anEncryptedSecretWithoutItsEncryptorRegisteredIsRefusedNamingTheAlias() {
        Map<String, Object> p = rest("rest.tokenUrl", "https://mis.example/token", "rest.clientId", "app",
                "rest.clientSecret", enc("Api-Secret-91c"));
        assertThatThrownBy(() -> activate(p, null))
                .hasMessageContaining("school school-a: oneroster.rest.clientSecret is encrypted (ENC(…)) but no encryptor with alias 'misbridge'")
                .hasMessageNotContaining("Api-Secret-91c");
        Map<String, Object> delivered = RenamedKeys.apply(OneRosterReaderComponent.PID, p);
        assertThatThrownBy(() -> new OneRosterReaderComponent(Configs.of(OneRosterConfiguration.class, delivered), delivered,
                OneRosterSets.clockAt("2024-06-01"), null, Map.of("misbridge", c -> {
                    throw new IllegalArgumentException("wrong password");
                }), new SchoolClaimsRegistry())).hasMessageContaining("rest.clientSecret cannot be decrypted with the encryptor 'misbridge'");
    }
}
