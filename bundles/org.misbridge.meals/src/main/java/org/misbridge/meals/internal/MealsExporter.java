package org.misbridge.meals.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.Outbox;
import org.misbridge.api.Redactor;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SchoolServices;
import org.misbridge.api.Secrets;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.files.SafeFiles;
import org.misbridge.api.spi.ChangeFeed;
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
import org.slf4j.MDC;

/**
 * One school's meal export: a {@link ChangeFeed} whose entries the sync stores in its own
 * transaction, and a pusher that sends them in order and removes each batch only once the meal
 * manager has acknowledged it. Failures are retried with a doubling wait; nothing is lost across
 * restarts because the entries live in the store, not here. Registered as both with its
 * {@code school.id} and nothing else from its configuration, which names or encrypts the meal
 * manager's password or token (see {@link SchoolServices}).
 */
// no DS service, which would publish the configuration (a refused plain password with it)
@Component(service = {}, configurationPid = "org.misbridge.meals",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MealsConfiguration.class, factory = true)
public final class MealsExporter implements ChangeFeed, MealsExport {

    private static final Logger LOG = LoggerFactory.getLogger(MealsExporter.class);
    private static final Duration PAUSED_RECHECK = Duration.ofMinutes(1);
    static final String PID = "org.misbridge.meals";

    private final String schoolId;
    private final Outbox outbox;
    private final SyncService syncService;
    private final MealsPolicy policy;
    private final String closeLeavers;
    private final MealsTransport transport;
    private final int batchSize;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Clock clock;
    private final ScheduledExecutorService pusher;
    private final SchoolClaims.Claim claim;
    private SchoolServices.@Nullable Registration registration;
    private @Nullable ScheduledFuture<?> next;
    private @Nullable Instant nextAt;
    /** The time a meal manager's Retry-After asked us to wait for: no push before it, new changes or not. */
    private @Nullable Instant notBefore;
    private int failures;

