package org.misbridge.mis.wonde.internal;

import org.misbridge.api.Secrets;
import org.misbridge.mis.http.HttpSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The configuration of one school's Wonde reader ({@code org.misbridge.mis.wonde-<name>.cfg}). */
@ObjectClassDefinition(
        name = "MIS Bridge Wonde reader",
        description = "Reads one school's students, pre-admissions, leavers, contacts, staff and groups from the "
                + "Wonde API each time the school syncs. Give the token in a file (wonde.tokenFile) "
                + "or an environment variable (wonde.tokenEnv).")
public @interface WondeConfiguration {

    @AttributeDefinition(name = "School id", description = "The school this reader serves (school.id); "
            + "1-64 of a-z, 0-9, '.', '-', '_'.")
    String school_id();

    @AttributeDefinition(name = "Wonde school id", description = "Wonde's id of the school, e.g. A1930499544.")
    String wonde_schoolId();

    @AttributeDefinition(name = "Wonde base URL", description = "scheme://host of the school's Wonde region: "
            + "https://api.wonde.com (UK and rest of world), https://api-ap-southeast-2.wonde.com (AU/NZ), "
            + "https://api-af-south-1.wonde.com (ZA). The wrong region answers with no data.")
    String wonde_baseUrl() default WondeSettings.DEFAULT_BASE_URL;

    @AttributeDefinition(name = "Token file", required = false, description = "A file holding only the token, read "
            + "when the configuration is activated; a relative path is resolved against karaf.home. The token itself "
            + "is never put in this configuration in plain text (config:list would show it): only encrypted, in wonde.token.")
    String wonde_tokenFile() default "";

    @AttributeDefinition(name = "Token variable", required = false, description = "Instead of the file: the name of "
            + "an environment variable of the Karaf process holding the token, e.g. MISBRIDGE_WONDE_GREENFIELD.")
    String wonde_tokenEnv() default "";

    @AttributeDefinition(name = "Token, encrypted", required = false, type = AttributeType.PASSWORD, description = "Instead "
            + "of the file or the variable: the token encrypted as ENC(…) (school:encrypt), decrypted at activation by the "
            + "encryptor named in decryptor. A plain value is refused.")
    String wonde_token() default "";

    @AttributeDefinition(name = "Encryptor", description = "The alias of the registered Jasypt encryptor that decrypts "
            + "wonde.token=ENC(…) (feature misbridge-jasypt); not needed without it.")
    String decryptor() default Secrets.DEFAULT_DECRYPTOR;

    @AttributeDefinition(name = "Records per page", description = "per_page asked of Wonde (1-1000).")
    int wonde_perPage() default WondeSettings.DEFAULT_PER_PAGE;

    @AttributeDefinition(name = "Deltas", description = "Between full reads, fetch only what changed since the last "
            + "read (updated_after, plus deletions) and apply it to the records kept in memory.")
    boolean wonde_deltas() default false;

    @AttributeDefinition(name = "Full read every (hours)", description = "With deltas, read everything again after "
            + "this many hours (also after every restart).")
    int wonde_fullReadHours() default WondeSettings.DEFAULT_FULL_READ_HOURS;

    @AttributeDefinition(name = "Location of untyped emails", description = "Where an address Wonde gives only in its "
            + "untyped email/primary slots (not home or work) is put. Only HOME and WORK are imported by default.",
            options = {@Option(label = "Other", value = "OTHER"), @Option(label = "Home", value = "HOME"),
                @Option(label = "Work", value = "WORK")})
    String wonde_untypedEmailLocation() default "OTHER";

    @AttributeDefinition(name = "Connect timeout (s)")
    int wonde_connectTimeoutSeconds() default HttpSettings.DEFAULT_CONNECT_SECONDS;

    @AttributeDefinition(name = "Response timeout (s)", description = "How long to wait for the next bytes of an "
            + "answer; large schools answer slowly.")
    int wonde_responseTimeoutSeconds() default HttpSettings.DEFAULT_RESPONSE_SECONDS;

    @AttributeDefinition(name = "Attempts per request", description = "Tries per page, the first included; I/O "
            + "errors, 5xx and 429 are retried with backoff, honouring Retry-After.")
    int wonde_maxAttempts() default HttpSettings.DEFAULT_MAX_ATTEMPTS;

    @AttributeDefinition(name = "Longest Retry-After (s)", description = "A 429 asking for a longer wait fails the read.")
    int wonde_maxRetryAfterSeconds() default HttpSettings.DEFAULT_MAX_RETRY_AFTER_SECONDS;

    @AttributeDefinition(name = "Largest page (bytes)", description = "A larger answer fails the read unread.")
    long wonde_maxResponseBytes() default HttpSettings.DEFAULT_MAX_RESPONSE_BYTES;

    @AttributeDefinition(name = "Name hint", description = "How instances are named in the web console.")
    String webconsole_configurationFactory_nameHint() default "Wonde {school.id}";
}
