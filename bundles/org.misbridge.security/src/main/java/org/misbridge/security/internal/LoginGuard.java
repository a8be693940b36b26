package org.misbridge.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's record of failed password logins ({@link LoginAttempts}) and the log lines an operator
 * acts on: each failure with the user and the source address, each lockout, the first login a
 * lockout refuses, and each lockout an admin lifts. {@link LoginGuardModule} consults it first in
 * the realm, so it covers SSH, JMX and the /misbridge endpoints alike.
 */
@Component(service = LoginGuard.class, configurationPid = LoginGuard.PID)
@Designate(ocd = LoginGuardConfiguration.class)
public final class LoginGuard {

    static final String PID = "org.misbridge.security.logins";
    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);

    private final LoginAttempts attempts;
    private final String realm;

    @Activate
    public LoginGuard(LoginGuardConfiguration config) {
        this(new LoginAttempts(new LoginAttempts.Settings(config.maxFailures(), config.maxSourceFailures(),
                Duration.ofMinutes(config.windowMinutes()), Duration.ofMinutes(config.lockoutMinutes()), config.maxTracked()),
                Clock.systemUTC()), config.realm());
    }

    LoginGuard(LoginAttempts attempts, @Nullable String realm) {
        this.attempts = attempts;
        this.realm = realm == null || realm.isBlank() ? "karaf" : realm.strip();
        LoginAttempts.Settings s = attempts.settings();
        LOG.debug("Logins to the {} realm lock out after {} failures of a user at an address, or {} from an address, within {};"
                + " for {}", this.realm, s.maxFailures(), s.maxSourceFailures(), s.window(), s.lockout());
    }

    /** The JAAS realm whose logins are guarded. */
    public String realm() {
        return realm;
    }

    /** Whether a lockout refuses this login now, before its password is looked at. */
    boolean refuses(String user, ClientAddress from) {
        Optional<LoginAttempts.Lockout> lockout = attempts.lockout(user, from.host());
        if (lockout.isEmpty()) {
            return false;
        }
        attempts.refused(user, from.host());
        // the first refusal of each lockout is worth a line; a flood of them is counted (school:logins)
        if (lockout.get().refused() == 0) {
            LOG.warn("Login of user '{}' from {} over {} refused: {} is locked out until {}", Printable.of(user), from.host(),
                    from.method(), who(lockout.get()), lockout.get().until());
        } else {
            LOG.debug("Login of user '{}' from {} over {} refused (locked out)", Printable.of(user), from.host(), from.method());
        }
        return true;
    }

    void failed(String user, ClientAddress from) {
        LoginAttempts.Failure failure = attempts.failed(user, from.host());
        LOG.warn("Failed login of user '{}' from {} over {} ({} of {} before a lockout)", Printable.of(user), from.host(),
                from.method(), failure.count(), failure.max());
        failure.lockout().ifPresent(l -> LOG.warn("Locked out {} until {} after {} failed logins; school:unlock lifts it sooner",
                who(l), l.until(), l.failures()));
    }

    void succeeded(String user, ClientAddress from) {
        attempts.succeeded(user, from.host());
    }

    /** Lockouts in force. */
    public List<LoginAttempts.Lockout> lockouts() {
        return attempts.lockouts();
    }

    /** Failures counting towards a lockout. */
    public List<LoginAttempts.Failures> failures() {
        return attempts.failures();
    }

    /**
     * Lifts the lockouts of a user (at one source address, or all of them) or of a whole address.
     *
     * @param actor who lifts them, for the log
     * @return how many lockouts were in force and are lifted
     */
    public int unlock(@Nullable String user, @Nullable String source, String actor) {
        int lifted = attempts.unlock(user, source);
        LOG.warn("{} lifted {} lockout(s) of {}", actor, lifted,
                user == null ? "address " + source : "user '" + Printable.of(user) + "'" + (source == null ? "" : " at " + source));
        return lifted;
    }

    private static String who(LoginAttempts.Lockout l) {
        return l.user() == null ? "address " + l.source() + " (every user)" : "user '" + Printable.of(l.user()) + "' at " + l.source();
    }
}
