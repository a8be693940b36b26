package org.misbridge.security.internal;

import java.io.IOException;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.jspecify.annotations.Nullable;

/**
 * The first login module of the guarded realm, {@code REQUISITE}: it refuses a locked-out login
 * before any module looks at the password, and otherwise stands aside ({@code login()} answers
 * false, so it never makes a login succeed), then counts the outcome: {@code abort()} means the
 * login failed, {@code commit()} that it succeeded. Only password logins count and are refused: an
 * SSH client offering keys it holds (the handler has no password to give) is neither.
 */
public final class LoginGuardModule implements LoginModule {

    /** The option that carries the {@link LoginGuard} (JAAS options are objects in Karaf's realms). */
    static final String GUARD = LoginGuard.class.getName();

    private @Nullable Subject subject;
    private @Nullable CallbackHandler handler;
    private @Nullable LoginGuard guard;
    private @Nullable String user;
    private @Nullable ClientAddress from;
    private boolean counted;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = callbackHandler;
        this.guard = options.get(GUARD) instanceof LoginGuard g ? g : null;
    }

    @Override
    public boolean login() throws LoginException {
        counted = false;
        if (guard == null || handler == null || subject == null) {
            return false;
        }
        NameCallback name = new NameCallback("User name: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        boolean withPassword;
        try {
            handler.handle(new Callback[] {name, password});
            withPassword = true;
        } catch (UnsupportedCallbackException keyOrOther) {
            withPassword = false;
        } catch (IOException e) {
            throw new LoginException("cannot read the login: " + e.getClass().getSimpleName());
        } finally {
            password.clearPassword();
        }
        user = name.getName();
        if (!withPassword || user == null) {
            return false;
        }
        from = ClientAddress.of(subject);
        counted = true;
        if (guard.refuses(user, from)) {
            counted = false; // a refusal is not a failure of its own: it neither extends the lockout nor counts towards another
            throw new FailedLoginException("Login refused");
        }
        return false;
    }

    @Override
    public boolean commit() {
        if (counted && guard != null && user != null && from != null) {
            guard.succeeded(user, from);
        }
        counted = false;
        return false;
    }

    @Override
    public boolean abort() {
        if (counted && guard != null && user != null && from != null) {
            guard.failed(user, from);
        }
        counted = false;
        return false;
    }

    @Override
    public boolean logout() {
        return false;
    }
}
