package org.misbridge.meals.internal;

import org.misbridge.api.Secrets;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One school's meal-manager export, configured by etc/org.misbridge.meals-&lt;name&gt;.cfg. */
@ObjectClassDefinition(name = "MIS Bridge meal-manager export",
        description = "Sends a school's students (and staff) to its meal manager as Open or Closed after each sync, from an outbox that never loses a change.")
public @interface MealsConfiguration {

    @AttributeDefinition(name = "School id", description = "The school whose directory is exported.")
    String school_id();

    @AttributeDefinition(name = "Endpoint", required = false,
            description = "The meal manager's URL: changes are POSTed to it as JSON. Give this or a drop folder.")
    String meals_endpoint() default "";

    @AttributeDefinition(name = "Drop folder", required = false,
            description = "A folder the meal manager collects CSV files from, written whole (temp file, then rename).")
    String meals_dropFolder() default "";

    @AttributeDefinition(name = "User name", required = false, description = "For HTTP Basic authentication.")
    String meals_username() default "";

    @AttributeDefinition(name = "Password file", required = false,
            description = "A file holding the Basic password (one line), readable only by the Karaf user. The password itself is never put in this configuration in plain text (config:list would show it): only encrypted, in meals.password.")
    String meals_passwordFile() default "";

    @AttributeDefinition(name = "Password variable", required = false,
            description = "Instead of the file: the name of an environment variable of the Karaf process holding the Basic password.")
    String meals_passwordEnv() default "";

    @AttributeDefinition(name = "Password, encrypted", required = false, type = AttributeType.PASSWORD,
            description = "Instead of the file or the variable: the Basic password encrypted as ENC(…) (school:encrypt), decrypted at activation by the encryptor named in decryptor. A plain value is refused.")
    String meals_password() default "";

    @AttributeDefinition(name = "Token file", required = false,
            description = "A file holding a bearer token (one line), sent as Authorization: Bearer instead of Basic.")
    String meals_tokenFile() default "";

    @AttributeDefinition(name = "Token variable", required = false,
            description = "Instead of the file: the name of an environment variable holding the bearer token.")
    String meals_tokenEnv() default "";

    @AttributeDefinition(name = "Token, encrypted", required = false, type = AttributeType.PASSWORD,
            description = "Instead of the file or the variable: the bearer token encrypted as ENC(…) (school:encrypt). A plain value is refused.")
    String meals_token() default "";

    @AttributeDefinition(name = "Encryptor",
            description = "The alias of the registered Jasypt encryptor that decrypts this configuration's ENC(…) values (feature misbridge-jasypt); not needed without them.")
    String decryptor() default Secrets.DEFAULT_DECRYPTOR;

    @AttributeDefinition(name = "Include staff", description = "Export staff as well as students.")
    boolean meals_includeStaff() default false;

    @AttributeDefinition(name = "Close leavers",
            description = "onLeaveDate: a leaver turns Closed when marked leaver. onDelete: leavers stay Open until deleted (the Schoolcomms behaviour).",
            options = {@Option(label = "On the leave date", value = "onLeaveDate"), @Option(label = "When deleted", value = "onDelete")})
    String meals_closeLeavers() default "onLeaveDate";

    @AttributeDefinition(name = "Batch size", description = "Changes per request or file.")
    int meals_batchSize() default 500;

    @AttributeDefinition(name = "Connect timeout (seconds)")
    int meals_connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Response timeout (seconds)")
    int meals_responseTimeoutSeconds() default 30;

    @AttributeDefinition(name = "First retry (seconds)", description = "A failed push is retried after this long, doubling each time.")
    int meals_retry_firstSeconds() default 5;

    @AttributeDefinition(name = "Longest retry wait (seconds)")
    int meals_retry_maxSeconds() default 600;

    String webconsole_configurationFactory_nameHint() default "Meals {school.id}";
}
