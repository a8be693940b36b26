package org.misbridge.mis.oneroster.internal;

import org.misbridge.api.Secrets;
import org.misbridge.mis.http.HttpSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The configuration of one school's OneRoster reader ({@code org.misbridge.mis.oneroster-<name>.cfg}). */
@ObjectClassDefinition(
        name = "MIS Bridge OneRoster reader",
        description = "Reads one school's roll from OneRoster 1.1 or 1.2, as CSV (a folder or zip) or from a REST API, "
                + "each time the school syncs.")
public @interface OneRosterConfiguration {

    @AttributeDefinition(name = "School id", description = "The school this reader serves (school.id); "
            + "1-64 of a-z, 0-9, '.', '-', '_'.")
    String school_id();

    @AttributeDefinition(name = "Mode", description = "csv reads files from oneroster.csv.path; rest reads the API at oneroster.rest.baseUrl.")
    String oneroster_mode() default "csv";

    @AttributeDefinition(name = "CSV path", required = false, description = "The folder or .zip holding manifest.csv, "
            + "users.csv, enrollments.csv, classes.csv and orgs.csv (and roles.csv for 1.2), or a folder of such sets "
            + "named in export order (the last bulk set and the delta sets after it are read). A relative path is "
            + "resolved against karaf.home. It need not exist yet; a read fails until it does.")
    String oneroster_csv_path() default "";

    @AttributeDefinition(name = "Org sourcedId", required = false, description = "Read only the users, classes and "
            + "enrollments of this org (its sourcedId); empty reads every org.")
    String oneroster_org_sourcedId() default "";

    @AttributeDefinition(name = "CSV encoding", description = "The encoding of the CSV files: UTF-8 (the OneRoster "
            + "specification's, and the default), or windows-1252, ISO-8859-1 or ISO-8859-15 for older exports. Every "
            + "byte must be valid in it: a file that is not is refused, naming the row, column and bytes.")
    String oneroster_csv_encoding() default "UTF-8";

    @AttributeDefinition(name = "CSV: deltas", description = "Keep the last read in memory, hash the files at each "
            + "read (SHA-256) and read again only what changed: files as they were give the last snapshot again; a "
            + "changed users.csv or enrollments.csv (one set) redoes only the changed users and enrolments. The sync then "
            + "plans only what changed. Costs about half a KiB of heap per user and enrolment row. auto: from the "
            + "school's second read of a day, for a school of 50,000 rows or more, within the host's budget "
            + "(etc/org.misbridge.mis.oneroster.memory.cfg); true: always; false: never.",
            options = {@Option(label = "auto", value = "auto"), @Option(label = "true", value = "true"),
                    @Option(label = "false", value = "false")})
    String oneroster_csv_deltas() default "auto";

    @AttributeDefinition(name = "Zip: most entries", description = "A zip with more entries is refused unread.")
    int oneroster_zip_maxEntries() default Limits.DEFAULT_MAX_ENTRIES;

    @AttributeDefinition(name = "Most bytes of a set (zip or folder)", description = "A set whose files come to more "
            + "bytes in all (a zip's uncompressed entries, a folder's CSV files) is refused before any is read (default 512 MiB).")
    long oneroster_zip_maxTotalBytes() default Limits.DEFAULT_MAX_TOTAL_BYTES;

    @AttributeDefinition(name = "Zip: highest compression ratio", description = "An entry that compresses better "
            + "than this ratio is taken for a zip bomb and refused.")
    int oneroster_zip_maxRatio() default Limits.DEFAULT_MAX_RATIO;

    @AttributeDefinition(name = "REST: base URL", required = false, description = "The API root, e.g. "
            + "https://host/ims/oneroster/v1p1 (orgs, users, classes and enrollments are read below it).")
    String oneroster_rest_baseUrl() default "";

    @AttributeDefinition(name = "REST: OneRoster version", description = "1.1, 1.2, or auto (1.2 when the base URL has v1p2).")
    String oneroster_rest_version() default "auto";

    @AttributeDefinition(name = "REST: token URL", required = false, description = "OAuth 2.0 client-credentials "
            + "token endpoint; empty when the API takes a fixed token or none.")
    String oneroster_rest_tokenUrl() default "";

    @AttributeDefinition(name = "REST: client id", required = false, description = "Sent with the secret as HTTP "
            + "Basic to the token URL.")
    String oneroster_rest_clientId() default "";

    @AttributeDefinition(name = "REST: Xporter relying party", required = false, description = "For Groupcall "
            + "Xporter: with oneroster.rest.establishment, the client id becomes relyingParty|establishment.")
    String oneroster_rest_relyingParty() default "";

