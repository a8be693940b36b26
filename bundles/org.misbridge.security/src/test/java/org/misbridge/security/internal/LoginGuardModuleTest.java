package org.misbridge.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.Test;

/**
 * The guard in a real JAAS login, as the guarded realm puts it: first and REQUISITE, in front of an
 * OPTIONAL module that checks the password (Karaf's realm has only OPTIONAL modules).
 */
class LoginGuardModuleTest {

    /** Knows one user, karaf/secret, and gives it a role, as Karaf's properties module would. */
    public static final class Passwords implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private boolean ok;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException("no password");
            }
            ok = "karaf".equals(name.getName()) && "secret".equals(new String(password.getPassword()));
            if (!ok) {
                throw new FailedLoginException("wrong password");
            }
            return true;
        }

        @Override
        public boolean commit() {
            if (ok) {
                subject.getPrincipals().add(new RolePrincipal("admin"));
            }
            return ok;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    private final LoginGuard guard = new LoginGuard(new LoginAttempts(
            new LoginAttempts.Settings(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15), 1000), java.time.Clock.systemUTC()), "karaf");

    private final Configuration realm = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
                new AppConfigurationEntry(LoginGuardModule.class.getName(), LoginModuleControlFlag.REQUISITE,
                        Map.of(LoginGuardModule.GUARD, guard)),
                new AppConfigurationEntry(Passwords.class.getName(), LoginModuleControlFlag.OPTIONAL, Map.of()),
            };
        }
    };

    private Subject login(String user, String password, String from) throws LoginException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", from));
        new LoginContext("karaf", subject, callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        }, realm).login();
        return subject;
    }

    @Test
    void theRightPasswordLogsInAndTheGuardAddsNothing() throws LoginException {
        Subject subject = login("karaf", "secret", "/10.0.0.9:40000");
        assertThat(subject.getPrincipals()).extracting(Principal::getName).containsExactlyInAnyOrder("ssh(/10.0.0.9:40000)", "admin");
    }

    @Test
    void aThousandWrongPasswordsThenTheRightOneIsRefusedWithinTheLockout() {
        for (int i = 0; i < 1000; i++) {
            String wrong = "guess-" + i;
            String from = "/10.0.0.9:" + (40000 + i);
            assertThatThrownBy(() -> login("karaf", wrong, from)).isInstanceOf(LoginException.class);
        }
        assertThatThrownBy(() -> login("karaf", "secret", "/10.0.0.9:50000"))
                .isInstanceOf(FailedLoginException.class).hasMessage("Login refused");
        LoginAttempts.Lockout lockout = guard.lockouts().stream().filter(l -> "karaf".equals(l.user())).findFirst().orElseThrow();
        assertThat(lockout.failures()).isEqualTo(5);
        assertThat(lockout.refused()).isEqualTo(996);
    }

    @Test
    void theRightPasswordWorksFromAnotherAddressAndAfterAnUnlock() throws LoginException {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login("karaf", "wrong", "/10.0.0.9:40000")).isInstanceOf(LoginException.class);
        }
        assertThatThrownBy(() -> login("karaf", "secret", "/10.0.0.9:40001")).hasMessage("Login refused");
        login("karaf", "secret", "/10.0.0.10:40000");
        assertThat(guard.unlock("karaf", null, "test")).isEqualTo(1);
        login("karaf", "secret", "/10.0.0.9:40002");
    }

    @Test
    void aLoginWithoutAPasswordIsNeitherCountedNorRefused() {
        // an SSH client offering a key: its handler answers the name, not a password
        for (int i = 0; i < 10; i++) {
            Subject subject = new Subject();
            subject.getPrincipals().add(new ClientPrincipal("ssh", "/10.0.0.9:40000"));
            assertThatThrownBy(() -> new LoginContext("karaf", subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName("karaf");
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            }, realm).login()).isInstanceOf(LoginException.class);
        }
        assertThat(guard.failures()).isEmpty();
        assertThat(guard.lockouts()).isEmpty();
    }
}
