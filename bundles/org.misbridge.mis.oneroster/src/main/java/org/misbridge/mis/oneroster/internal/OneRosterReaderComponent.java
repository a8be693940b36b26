package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One school's OneRoster reader, CSV or REST as its configuration says, registered with the
 * {@code school.id} of its configuration (DS publishes the configuration's public properties on
 * the service, which is why secrets are only taken from dotted keys or files).
 */
@Component(service = MisReader.class, configurationPid = "org.misbridge.mis.oneroster",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OneRosterConfiguration.class, factory = true)
public final class OneRosterReaderComponent implements MisReader {

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterReaderComponent.class);

    private final String schoolId;
    private final MisReader reader;
    private final @Nullable Path csvPath;
    private final @Nullable MisHttpClient http;
    private final @Nullable String karafHome;

    @Activate
    public OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties) {
        this(config, properties, Clock.systemUTC(), System.getProperty("karaf.home"));
    }

    OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome) {
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.karafHome = karafHome;
        Objects.requireNonNull(clock, "clock");
        String org = config.org_sourcedId();
        String mode = config.mode() == null ? "csv" : config.mode().strip();
        switch (mode) {
            case "csv" -> {
                this.csvPath = resolve(config.csv_path(), karafHome);
                Limits limits;
                try {
                    limits = new Limits(config.zip_maxEntries(), config.zip_maxTotalBytes(), config.zip_maxRatio());
                } catch (IllegalArgumentException e) {
                    throw problem(e.getMessage());
                }
                this.http = null;
                this.reader = new OneRosterCsvReader(schoolId, csvPath, org, clock, limits);
                LOG.debug("OneRoster reader for school {} reads {} (org {})", schoolId, csvPath, blankToAll(org));
            }
            case "rest" -> {
                refusePublicSecrets(properties);
                this.csvPath = null;
                URI base = uri("rest.baseUrl", config.rest_baseUrl());
                RestSettings rest;
                HttpSettings httpSettings;
                try {
                    rest = new RestSettings(base, RestSettings.isV12(base, config.rest_version()), config.rest_pageSize(),
                            config.rest_deltas(), Duration.ofHours(Math.max(1, config.rest_fullReadHours())));
                    httpSettings = HttpSettings.defaults()
                            .withTimeouts(Duration.ofSeconds(config.rest_connectTimeoutSeconds()),
                                    Duration.ofSeconds(config.rest_responseTimeoutSeconds()))
                            .withMaxAttempts(config.rest_maxAttempts())
                            .withMaxRetryAfter(Duration.ofSeconds(config.rest_maxRetryAfterSeconds()))
                            .withMaxResponseBytes(config.rest_maxResponseBytes());
                } catch (IllegalArgumentException e) {
                    throw problem(e.getMessage());
                }
                this.http = new MisHttpClient("school " + schoolId + " oneroster", httpSettings);
                Credentials credentials = credentials(config, http);
                this.reader = new OneRosterRestReader(schoolId, rest, org, http, credentials, clock);
                LOG.debug("OneRoster reader for school {} reads {} (OneRoster {}, org {}, {})", schoolId,
                        MisHttpClient.redact(base), rest.v12() ? "1.2" : "1.1", blankToAll(org), credentials);
            }
            default -> throw problem("mode is '" + mode + "'; expected csv or rest");
        }
    }

    private static String blankToAll(@Nullable String org) {
        return org == null || org.isBlank() ? "all" : org;
    }

    private IllegalArgumentException problem(String message) {
        return new IllegalArgumentException("school " + schoolId + ": " + message);
    }

    private Path resolve(@Nullable String path, @Nullable String karafHome) {
        if (path == null || path.isBlank()) {
            throw problem("csv.path is blank; set it to the folder or .zip holding the OneRoster CSV files");
        }
        return SchoolProperties.resolvePath(path, karafHome);
    }

    private URI uri(String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw problem(key + " is blank; set it to the API's https URL");
        }
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw problem(key + " '" + MisHttpClient.redact(uri) + "' is not an http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw problem(key + " carries a user name or password; put credentials in rest.clientId and .rest.clientSecret");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw problem(key + " is not a URL: " + e.getReason());
        }
    }

    /** Public keys are published as service properties, so a secret under one would be on show. */
    private void refusePublicSecrets(Map<String, Object> properties) {
        for (String key : new String[] {"rest.clientSecret", "rest.token"}) {
            if (properties.containsKey(key)) {
                throw problem(key + " would be published with the reader's service properties; name it ." + key
                        + " (the leading dot keeps it private) or put it in " + key.replace("clientSecret", "clientSecretFile")
                        .replace("rest.token", "rest.tokenFile"));
            }
        }
    }

    private Credentials credentials(OneRosterConfiguration config, MisHttpClient client) {
        String tokenUrl = config.rest_tokenUrl();
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            String clientId = clientId(config);
            String secret = secret(config.rest_clientSecretFile(), "rest.clientSecretFile", config._rest_clientSecret());
            if (secret.isEmpty()) {
                throw problem("rest.tokenUrl is set but there is no client secret; set rest.clientSecretFile or .rest.clientSecret");
            }
            String scope = config.rest_scope();
            return client.clientCredentials(uri("rest.tokenUrl", tokenUrl), clientId, secret, scope);
        }
        String token = secret(config.rest_tokenFile(), "rest.tokenFile", config._rest_token());
        if (!token.isEmpty()) {
            return Credentials.bearer(token);
        }
        LOG.warn("school {}: the OneRoster API at {} is read without credentials (no rest.tokenUrl or token set)",
                schoolId, MisHttpClient.redact(uri("rest.baseUrl", config.rest_baseUrl())));
        return Credentials.none();
    }

    private String clientId(OneRosterConfiguration config) {
        String rp = nonNull(config.rest_relyingParty());
        String estab = nonNull(config.rest_establishment());
        if (!rp.isEmpty() || !estab.isEmpty()) {
            if (rp.isEmpty() || estab.isEmpty()) {
                throw problem("Xporter needs both rest.relyingParty and rest.establishment");
            }
            return rp + "|" + estab;
        }
        String id = nonNull(config.rest_clientId());
        if (id.isEmpty()) {
            throw problem("rest.tokenUrl is set but rest.clientId is blank (or, for Xporter, rest.relyingParty and rest.establishment)");
        }
        return id;
    }

    private String secret(@Nullable String file, String key, @Nullable String inline) {
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(SchoolProperties.resolvePath(file, karafHome)).strip();
            } catch (IOException | RuntimeException e) {
                throw problem(key + " " + file.strip() + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return nonNull(inline);
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    /** The folder or zip a CSV reader reads, resolved; null in REST mode. */
    @Nullable Path csvPath() {
        return csvPath;
    }

    @Override
    public String kind() {
        return reader.kind();
    }

    @Override
    public Snapshot read() throws MisReadException {
        return reader.read();
    }

    @Deactivate
    void close() {
        if (http != null) {
            http.close();
        }
    }
}
