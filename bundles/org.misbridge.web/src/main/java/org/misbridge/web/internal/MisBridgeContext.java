package org.misbridge.web.internal;

import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.misbridge.api.SettingLists;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard context {@code /misbridge} the endpoints live in: every request must carry HTTP
 * Basic credentials of a Karaf user with a reader's role, or it is answered 401 (with
 * {@code WWW-Authenticate}) or 403 before any servlet sees it.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE, configurationPid = "org.misbridge.web",
        property = {
            "osgi.http.whiteboard.context.name=" + MisBridgeContext.NAME,
            "osgi.http.whiteboard.context.path=/misbridge"
        })
@Designate(ocd = WebConfiguration.class)
public final class MisBridgeContext extends ServletContextHelper {

    static final String NAME = "misbridge";
    /** Selects this context in a servlet's whiteboard properties. */
    static final String SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + NAME + ")";

    private static final Logger LOG = LoggerFactory.getLogger(MisBridgeContext.class);

    private final JaasBasicAuth auth;

    @Activate
    public MisBridgeContext(WebConfiguration config) {
        this.auth = new JaasBasicAuth(config.realm(), roles(config));
    }

    /** The roles, from roles=viewer,operator as a .cfg file writes them or as a typed list. */
    static Set<String> roles(WebConfiguration config) {
        return Set.copyOf(SettingLists.entries("roles", config.roles(), "Karaf role names, comma-separated, e.g. viewer,operator,admin"));
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JaasBasicAuth.Verdict verdict = auth.check(request.getHeader("Authorization"), request.getRemoteAddr());
        switch (verdict) {
            case ALLOWED:
                return true;
            case FORBIDDEN:
                LOG.debug("{} refused to a user without a reader's role", request.getRequestURI());
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "a viewer, operator or admin role is needed");
                return false;
            default:
                response.setHeader("WWW-Authenticate", "Basic realm=\"MIS Bridge\", charset=\"UTF-8\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return false;
        }
    }
}
