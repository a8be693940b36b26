package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.security.PrivilegedAction;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class AuthorisationTest {

    /** Named as Karaf's role principal is; Authorisation matches the class by its simple name. */
    record RolePrincipal(String getName) implements Principal {
    }

    /** Karaf's user principal: a user's name is not a role, even one called "admin". */
    record UserPrincipal(String getName) implements Principal {
    }

    private static void as(Runnable work, Principal... principals) {
        Subject subject = new Subject();
        for (Principal p : principals) {
            subject.getPrincipals().add(p);
        }
        Subject.doAs(subject, (PrivilegedAction<Void>) () -> {
            work.run();
            return null;
        });
    }

    @Test
    void eachRoleMayDoWhatTheRolesBelowItMay() {
        as(() -> {
            Authorisation.require(Role.VIEWER, "school:list");
            Authorisation.require(Role.OPERATOR, "school:sync");
        }, new RolePrincipal("operator"));
        // Karaf's stock admin group has no operator role: admin includes it
        as(() -> Authorisation.require(Role.OPERATOR, "school:sync"), new RolePrincipal("admin"), new RolePrincipal("viewer"));
    }

    @Test
    void aRoleBelowTheOneNeededIsRefusedNamingBoth() {
        as(() -> assertThatThrownBy(() -> Authorisation.require(Role.ADMIN, "school:sync --force"))
                .isInstanceOf(SecurityException.class)
                .hasMessage("Insufficient credentials: school:sync --force needs the admin role (you have operator)"),
                new RolePrincipal("viewer"), new RolePrincipal("operator"));
    }

    @Test
    void aSubjectWithoutAnyOfTheRolesIsRefused() {
        as(() -> assertThatThrownBy(() -> Authorisation.require(Role.VIEWER, "school:list"))
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("you have none of viewer, operator, admin"),
                new UserPrincipal("admin"), new RolePrincipal("ssh"), new RolePrincipal("manager"));
    }

    @Test
    void aCallWithNoSubjectComesFromInsideTheHostAndIsTrusted() {
        assertThatCode(() -> Authorisation.require(Role.ADMIN, "a scheduled sync")).doesNotThrowAnyException();
    }
}
