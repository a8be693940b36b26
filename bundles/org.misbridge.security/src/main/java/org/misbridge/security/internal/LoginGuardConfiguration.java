package org.misbridge.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How failed logins lock logins out (etc/org.misbridge.security.logins.cfg; every key has a default). */
@ObjectClassDefinition(name = "MIS Bridge failed logins",
        description = "Failed password logins over SSH, JMX and the /misbridge HTTP endpoints (the karaf JAAS realm) are logged"
                + " and, past a limit, locked out per user and source address. Saving this file lifts every lockout.")
public @interface LoginGuardConfiguration {

    @AttributeDefinition(name = "Failures per user and source",
            description = "Failed logins of one user from one address, within the window, that lock that user out at that address.")
    int maxFailures() default 5;

    @AttributeDefinition(name = "Failures per source",
            description = "Failed logins from one address, of any users, within the window, that lock the whole address out.")
    int maxSourceFailures() default 20;

    @AttributeDefinition(name = "Window (minutes)", description = "How long a failed login counts towards a lockout.")
    int windowMinutes() default 15;

    @AttributeDefinition(name = "Lockout (minutes)",
            description = "How long a lockout lasts; logins refused meanwhile do not extend it. school:unlock lifts one sooner.")
    int lockoutMinutes() default 15;

    @AttributeDefinition(name = "Pairs and addresses tracked",
            description = "At most this many users-at-addresses and addresses are remembered; the oldest failures go first.")
    int maxTracked() default 10000;

    @AttributeDefinition(name = "Realm", description = "The JAAS realm whose logins are guarded.")
    String realm() default "karaf";
}