    @AttributeDefinition(name = "REST: Xporter establishment", required = false, description = "The school's "
            + "establishment number (LA code and DfE number) for Xporter.")
    String oneroster_rest_establishment() default "";

    @AttributeDefinition(name = "REST: client secret file", required = false, description = "A file holding the "
            + "client secret (one line) that only the Karaf user can read. The secret itself is never put in this "
            + "configuration in plain text (config:list would show it): only encrypted, in oneroster.rest.clientSecret.")
    String oneroster_rest_clientSecretFile() default "";

    @AttributeDefinition(name = "REST: client secret, encrypted", required = false, type = AttributeType.PASSWORD,
            description = "Instead of the file or the variable: the client secret encrypted as ENC(…) (school:encrypt), "
            + "decrypted at activation by the encryptor named in decryptor. A plain value is refused.")
    String oneroster_rest_clientSecret() default "";

    @AttributeDefinition(name = "REST: client secret variable", required = false, description = "Instead of the "
            + "file: the name of an environment variable of the Karaf process holding the client secret, e.g. "
            + "MISBRIDGE_GREENFIELD_SECRET (the name, not ${env:...}, which would put the value in the configuration).")
    String oneroster_rest_clientSecretEnv() default "";

    @AttributeDefinition(name = "REST: scope", required = false, description = "The scope asked for with the token, "
            + "e.g. https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly")
    String oneroster_rest_scope() default "";

    @AttributeDefinition(name = "REST: fixed token file", required = false, description = "For APIs without a "
            + "token URL: a file holding a long-lived bearer token (one line).")
    String oneroster_rest_tokenFile() default "";

    @AttributeDefinition(name = "REST: fixed token variable", required = false, description = "Instead of the "
            + "file: the name of an environment variable holding the bearer token.")
    String oneroster_rest_tokenEnv() default "";

    @AttributeDefinition(name = "REST: fixed token, encrypted", required = false, type = AttributeType.PASSWORD,
            description = "Instead of the file or the variable: the bearer token encrypted as ENC(…) (school:encrypt). "
            + "A plain value is refused.")
    String oneroster_rest_token() default "";

    @AttributeDefinition(name = "Encryptor", description = "The alias of the registered Jasypt encryptor that decrypts "
            + "this configuration's ENC(…) values (feature misbridge-jasypt); not needed without them.")
    String decryptor() default Secrets.DEFAULT_DECRYPTOR;

    @AttributeDefinition(name = "REST: page size", description = "Records asked for per request (limit).")
    int oneroster_rest_pageSize() default RestSettings.DEFAULT_PAGE_SIZE;

    @AttributeDefinition(name = "REST: deltas", description = "After a full read, ask only for records changed "
            + "since (dateLastModified filter) and apply them to the records kept in memory.")
    boolean oneroster_rest_deltas() default false;

    @AttributeDefinition(name = "REST: hours between full reads", description = "With deltas, a full read "
            + "replaces the records kept this often (and after a restart or a failed read).")
    int oneroster_rest_fullReadHours() default 24;

    @AttributeDefinition(name = "REST: connect timeout (s)")
    int oneroster_rest_connectTimeoutSeconds() default HttpSettings.DEFAULT_CONNECT_SECONDS;

    @AttributeDefinition(name = "REST: response timeout (s)", description = "How long to wait for the next bytes of an answer.")
    int oneroster_rest_responseTimeoutSeconds() default HttpSettings.DEFAULT_RESPONSE_SECONDS;

    @AttributeDefinition(name = "REST: attempts per request", description = "I/O errors, 5xx and 429 are retried "
            + "with doubling backoff (429 honours Retry-After).")
    int oneroster_rest_maxAttempts() default HttpSettings.DEFAULT_MAX_ATTEMPTS;

    @AttributeDefinition(name = "REST: longest Retry-After (s)", description = "A server asking for a longer wait fails the read.")
    int oneroster_rest_maxRetryAfterSeconds() default HttpSettings.DEFAULT_MAX_RETRY_AFTER_SECONDS;

    @AttributeDefinition(name = "REST: largest answer (bytes)", description = "A page larger than this fails the read unread.")
    long oneroster_rest_maxResponseBytes() default HttpSettings.DEFAULT_MAX_RESPONSE_BYTES;

    @AttributeDefinition(name = "Name hint", description = "How instances are named in the web console.")
    String webconsole_configurationFactory_nameHint() default "OneRoster {school.id}";
}
