package org.misbridge.mis.wonde.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SchoolServices;
import org.misbridge.api.Secrets;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.DeltaReader;
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
 * One school's Wonde reader, registered as a {@link MisReader} with its {@code school.id} and nothing
 * else from its configuration (see {@link SchoolServices}), which names the token's file or variable,
 * or holds it encrypted, never in plain text. A configuration that cannot work is refused at
 * activation and never registered.
 */
// immediate: a configuration that cannot work, or names another school, is refused when it appears,
// not when a sync first asks for the reader; no DS service, which would publish the configuration
@Component(service = {}, configurationPid = "org.misbridge.mis.wonde",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = WondeConfiguration.class, factory = true)
public final class WondeReaderComponent implements DeltaReader {

    private static final Logger LOG = LoggerFactory.getLogger(WondeReaderComponent.class);
    static final String PID = "org.misbridge.mis.wonde";

    private final WondeSettings settings;
    private final MisHttpClient http;
    private final WondeReader reader;
    private final SchoolClaims.Claim claim;
    private SchoolServices.@Nullable Registration registration;

    /**
     * @param decryptors every registered encryptor, for an {@code ENC(…)} token: static and greedy, so a
     *        configuration refused because its encryptor was missing is activated again when one appears
     */
    @Activate
    public WondeReaderComponent(WondeConfiguration config, Map<String, Object> properties,
            @Reference(name = "decryptors", service = Decryptor.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, Decryptor>> decryptors, @Reference SchoolClaims claims) {
        this(config, properties, Clock.systemUTC(), System.getProperty("karaf.home"), null, System::getenv,
                Secrets.byAlias(decryptors), claims);
    }

    WondeReaderComponent(WondeConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            MisHttpClient.@Nullable Pause pause, Function<String, @Nullable String> environment, SchoolClaims claims) {
        this(config, properties, clock, karafHome, pause, environment, Map.of(), claims);
    }

    WondeReaderComponent(WondeConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            MisHttpClient.@Nullable Pause pause, Function<String, @Nullable String> environment,
            Map<String, Decryptor> decryptors, SchoolClaims claims) {
        String schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.settings = new WondeSettings(schoolId, baseUrl(schoolId, config.wonde_baseUrl()),
                blankToNull(config.wonde_schoolId()), config.wonde_perPage(), config.wonde_deltas(),
                Duration.ofHours(config.wonde_fullReadHours()), emailLocation(schoolId, config.wonde_untypedEmailLocation()));
        Credentials credentials = WondeToken.credentials(schoolId, config, properties, decryptors, karafHome, environment);
        HttpSettings httpSettings = httpSettings(schoolId, config);
        if (settings.baseUrl().getScheme().equals("http") && !isLoopback(settings.baseUrl())) {
            LOG.warn("school {}: wonde.baseUrl {} is plain http; the Wonde token travels unencrypted", schoolId,
                    settings.baseUrl());
        }
        this.http = pause == null ? new MisHttpClient("school " + schoolId, httpSettings)
                : new MisHttpClient("school " + schoolId, httpSettings, pause);
        this.reader = new WondeReader(settings, http, credentials, clock);
        try {
            this.claim = claims.claim(PID, schoolId, properties);
        } catch (IllegalArgumentException e) {
            http.close();
            throw e;
        }
        LOG.debug("{}", this);
    }

    /** Registers the reader once its configuration is accepted: a refused one is never in the registry. */
    @Activate
    void register(BundleContext context) {
        registration = SchoolServices.register(context, settings.schoolId(), this, MisReader.class);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.close();
        }
        claim.close();
        http.close();
    }

    /** What this reader reads, for tests and logs; never the token. */
    WondeSettings settings() {
        return settings;
    }

    @Override
    public String kind() {
        return WondeReader.KIND;
    }

    @Override
    public Snapshot read() throws MisReadException {
        return reader.read();
    }

    @Override
    public boolean readsDeltas() {
        return reader.readsDeltas();
    }

    @Override
    public String toString() {
        return "Wonde reader of school " + settings.schoolId() + " (Wonde school " + settings.wondeSchoolId() + " at "
                + settings.baseUrl() + ", " + settings.perPage() + " per page, deltas "
                + (settings.deltas() ? "on, full read every " + settings.fullReadEvery().toHours() + " h" : "off") + ")";
    }

    private static URI baseUrl(String schoolId, @Nullable String value) {
        String url = value == null || value.isBlank() ? WondeSettings.DEFAULT_BASE_URL : value.strip();
        try {
            return new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.baseUrl '" + url + "' is not a URL", null);
        }
    }

    private static EmailLocation emailLocation(String schoolId, @Nullable String value) {
        String name = value == null || value.isBlank() ? "OTHER" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return EmailLocation.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.untypedEmailLocation '" + value
                    + "' is not HOME, WORK or OTHER", null);
        }
    }

    private static HttpSettings httpSettings(String schoolId, WondeConfiguration config) {
        atLeast(schoolId, "wonde.connectTimeoutSeconds", config.wonde_connectTimeoutSeconds(), 1);
        atLeast(schoolId, "wonde.responseTimeoutSeconds", config.wonde_responseTimeoutSeconds(), 1);
        atLeast(schoolId, "wonde.maxAttempts", config.wonde_maxAttempts(), 1);
        atLeast(schoolId, "wonde.maxRetryAfterSeconds", config.wonde_maxRetryAfterSeconds(), 0);
        atLeast(schoolId, "wonde.maxResponseBytes", config.wonde_maxResponseBytes(), 1);
        return HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(config.wonde_connectTimeoutSeconds()),
                        Duration.ofSeconds(config.wonde_responseTimeoutSeconds()))
                .withMaxAttempts(config.wonde_maxAttempts())
                .withMaxRetryAfter(Duration.ofSeconds(config.wonde_maxRetryAfterSeconds()))
                .withMaxResponseBytes(config.wonde_maxResponseBytes());
    }

    private static void atLeast(String schoolId, String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("school " + schoolId + ": " + key + " must be at least " + min + ", was " + value);
        }
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
