package org.misbridge.oneroster.provider.internal.http;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The whiteboard context {@code /ims/oneroster} the provider is served in. It lets every request
 * through to the servlet, which authenticates OAuth clients itself (Karaf's JAAS login, which guards
 * {@code /misbridge}, is for people, not for consumers).
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE, property = {
    "osgi.http.whiteboard.context.name=" + OneRosterContext.NAME,
    "osgi.http.whiteboard.context.path=" + OneRosterContext.PATH
})
public final class OneRosterContext extends ServletContextHelper {
    static final String NAME = "misbridge-oneroster";
    public static final String PATH = "/ims/oneroster";
    static final String SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + NAME + ")";
}
