package org.misbridge.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.jspecify.annotations.Nullable;

/**
 * Checks an HTTP Basic {@code Authorization} header against a Karaf JAAS realm and the roles a
 * reader needs. The password is only handed to the login modules, never kept or logged. The login
 * says where it comes from (a {@link ClientPrincipal}, as Karaf's SSH server does), so failed logins
 * are logged and locked out per user and address (bundle org.misbridge.security).
 */
final class JaasBasicAuth {

    /** What a request's credentials came to. */
    enum Verdict {
        /** A known user with one of the roles. */
        ALLOWED,
        /** No credentials, unknown ones or a wrong password: ask again (401). */
        UNAUTHENTICATED,
        /** A known user without the role (403). */
        FORBIDDEN
    }

    private final String realm;
    private final Set<String> roles;

    JaasBasicAuth(String realm, Set<String> roles) {
        this.realm = realm;
        this.roles = Set.copyOf(roles);
    }

    /**
     * @param remoteAddress the peer's address (never a forwarded-for header, which a client writes itself)
     */
    Verdict check(@Nullable String authorization, String remoteAddress) {
        Optional<String[]> credentials = decode(authorization);
        if (credentials.isEmpty()) {
            return Verdict.UNAUTHENTICATED;
        }
        String user = credentials.get()[0];
        char[] password = credentials.get()[1].toCharArray();
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("http", remoteAddress));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAAS loads Karaf's proxy login module through the context class loader; ours imports its package
        thread.setContextClassLoader(JaasBasicAuth.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            try {
                for (Principal p : subject.getPrincipals()) {
                    if (p instanceof RolePrincipal && roles.contains(p.getName())) {
                        return Verdict.ALLOWED;
                    }
                }
                return Verdict.FORBIDDEN;
            } finally {
                login.logout();
            }
        } catch (LoginException | SecurityException e) {
            return Verdict.UNAUTHENTICATED;
        } finally {
            Arrays.fill(password, '\0');
            thread.setContextClassLoader(previous);
        }
    }

    /** The user and password of a Basic header; empty for anything else. */
    static Optional<String[]> decode(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
