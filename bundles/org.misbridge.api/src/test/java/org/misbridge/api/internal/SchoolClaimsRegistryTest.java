package org.misbridge.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolClaims;

class SchoolClaimsRegistryTest {

    private final SchoolClaims claims = new SchoolClaimsRegistry();

    private static Map<String, Object> file(String name) {
        return Map.of("felix.fileinstall.filename", "file:/opt/karaf/etc/" + name, "service.pid", "x~" + name);
    }

    @Test
    void aFileNamedForOneSchoolCannotServeAnother() {
        assertThatThrownBy(() -> claims.claim("org.misbridge.sync", "oakwood", file("org.misbridge.sync-greenfield.cfg")))
                .hasMessageContaining("etc/org.misbridge.sync-greenfield.cfg is named for school 'greenfield'")
                .hasMessageContaining("school.id=oakwood");
    }

    @Test
    void aNamedFactoryConfigurationIsJudgedByItsName() {
        assertThatThrownBy(() -> claims.claim("org.misbridge.meals", "oakwood",
                Map.of("service.pid", "org.misbridge.meals~greenfield")))
                .hasMessageContaining("configuration org.misbridge.meals~greenfield is named for school 'greenfield'");
    }

    @Test
    void aSecondConfigurationOfOneConnectorForASchoolIsRefusedNamingBoth() {
        try (SchoolClaims.Claim first = claims.claim("org.misbridge.mis.ctf", "elmtree",
                Map.of("service.pid", "org.misbridge.mis.ctf.1234"))) {
            assertThatThrownBy(() -> claims.claim("org.misbridge.mis.ctf", "elmtree",
                    Map.of("service.pid", "org.misbridge.mis.ctf.5678")))
                    .hasMessageContaining("configuration org.misbridge.mis.ctf.5678 is refused")
                    .hasMessageContaining("already has a org.misbridge.mis.ctf configuration, configuration org.misbridge.mis.ctf.1234");
            // another connector of the same school, and the same connector of another school, are fine
            claims.claim("org.misbridge.meals", "elmtree", Map.of("service.pid", "m.1")).close();
            claims.claim("org.misbridge.mis.ctf", "ashgrove", Map.of("service.pid", "c.2")).close();
        }
        // once released, the school can be served by the other configuration
        claims.claim("org.misbridge.mis.ctf", "elmtree", Map.of("service.pid", "org.misbridge.mis.ctf.5678")).close();
    }

    @Test
    void theSameConfigurationActivatedAgainKeepsItsClaim() {
        Map<String, Object> p = file("org.misbridge.mis.wonde-birch.cfg");
        try (SchoolClaims.Claim claim = claims.claim("org.misbridge.mis.wonde", "birch", p)) {
            claims.claim("org.misbridge.mis.wonde", "birch", p);
        }
        assertThat(SchoolClaimsRegistry.nameOf("org.misbridge.mis.wonde", p)).isEqualTo("birch");
    }
}
