package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

/** Issue 23, item 4: roles=viewer,admin in etc/org.misbridge.web.cfg is two roles, not one named "viewer,admin". */
class WebRolesTest {

    private static WebConfiguration withRoles(String... roles) {
        return new WebConfiguration() {
            @Override
            public String realm() {
                return "karaf";
            }

            @Override
            public String[] roles() {
                return roles;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WebConfiguration.class;
            }
        };
    }

    @Test
    void rolesAreReadFromACfgFilesCommaSeparatedTextAndFromATypedArray() {
        assertThat(MisBridgeContext.roles(withRoles("viewer, admin"))).containsExactlyInAnyOrder("viewer", "admin");
        assertThat(MisBridgeContext.roles(withRoles("viewer", "admin", "viewer"))).containsExactlyInAnyOrder("viewer", "admin");
    }
}
