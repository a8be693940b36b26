package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchoolClaimsTest {

    private static Map<String, Object> file(String name) {
        return Map.of("felix.fileinstall.filename", "file:/opt/karaf/etc/" + name, "service.pid", "x~" + name);
    }

    @Test
    void aFileNamedForOneSchoolCannotServeAnother() {
        assertThatThrownBy(() -> SchoolClaims.claim("org.misbridge.sync", "oakwood", file("org.misbridge.sync-greenfield.cfg")))
                .hasMessageContaining("etc/org.misbridge.sync-greenfield.cfg is named for school 'greenfield'")
                .hasMessageContaining("school.id=oakwood");
    }

    @Test
    void aNamedFactoryConfigurationIsJudgedByItsName() {
        assertThatThrownBy(() -> SchoolClaims.claim("org.misbridge.meals", "oakwood",
                Map.of("service.pid", "org.misbridge.meals~greenfield")))
                .hasMessageContaining("configuration org.misbridge.meals~greenfield is named for school 'greenfield'");
    }

    @Test
    void aSecondConfigurationOfOneConnectorForASchoolIsRefusedNamingBoth() {
        try (SchoolClaims.Claim first = SchoolClaims.claim("org.misbridge.mis.ctf", "elmtree",
                Map.of("service.pid", "org.misbridge.mis.ctf.1234"))) {
            assertThatThrownBy(() -> SchoolClaims.claim("org.misbridge.mis.ctf", "elmtree",
                    Map.of("service.pid", "org.misbridge.mis.ctf.5678")))
                    .hasMessageContaining("configuration org.misbridge.mis.ctf.5678 is refused")
                    .hasMessageContaining("already has a org.misbridge.mis.ctf configuration, configuration org.misbridge.mis.ctf.1234");
            // another connector of the same school, and the same connector of another school, are fine
            SchoolClaims.claim("org.misbridge.meals", "elmtree", Map.of("service.pid", "m.1")).close();
            SchoolClaims.claim("org.misbridge.mis.ctf", "ashgrove", Map.of("service.pid", "c.2")).close();
        }
        // once released, the school can be served by the other configuration
        SchoolClaims.claim("org.misbridge.mis.ctf", "elmtree", Map.of("service.pid", "org.misbridge.mis.ctf.5678")).close();
    }

    @Test
    void theSameConfigurationActivatedAgainKeepsItsClaim() {
        Map<String, Object> p = file("org.misbridge.mis.wonde-birch.cfg");
        try (SchoolClaims.Claim claim = SchoolClaims.claim("org.misbridge.mis.wonde", "birch", p)) {
            SchoolClaims.claim("org.misbridge.mis.wonde", "birch", p);
        }
        assertThat(SchoolClaims.nameOf("org.misbridge.mis.wonde", p)).isEqualTo("birch");
    }
}