    /**
     * @param decryptors every registered encryptor, for the configuration's {@code ENC(…)} credentials: static and
     *        greedy, so a configuration refused because its encryptor was missing is activated again when one appears
     */
    @Activate
    public MealsExporter(MealsConfiguration config, Map<String, Object> properties, @Reference Outbox outbox,
            @Reference SyncService syncService,
            @Reference(name = "decryptors", service = Decryptor.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, Decryptor>> decryptors, @Reference SchoolClaims claims) {
        this(config, outbox, syncService, ExporterSettings.defaults().withProperties(properties)
                .withDecryptors(Secrets.byAlias(decryptors)), claims);
    }

    /** Outside OSGi (tests, also outside this package): what DS would hand over, with the clock and pusher given. */
    public MealsExporter(MealsConfiguration config, Outbox outbox, SyncService syncService, ExporterSettings settings,
            SchoolClaims claims) {
        Map<String, Object> properties = settings.properties();
        Map<String, Decryptor> decryptors = settings.decryptors();
        Clock clock = settings.clock();
        @Nullable ScheduledExecutorService pusher = settings.pusher();
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        Secrets.Lookup secrets = Secrets.lookup(schoolId, properties, decryptors, "meals.password", "meals.token");
        this.outbox = outbox;
        this.syncService = syncService;
        String close = config.meals_closeLeavers();
        this.closeLeavers = close == null || close.isBlank() ? "onLeaveDate" : close.strip();
        this.policy = new MealsPolicy(config.meals_includeStaff(), MealsPolicy.parseCloseLeavers(closeLeavers));
        if (config.meals_batchSize() < 1 || config.meals_retry_firstSeconds() < 1
                || config.meals_retry_maxSeconds() < config.meals_retry_firstSeconds()) {
            throw new IllegalArgumentException("meals of school " + schoolId
                    + ": meals.batchSize and meals.retry.firstSeconds must be at least 1, meals.retry.maxSeconds at least "
                    + "meals.retry.firstSeconds");
        }
        this.batchSize = config.meals_batchSize();
        this.firstRetry = Duration.ofSeconds(config.meals_retry_firstSeconds());
        this.maxRetry = Duration.ofSeconds(config.meals_retry_maxSeconds());
        this.transport = transport(config, secrets);
        try {
            this.claim = claims.claim(PID, schoolId, properties);
        } catch (IllegalArgumentException e) {
            transport.close();
            throw e;
        }
        this.clock = clock;
        this.pusher = pusher != null ? pusher : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "misbridge-meals-" + schoolId);
            t.setDaemon(true);
            return t;
        });
        LOG.info("School {}: meal export to {}, leavers closed {}", schoolId, transport.describe(), closeLeavers);
        schedule(Duration.ZERO); // whatever waited through a restart goes first
    }

    private MealsTransport transport(MealsConfiguration c, Secrets.Lookup secrets) {
        boolean http = c.meals_endpoint() != null && !c.meals_endpoint().isBlank();
        boolean drop = c.meals_dropFolder() != null && !c.meals_dropFolder().isBlank();
        if (http == drop) {
            throw new IllegalArgumentException("meals of school " + schoolId + ": give exactly one of meals.endpoint or meals.dropFolder");
        }
        if (drop) {
            Path folder = SchoolProperties.resolvePath(c.meals_dropFolder(), System.getProperty("karaf.home"));
            try {
                SafeFiles.requireOutside(folder, "meals of school " + schoolId + ": meals.dropFolder", SafeFiles.karafConfigurationFolders());
            } catch (IOException e) {
                throw new IllegalArgumentException("meals of school " + schoolId + ": meals.dropFolder " + folder
                        + " cannot be checked: " + e.getMessage(), e);
            }
            return new CsvDropTransport(folder);
        }
        URI uri;
        try {
            uri = URI.create(c.meals_endpoint().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meals of school " + schoolId + ": meals.endpoint is not a URL: " + e.getMessage(), e);
        }
        String home = System.getProperty("karaf.home");
        String password = secrets.read("meals.password", c.meals_passwordFile(), c.meals_passwordEnv(), home).orElse("");
        String token = secrets.read("meals.token", c.meals_tokenFile(), c.meals_tokenEnv(), home).orElse("");
        return new HttpMealsTransport(schoolId, uri, nonNull(c.meals_username()), password, token,
                c.meals_connectTimeoutSeconds(), c.meals_responseTimeoutSeconds());
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Registers the export once its configuration is accepted: a refused one is never in the registry. */
    @Activate
    void register(BundleContext context) {
        registration = SchoolServices.register(context, schoolId, this, ChangeFeed.class, MealsExport.class);
    }

    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
        }
        claim.close();
        pusher.shutdownNow();
        transport.close();
    }

    // --- ChangeFeed: called by the sync, inside its transaction's preparation

    @Override
    public String topic() {
        return MealsPolicy.TOPIC;
    }

    @Override
    public List<OutboxEntry> initial(DirectoryState state) {
        return policy.initial(state);
    }

    @Override
    public List<OutboxEntry> entriesFor(DirectoryState before, ChangeSet changes) {
        return policy.entriesFor(before, changes);
    }

    @Override
    public void committed() {
        schedule(Duration.ZERO);
    }

    // --- MealsExport

    @Override
    public String schoolId() {
        return schoolId;
    }

    @Override
    public String target() {
        return transport.describe();
    }

    @Override
    public String closeLeavers() {
        return closeLeavers;
    }

    @Override
    public Status pushNow() {
        try {
            pusher.submit(this::push).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("School {}: meal push failed unexpectedly", schoolId, e.getCause());
        }
        return status();
    }

    @Override
    public synchronized Status status() {
        FeedState state = outbox.feedState(schoolId, MealsPolicy.TOPIC);
        return new Status(paused(), outbox.pendingCount(schoolId, MealsPolicy.TOPIC), state.lastPushAt(),
                state.lastPushCount(), state.lastErrorAt(), state.lastError(), nextAt);
    }

    // --- pushing, always on the pusher thread

    private synchronized void schedule(Duration delay) {
        if (pusher.isShutdown()) {
            return;
        }
        if (notBefore != null) {
            Duration asked = Duration.between(clock.instant(), notBefore);
            if (asked.compareTo(delay) > 0) {
                delay = asked; // changes committed meanwhile wait too (RFC 9110: Retry-After)
            }
        }
        if (next != null && !next.isDone()) {
            if (delay.isZero()) {
                next.cancel(false);
            } else {
                return;
            }
        }
        nextAt = clock.instant().plus(delay);
        next = pusher.schedule(this::push, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean paused() {
        return syncService.school(schoolId).map(s -> s.paused().contains("meals") || s.paused().contains("all"))
                .orElse(false);
    }

    /** Sends batches until the outbox is empty or a batch fails; schedules what comes next. */
    private void push() {
        // the push is part of the school's sync as far as its log lines go
        MDC.put(SchoolProperties.SCHOOL_ID, schoolId);
        try {
            pushBatches();
        } finally {
            MDC.remove(SchoolProperties.SCHOOL_ID);
        }
    }

    private void pushBatches() {
        synchronized (this) {
            nextAt = null;
            next = null; // this run; what it schedules next is a new one
        }
        try {
            if (paused()) {
                // a paused export keeps collecting; look again later
                if (outbox.pendingCount(schoolId, MealsPolicy.TOPIC) > 0) {
                    schedule(PAUSED_RECHECK);
                }
                return;
            }
            while (true) {
                List<PendingEntry> batch = outbox.pending(schoolId, MealsPolicy.TOPIC, batchSize);
                if (batch.isEmpty()) {
                    failures = 0;
                    return;
                }
                transport.send(schoolId, batch);
                long through = batch.get(batch.size() - 1).seq();
                outbox.acknowledge(schoolId, MealsPolicy.TOPIC, through);
                failures = 0; // the meal manager is back: a later failure starts the backoff afresh
                synchronized (this) {
                    notBefore = null;
                }
                FeedState state = outbox.feedState(schoolId, MealsPolicy.TOPIC);
                outbox.recordFeedState(schoolId, MealsPolicy.TOPIC, state.pushed(clock.instant(), batch.size()));
                LOG.info("School {}: {} meal change(s) acknowledged by {}", schoolId, batch.size(), transport.describe());
            }
        } catch (PushException | RuntimeException e) {
            failures++;
            Duration wait = backoff(failures);
            // a meal manager that says how long to wait (429 or 503 with Retry-After) is not asked sooner
            Duration asked = e instanceof PushException p ? p.retryAfter() : null;
            if (asked != null && asked.compareTo(wait) > 0) {
                wait = asked;
            }
            synchronized (this) {
                notBefore = asked == null ? null : clock.instant().plus(asked);
            }
            // the transport quotes answers redacted; this catches what looks like a credential in any other message
            String reason = Redactor.patterns().redact(String.valueOf(e.getMessage()));
            LOG.warn("School {}: meal push failed ({}); changes stay in the outbox, retry in {}s", schoolId, reason,
                    wait.toSeconds());
            try {
                FeedState state = outbox.feedState(schoolId, MealsPolicy.TOPIC);
                outbox.recordFeedState(schoolId, MealsPolicy.TOPIC, state.failed(clock.instant(), reason));
            } catch (RuntimeException storeDown) {
                LOG.warn("School {}: could not record the meal push failure", schoolId, storeDown);
            }
            schedule(wait);
        }
    }

    private Duration backoff(int attempt) {
        long seconds = firstRetry.toSeconds() << Math.min(attempt - 1, 20);
        return seconds >= maxRetry.toSeconds() || seconds <= 0 ? maxRetry : Duration.ofSeconds(seconds);
    }
}
