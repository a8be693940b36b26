package org.misbridge.oneroster.provider.internal.auth;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OneRoster 1.2 rostering scopes a client may hold. {@link #CORE} reads every rostering
 * collection except demographics, with users' contact details (email, sms, phone) left out;
 * {@link #FULL} reads everything.
 */
public enum Scope {
    CORE("https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"),
    FULL("https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");

    private final String uri;

    Scope(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static @Nullable Scope of(String uri) {
        for (Scope scope : values()) {
            if (scope.uri.equals(uri)) {
                return scope;
            }
        }
        return null;
    }

    /** Whether these scopes show contact details and demographics. */
    public static boolean full(Set<Scope> scopes) {
        return scopes.contains(FULL);
    }

    /** The scopes as OAuth writes them: space-separated URIs. */
    public static String join(Set<Scope> scopes) {
        StringBuilder text = new StringBuilder();
        for (Scope scope : EnumSet.copyOf(scopes)) {
            text.append(text.length() == 0 ? "" : " ").append(scope.uri);
        }
        return text.toString();
    }
}
