package org.misbridge.api;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import org.jspecify.annotations.Nullable;

/**
 * The check a command or service makes on what a request means once parsed ({@code school:sync
 * --dry-run=false --force} is a forced sync, {@code school:group x DELETE} a delete), against the
 * caller's JAAS subject: the Karaf shell runs each command as its session's subject. Command ACLs
 * match the text typed; this is what stands behind them.
 *
 * <p>A call with no subject comes from inside the host (the scheduler, a bundle's own thread) and is
 * trusted. A call with a subject needs a role principal ({@code viewer}, {@code operator} or
 * {@code admin}, matched as Karaf's {@code RolePrincipal} by name, so this bundle imports nothing of
 * Karaf) that {@link Role#includes includes} the role asked for.
 */
public final class Authorisation {

    private Authorisation() {
    }

    /**
     * Refuses the request unless the caller may make it.
     *
     * @param what the request as a person would name it, e.g. {@code school:sync --force}
     * @throws SecurityException starting "Insufficient credentials", as Karaf's own refusals do
     */
    public static void require(Role needed, String what) {
        Subject subject = currentSubject();
        if (subject == null) {
            return;
        }
        Optional<Role> has = highestRole(subject);
        if (has.isEmpty() || !has.get().includes(needed)) {
            throw new SecurityException("Insufficient credentials: " + what + " needs the " + needed.principalName()
                    + " role (" + has.map(r -> "you have " + r.principalName()).orElse("you have none of viewer, operator, admin")
                    + ")");
        }
    }

    /** The highest of the three roles the subject holds. */
    public static Optional<Role> highestRole(Subject subject) {
        @Nullable Role highest = null;
        for (Principal p : subject.getPrincipals()) {
            if (!"RolePrincipal".equals(p.getClass().getSimpleName())) {
                continue;
            }
            for (Role role : Role.values()) {
                if (role.principalName().equals(p.getName()) && (highest == null || role.includes(highest))) {
                    highest = role;
                }
            }
        }
        return Optional.ofNullable(highest);
    }

    @SuppressWarnings("removal") // the Karaf shell runs commands as the session's Subject (Subject.doAs)
    private static @Nullable Subject currentSubject() {
        return Subject.getSubject(AccessController.getContext());
    }
}
