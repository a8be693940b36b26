package org.misbridge.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamedKeysTest {

    private static final String SECRET_CIPHER = "ENC(c2VjcmV0LWNpcGhlcnRleHQ=)";

    private final List<String> warnings = new ArrayList<>();
    private final RenamedKeys plugin = new RenamedKeys(warnings::add);

    private static Dictionary<String, Object> config(String factoryPid, String name, String... keyValues) {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put("service.factoryPid", factoryPid);
        d.put("service.pid", factoryPid + "~" + name);
        d.put("felix.fileinstall.filename", "file:/opt/karaf/etc/" + factoryPid + "-" + name + ".cfg");
        d.put("school.id", name);
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        return d;
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        Collections.list(d.keys()).forEach(k -> m.put(k, d.get(k)));
        return m;
    }

    @Test
    void anOldKeyAloneIsDeliveredUnderItsNewNameWithOneWarningNamingBothAndNoValue() {
        Dictionary<String, Object> d = config(RenamedKeys.ONEROSTER, "oakwood", "mode", "rest",
                "rest.baseUrl", "https://mis.example/ims/oneroster/v1p1", "rest.clientSecret", SECRET_CIPHER);
        plugin.modifyConfiguration(null, d);

        assertThat(map(d)).containsEntry("oneroster.mode", "rest")
                .containsEntry("oneroster.rest.baseUrl", "https://mis.example/ims/oneroster/v1p1")
                .containsEntry("oneroster.rest.clientSecret", SECRET_CIPHER)
                .doesNotContainKeys("mode", "rest.baseUrl", "rest.clientSecret");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("etc/org.misbridge.mis.oneroster-oakwood.cfg: configuration keys renamed with the connector prefix")
                .contains("mode -> oneroster.mode", "rest.baseUrl -> oneroster.rest.baseUrl",
                        "rest.clientSecret -> oneroster.rest.clientSecret")
                .doesNotContain("rest\n", "https://", SECRET_CIPHER, "c2VjcmV0"));
    }

    @Test
    void theSameConfigurationDeliveredAgainIsNotWarnedAgain() {
        plugin.modifyConfiguration(null, config(RenamedKeys.CTF, "elm", "dfe.number", "9991234"));
        plugin.modifyConfiguration(null, config(RenamedKeys.CTF, "elm", "dfe.number", "9991234"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("dfe.number -> ctf.dfeNumber")
                .doesNotContain("9991234"));
    }

    @Test
    void newKeysAreDeliveredAsGivenWithoutAWarning() {
        Dictionary<String, Object> d = config(RenamedKeys.MEALS, "ash", "meals.includeStaff", "true",
                "meals.batchSize", "20", "meals.retry.firstSeconds", "2");
        Map<String, Object> before = map(d);
        plugin.modifyConfiguration(null, d);
        assertThat(map(d)).isEqualTo(before);
        assertThat(warnings).isEmpty();
    }

    @Test
    void whenBothAreGivenTheNewKeyWinsAndTheWarningSaysTheOldOneIsIgnored() {
        Dictionary<String, Object> d = config(RenamedKeys.MEALS, "ash", "batchSize", "7", "meals.batchSize", "20",
                "include.staff", "true");
        plugin.modifyConfiguration(null, d);
        assertThat(map(d)).containsEntry("meals.batchSize", "20").containsEntry("meals.includeStaff", "true")
                .doesNotContainKeys("batchSize", "include.staff");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("include.staff -> meals.includeStaff")
                .contains("ignored, the new key is also set: batchSize (meals.batchSize wins)")
                .doesNotContain("20", "7"));
    }

    @Test
    void aPrivateOldKeyBecomesThePrivateNewKey() {
        Dictionary<String, Object> d = config(RenamedKeys.ONEROSTER, "oakwood", ".rest.token", SECRET_CIPHER);
        plugin.modifyConfiguration(null, d);
        assertThat(map(d)).containsEntry(".oneroster.rest.token", SECRET_CIPHER).doesNotContainKey(".rest.token");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains(".rest.token -> .oneroster.rest.token").doesNotContain(SECRET_CIPHER));
    }

    @Test
    void sharedKeysAndOtherConnectorsAreLeftAlone() {
        // school.id and decryptor stay shared; Wonde's keys already carry its prefix; mode is OneRoster's only
        Dictionary<String, Object> wonde = config("org.misbridge.mis.wonde", "fir", "mode", "x", "decryptor", "misbridge");
        Map<String, Object> before = map(wonde);
        plugin.modifyConfiguration(null, wonde);
        assertThat(map(wonde)).isEqualTo(before);
        Dictionary<String, Object> ctf = config(RenamedKeys.CTF, "elm", "decryptor", "misbridge", "ctf.path", "/x");
        before = map(ctf);
        plugin.modifyConfiguration(null, ctf);
        assertThat(map(ctf)).isEqualTo(before);
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyOneRosterKeyTakesThePrefixAndTheTwoTwoWordKeysBecomeOneWord() {
        assertThat(RenamedKeys.RENAMED.get(RenamedKeys.ONEROSTER)).hasSize(28)
                .allSatisfy((oldKey, newKey) -> assertThat(newKey).isEqualTo("oneroster." + oldKey));
        assertThat(RenamedKeys.RENAMED.get(RenamedKeys.ONEROSTER).keySet().stream().filter(k -> k.startsWith("rest.")))
                .hasSize(21);
        assertThat(RenamedKeys.RENAMED.get(RenamedKeys.CTF)).containsExactly(Map.entry("dfe.number", "ctf.dfeNumber"));
        assertThat(RenamedKeys.RENAMED.get(RenamedKeys.MEALS)).containsEntry("include.staff", "meals.includeStaff")
                .containsEntry("retry.maxSeconds", "meals.retry.maxSeconds").hasSize(7);
    }

    @Test
    void applyGivesTheMapADeliveryWouldGive() {
        assertThat(RenamedKeys.apply(RenamedKeys.ONEROSTER, Map.of("school.id", "oak", "csv.path", "/data")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("school.id", "oak", "oneroster.csv.path", "/data"));
    }
}
