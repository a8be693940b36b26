package org.misbridge.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may read /misbridge/health and /misbridge/metrics (etc/org.misbridge.web.cfg); the port is Pax Web's. */
@ObjectClassDefinition(name = "MIS Bridge HTTP endpoints",
        description = "Authentication of /misbridge/health and /misbridge/metrics: HTTP Basic checked against a Karaf JAAS realm.")
public @interface WebConfiguration {

    @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm user names and passwords are checked against.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Roles", description = "A user needs one of these roles (from users.properties groups) to read the endpoints; comma-separated.")
    String[] roles() default {"viewer", "operator", "admin"};
}
