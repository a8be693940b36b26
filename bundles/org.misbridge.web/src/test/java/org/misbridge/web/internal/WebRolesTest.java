package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.testkit.Configs;

/** Issue 23, item 4: roles=viewer,admin in etc/org.misbridge.web.cfg is two roles, not one named "viewer,admin". */
class WebRolesTest {

    private static WebConfiguration withRoles(String... roles) {
        return Configs.of(WebConfiguration.class, Map.of("realm", "karaf", "roles", roles));
    }

    @Test
    void rolesAreReadFromACfgFilesCommaSeparatedTextAndFromATypedArray() {
        assertThat(MisBridgeContext.roles(withRoles("viewer, admin"))).containsExactlyInAnyOrder("viewer", "admin");
        assertThat(MisBridgeContext.roles(withRoles("viewer", "admin", "viewer"))).containsExactlyInAnyOrder("viewer", "admin");
    }
}
