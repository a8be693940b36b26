package org.misbridge.mis.oneroster.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SchoolServices;
import org.misbridge.api.Secrets;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.api.spi.FingerprintedReader;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One school's OneRoster reader, CSV or REST as its configuration says, registered as a
 * {@link MisReader} with its {@code school.id} and nothing else from its configuration (see
 * {@link SchoolServices}): credentials are only named there or held encrypted (see {@link Secrets}),
 * and even so stay out of the service registry.
 */
// immediate: a configuration that cannot work, or names another school, is refused when it appears,
// not when a sync first asks for the reader; no DS service, which would publish the configuration
@Component(service = {}, configurationPid = "org.misbridge.mis.oneroster",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = OneRosterConfiguration.class, factory = true)
public final class OneRosterReaderComponent implements DeltaReader, FingerprintedReader {

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterReaderComponent.class);
    static final String PID = "org.misbridge.mis.oneroster";

    private final String schoolId;
    private final MisReader reader;
    private final @Nullable Path csvPath;
    private final @Nullable MisHttpClient http;
    private final @Nullable String karafHome;
    private final SchoolClaims.Claim claim;
    private SchoolServices.@Nullable Registration registration;

    /**
     * @param decryptors every registered encryptor, for the configuration's {@code ENC(…)} credentials: static and
     *        greedy, so a configuration refused because its encryptor was missing is activated again when one appears
     */
    @Activate
    public OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties,
            @Reference(name = "decryptors", service = Decryptor.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, Decryptor>> decryptors, @Reference SchoolClaims claims,
            @Reference KeptReads keptReads) {
        this(config, properties, Clock.systemUTC(), System.getProperty("karaf.home"), Secrets.byAlias(decryptors), claims, keptReads);
    }

    OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            SchoolClaims claims) {
        this(config, properties, clock, karafHome, Map.of(), claims);
    }

    OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            Map<String, Decryptor> decryptors, SchoolClaims claims) {
        this(config, properties, clock, karafHome, decryptors, claims, KeptReads.ofDefaultShare());
    }

    OneRosterReaderComponent(OneRosterConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            Map<String, Decryptor> decryptors, SchoolClaims claims, KeptReads keptReads) {
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.karafHome = karafHome;
        Objects.requireNonNull(clock, "clock");
        Secrets.Lookup secrets = Secrets.lookup(schoolId, properties, decryptors, "oneroster.rest.clientSecret", "oneroster.rest.token");
        String org = config.oneroster_org_sourcedId();
        String mode = config.oneroster_mode() == null ? "csv" : config.oneroster_mode().strip();
        switch (mode) {
            case "csv" -> {
                this.csvPath = resolve(config.oneroster_csv_path(), karafHome);
                Limits limits;
                Charset charset;
                CsvDeltas deltas;
                try {
                    limits = new Limits(config.oneroster_zip_maxEntries(), config.oneroster_zip_maxTotalBytes(),
                            config.oneroster_zip_maxRatio());
                    charset = CsvEncoding.of(config.oneroster_csv_encoding() == null ? "UTF-8" : config.oneroster_csv_encoding());
                    deltas = CsvDeltas.of(config.oneroster_csv_deltas());
                } catch (IllegalArgumentException e) {
                    throw problem(e.getMessage());
                }
                this.http = null;
                this.reader = new OneRosterCsvReader(schoolId, csvPath, org, clock, limits, charset, deltas, keptReads);
                LOG.debug("OneRoster reader for school {} reads {} (org {}, {})", schoolId, csvPath, blankToAll(org), charset);
            }
            case "rest" -> {
                this.csvPath = null;
                URI base = uri("oneroster.rest.baseUrl", config.oneroster_rest_baseUrl());
                RestSettings rest;
                HttpSettings httpSettings;
                try {
                    rest = new RestSettings(base, RestSettings.isV12(base, config.oneroster_rest_version()), config.oneroster_rest_pageSize(),
                            config.oneroster_rest_deltas(), Duration.ofHours(Math.max(1, config.oneroster_rest_fullReadHours())));
                    httpSettings = HttpSettings.defaults()
                            .withTimeouts(Duration.ofSeconds(config.oneroster_rest_connectTimeoutSeconds()),
                                    Duration.ofSeconds(config.oneroster_rest_responseTimeoutSeconds()))
                            .withMaxAttempts(config.oneroster_rest_maxAttempts())
                            .withMaxRetryAfter(Duration.ofSeconds(config.oneroster_rest_maxRetryAfterSeconds()))
                            .withMaxResponseBytes(config.oneroster_rest_maxResponseBytes());
                } catch (IllegalArgumentException e) {
                    throw problem(e.getMessage());
                }
                this.http = new MisHttpClient("school " + schoolId + " oneroster", httpSettings);
                Credentials credentials = credentials(config, secrets, http);
                this.reader = new OneRosterRestReader(schoolId, rest, org, http, credentials, clock);
                LOG.debug("OneRoster reader for school {} reads {} (OneRoster {}, org {}, {})", schoolId,
                        MisHttpClient.redact(base), rest.v12() ? "1.2" : "1.1", blankToAll(org), credentials);
            }
            default -> throw problem("oneroster.mode is '" + mode + "'; expected csv or rest");
        }
        try {
            this.claim = claims.claim(PID, schoolId, properties);
        } catch (IllegalArgumentException e) {
            close(http);
            throw e;
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
            throw problem("oneroster.csv.path is blank; set it to the folder or .zip holding the OneRoster CSV files");
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
                throw problem(key + " carries a user name or password; put credentials in oneroster.rest.clientId and "
                        + "oneroster.rest.clientSecretFile");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw problem(key + " is not a URL: " + e.getReason());
        }
    }

    private Credentials credentials(OneRosterConfiguration config, Secrets.Lookup secrets, MisHttpClient client) {
        String tokenUrl = config.oneroster_rest_tokenUrl();
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            String clientId = clientId(config);
            String secret = secrets.read("oneroster.rest.clientSecret", config.oneroster_rest_clientSecretFile(),
                    config.oneroster_rest_clientSecretEnv(), karafHome).orElseThrow(() -> problem(
                    "oneroster.rest.tokenUrl is set but there is no client secret; set oneroster.rest.clientSecretFile (a file), "
                    + "oneroster.rest.clientSecretEnv (an environment variable's name)"
                    + " or oneroster.rest.clientSecret=ENC(…) (encrypted)"));
            String scope = config.oneroster_rest_scope();
            return client.clientCredentials(uri("oneroster.rest.tokenUrl", tokenUrl), clientId, secret, scope);
        }
        Optional<String> token = secrets.read("oneroster.rest.token", config.oneroster_rest_tokenFile(),
                config.oneroster_rest_tokenEnv(), karafHome);
        if (token.isPresent()) {
            return Credentials.bearer(token.get());
        }
        LOG.warn("school {}: the OneRoster API at {} is read without credentials (no oneroster.rest.tokenUrl or token set)",
                schoolId, MisHttpClient.redact(uri("oneroster.rest.baseUrl", config.oneroster_rest_baseUrl())));
        return Credentials.none();
    }

    private String clientId(OneRosterConfiguration config) {
        String rp = nonNull(config.oneroster_rest_relyingParty());
        String estab = nonNull(config.oneroster_rest_establishment());
        if (!rp.isEmpty() || !estab.isEmpty()) {
            if (rp.isEmpty() || estab.isEmpty()) {
                throw problem("Xporter needs both oneroster.rest.relyingParty and oneroster.rest.establishment");
            }
            return rp + "|" + estab;
        }
        String id = nonNull(config.oneroster_rest_clientId());
        if (id.isEmpty()) {
            throw problem("oneroster.rest.tokenUrl is set but oneroster.rest.clientId is blank (or, for Xporter, "
                    + "oneroster.rest.relyingParty and oneroster.rest.establishment)");
        }
        return id;
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

    @Override
    public boolean readsDeltas() {
        return reader instanceof DeltaReader d && d.readsDeltas();
    }

    /** The CSV reader's; a REST reader cannot tell without asking the server, so it has none. */
    @Override
    public @Nullable String stamp() throws MisReadException {
        return reader instanceof FingerprintedReader f ? f.stamp() : null;
    }

    @Override
    public @Nullable String fingerprint() throws MisReadException {
        return reader instanceof FingerprintedReader f ? f.fingerprint() : null;
    }

    /** Registers the reader once its configuration is accepted: a refused one is never in the registry. */
    @Activate
    void register(BundleContext context) {
        registration = SchoolServices.register(context, schoolId, this, MisReader.class);
    }

    @Deactivate
    void close() {
        if (registration != null) {
            registration.close();
        }
        claim.close();
        close(http);
        if (reader instanceof OneRosterCsvReader csv) {
            csv.close(); // its kept read's share of the host's budget is free for other schools
        }
    }

    private static void close(@Nullable MisHttpClient client) {
        if (client != null) {
            client.close();
        }
    }
}
