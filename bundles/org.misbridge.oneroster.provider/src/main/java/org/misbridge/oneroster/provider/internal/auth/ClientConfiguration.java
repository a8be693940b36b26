package org.misbridge.oneroster.provider.internal.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One OneRoster consumer, {@code etc/org.misbridge.oneroster.client-NAME.cfg}. Its secret is never
 * written here as it is: {@code clientSecretFile}, {@code clientSecretEnv}, or
 * {@code clientSecret=ENC(…)}, as every other credential (docs/configuration.md, "Credentials").
 */
@ObjectClassDefinition(name = "MIS Bridge OneRoster client",
        description = "A consumer of the OneRoster 1.2 provider: its id, the schools it may read, its scopes and where its secret is")
public @interface ClientConfiguration {

    @AttributeDefinition(name = "Client id", description = "The client_id the consumer authenticates with (letters, digits, '.', '_', '-', at most 64)")
    String client_id();

    @AttributeDefinition(name = "Schools", description = "The school ids this client may read, comma-separated")
    String[] schools();

    @AttributeDefinition(name = "Scopes", description = "roster-core.readonly, roster.readonly or both, comma-separated (short names or the full scope URIs)")
    String[] scopes() default "roster-core.readonly";

    @AttributeDefinition(name = "Secret file", description = "A file holding the client secret (relative to the Karaf home), readable only by the Karaf user", required = false)
    String clientSecretFile();

    @AttributeDefinition(name = "Secret variable", description = "The name of an environment variable holding the client secret", required = false)
    String clientSecretEnv();

    @AttributeDefinition(name = "Requests per minute", description = "Data requests this client may make per minute; more are answered 429 with Retry-After")
    int requestsPerMinute() default 600;

    @AttributeDefinition(name = "Token lifetime", description = "Seconds a bearer token is valid (60 to 86400)")
    int tokenSeconds() default 3600;
}
