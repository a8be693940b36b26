package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SettingLists;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.ChangeFeed;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.api.spi.MisReader;
import org.misbridge.api.spi.Notifier;
import org.misbridge.scheduler.Firing;
import org.misbridge.scheduler.SchoolScheduler;
import org.misbridge.scheduler.SyncSchedule;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.Pause;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One school's sync: exists while etc/org.misbridge.sync-&lt;name&gt;.cfg exists and the reader it
 * targets is present. Rejects a reader that serves another school.
 */
@Component(service = SchoolSync.class, configurationPid = "org.misbridge.sync", immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SyncConfiguration.class, factory = true)
public final class SchoolSyncComponent implements SchoolSync {

    private static final Logger LOG = LoggerFactory.getLogger(SchoolSyncComponent.class);

    private final String schoolId;
    private final String schoolName;
    private final MisReader reader;
    private final Set<Pause> paused;
    private final SyncRunner runner;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final ExecutorService background;
    private final SyncSchedule schedule;
    private final SchoolScheduler scheduler;
    private final Directory directory;
    private final Map<Notifier, Map<String, Object>> notifiers = new ConcurrentHashMap<>();
    private final List<ChangeFeed> feeds = new CopyOnWriteArrayList<>();
    private final SyncEventPoster events;
    private final SchoolClaims.Claim claim;

    @Activate
    public SchoolSyncComponent(SyncConfiguration config, Map<String, Object> properties,
            @Reference(name = "reader", service = MisReader.class) Map.Entry<Map<String, Object>, MisReader> readerWithProperties,
            @Reference Directory directory, @Reference ContactPreferences preferences,
            @Reference DeletionQueue deletions, @Reference SchoolScheduler scheduler, @Reference SchoolClaims claims) {
        this(config, readerWithProperties, directory, preferences, deletions, scheduler, properties, claims);
    }

    /** Without configuration properties (no file name to check): for tests, also outside this package. */
    public SchoolSyncComponent(SyncConfiguration config, Map.Entry<Map<String, Object>, MisReader> readerWithProperties,
            Directory directory, ContactPreferences preferences, DeletionQueue deletions, SchoolScheduler scheduler,
            SchoolClaims claims) {
        this(config, readerWithProperties, directory, preferences, deletions, scheduler, Map.of(), claims);
    }

    private SchoolSyncComponent(SyncConfiguration config, Map.Entry<Map<String, Object>, MisReader> readerWithProperties,
            Directory directory, ContactPreferences preferences, DeletionQueue deletions, SchoolScheduler scheduler,
            Map<String, Object> properties, SchoolClaims claims) {
        this.directory = directory;
        MisReader reader = readerWithProperties.getValue();
        Map<String, Object> readerProperties = readerWithProperties.getKey();
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.schoolName = config.school_name() == null || config.school_name().isBlank() ? schoolId : config.school_name();
        Object readerSchool = readerProperties.get(SchoolProperties.SCHOOL_ID);
        if (!schoolId.equals(readerSchool)) {
            throw new IllegalArgumentException("sync of school '" + schoolId + "': reader.target " + config.reader_target()
                    + " selects a reader of school '" + readerSchool + "'; a school may only read its own MIS");
        }
        this.reader = reader;
        this.paused = Pause.parse(config.pause());
        ImportSettings settings = settings(config);
        this.runner = new SyncRunner(schoolId, reader, directory, preferences, deletions, new RunnerSettings(settings, threshold(config), paused,
                zone(config), Clock.systemUTC(), new NotifyPolicy(config.notify_newOrChangedDetails(),
                        config.notify_onFirstImport(), this::announce), this::feeds, scheduler.nodeId()));
        settings.warnings().forEach(w -> LOG.warn("School {}: {}", schoolId, w));
        settings.choices().forEach(c -> LOG.info("School {}: {}", schoolId, c));
        if (config.notify_newOrChangedDetails() && !config.notify_onFirstImport() && directory.lastGoodRun(schoolId).isEmpty()) {
            LOG.warn("School {} announces new or changed details but has not been imported yet: its first import"
                    + " would notify every contact, so those notifications will be held back"
                    + " (notify.onFirstImport=true sends them)", schoolId);
        }
        this.schedule = SyncSchedule.parse(config.schedule(), zone(config));
        this.events = new SyncEventPoster(schoolId);
        // last of the checks: from here on this configuration owns the school's schedule and rows
        this.claim = claims.claim("org.misbridge.sync", schoolId, properties);
        this.scheduler = scheduler;
        this.background = Executors.newSingleThreadExecutor(r -> new Thread(r, "misbridge-sync-" + schoolId));
        if (config.sync_onStart() && directory.lastRun(schoolId).isEmpty()) {
            // asked again under the school's lock: with several hosts starting, only the first syncs
            background.execute(() -> exclusively(() -> directory.lastRun(schoolId).isEmpty()
                    ? run(SyncOptions.normal(), SyncProgress.NONE, null) : null));
        }
        scheduler.schedule(schoolId, schedule, this::runScheduled);
        LOG.info("School {} ({}) configured with reader {}{}", schoolId, schoolName, reader.kind(),
                paused.isEmpty() ? "" : ", paused: " + Pause.names(paused));
    }

    /** Sync events go out while an EventAdmin is there; the sync never waits for one. */
    @Reference(service = EventAdmin.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin eventAdmin) {
        events.use(eventAdmin);
    }

    void unbindEventAdmin(EventAdmin eventAdmin) {
        events.use(null);
    }

    @Reference(service = Notifier.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindNotifier(Notifier notifier, Map<String, Object> properties) {
        notifiers.put(notifier, properties);
    }

    void unbindNotifier(Notifier notifier) {
        notifiers.remove(notifier);
    }

    /**
     * Feeds (the meal export) of this school only: their entries go into the sync's transaction.
     * Public so tests outside this package can wire a feed as DS does.
     */
    @Reference(service = ChangeFeed.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindFeed(ChangeFeed feed, Map<String, Object> properties) {
        if (!schoolId.equals(properties.get(SchoolProperties.SCHOOL_ID))) {
            return;
        }
        feeds.add(feed);
        // every sync from now on records the feed's entries; the first full export is queued once
        // no sync runs, so it sees whatever a sync already under way has committed
        background.execute(() -> {
            try {
                boolean queued = exclusively(() -> directory.initialiseFeed(schoolId, feed.topic(), feed::initial));
                if (queued) {
                    LOG.info("School {}: first full {} export queued", schoolId, feed.topic());
                }
                feed.committed();
            } catch (RuntimeException e) {
                LOG.error("School {}: queueing the first full {} export failed; it is tried again when the feed next appears",
                        schoolId, feed.topic(), e);
            }
        });
    }

    public void unbindFeed(ChangeFeed feed) {
        feeds.remove(feed);
    }

    private List<ChangeFeed> feeds() {
        return List.copyOf(feeds);
    }

    /** Hands the notifications to every notifier for all schools or for this one. */
    private void announce(List<Notifier.DetailNotification> notifications) {
        notifiers.forEach((notifier, properties) -> {
            Object only = properties.get(SchoolProperties.SCHOOL_ID);
            if (only == null || schoolId.equals(only)) {
                notifier.notify(schoolId, notifications);
            }
        });
    }

    static ImportSettings settings(SyncConfiguration c) {
        return new ImportSettings(c.import_preAdmissions(), c.groups_activeOnly(),
                Set.copyOf(SettingLists.positiveIntegers("contacts.primePriorities", c.contacts_primePriorities(),
                        "contact priorities (whole numbers from 1), comma-separated, e.g. contacts.primePriorities=1,2")),
                c.contacts_maxPriority(), c.contacts_requireParentalResponsibility(),
                c.contacts_unknownResponsibilityCounts(), c.contacts_importEmails(), c.contacts_importMobiles());
    }

    private static DeletionThreshold threshold(SyncConfiguration c) {
        if (c.threshold_removePercent() < 0 || c.threshold_removeCount() < 0 || c.threshold_updatePercent() < 0
                || c.threshold_minimumChanges() < 0) {
            throw new IllegalArgumentException("threshold.* settings must not be negative");
        }
        return new DeletionThreshold(c.threshold_removePercent(), c.threshold_removeCount(),
                c.threshold_updatePercent(), c.threshold_minimumChanges());
    }

    private static ZoneId zone(SyncConfiguration c) {
        try {
            return ZoneId.of(c.timezone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + c.timezone() + "' is not a known time zone id, e.g. Europe/London", e);
        }
    }

    /**
     * Runs one scheduled firing. A firing that a dead host had begun is run again here unless that
     * host's sync of it was recorded after all (it died between the commit and telling Quartz).
     */
    private void runScheduled(Firing firing) {
        exclusively(() -> {
            if (firing.recovering() && directory.lastRun(schoolId).map(SyncRun::scheduledFor)
                    .filter(firing.scheduledFor()::equals).isPresent()) {
                LOG.info("School {}: the sync for {} that a stopped host had begun was recorded; not run again", schoolId,
                        firing.scheduledFor());
                return null;
            }
            if (firing.recovering()) {
                LOG.info("School {}: running the sync for {} that a stopped host had begun", schoolId, firing.scheduledFor());
            }
            return run(SyncOptions.normal(), SyncProgress.NONE, firing.scheduledFor());
        });
    }

    /** One sync, announced on EventAdmin; the caller holds the school's lock. */
    private SyncRun run(SyncOptions options, SyncProgress progress, @Nullable Instant scheduledFor) {
        events.started(options);
        SyncRun run = runner.run(options, progress, scheduledFor);
        events.ended(options, run);
        return run;
    }

    /**
     * A deleted configuration removes the school's schedule (from the whole cluster); a host that
     * stops, or a school being reconfigured, only stops running it here.
     */
    @Deactivate
    public void deactivate(int reason) {
        claim.close();
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED) {
            scheduler.unschedule(schoolId);
            LOG.info("School {} removed", schoolId);
        } else {
            scheduler.release(schoolId);
            LOG.info("School {} stopped on this host", schoolId);
        }
        background.shutdownNow();
    }

    @Override
    public String schoolId() {
        return schoolId;
    }

    @Override
    public String schoolName() {
        return schoolName;
    }

    @Override
    public Set<Pause> paused() {
        return paused;
    }

    @Override
    public SyncSchedule schedule() {
        return schedule;
    }

    @Override
    public Optional<Instant> nextRun() {
        return scheduler.nextRun(schoolId);
    }

    @Override
    public String readerKind() {
        return reader.kind();
    }

    @Override
    public boolean readsDeltas() {
        return reader instanceof DeltaReader d && d.readsDeltas();
    }

    @Override
    public SyncRun syncNow(SyncOptions options) {
        return syncNow(options, SyncProgress.NONE);
    }

    @Override
    public SyncRun syncNow(SyncOptions options, SyncProgress progress) {
        String outer = MDC.get(SchoolProperties.SCHOOL_ID);
        MDC.put(SchoolProperties.SCHOOL_ID, schoolId);
        try {
            if (oneAtATime.isLocked() && !oneAtATime.isHeldByCurrentThread()) {
                progress.report("waiting for the sync (or edit) of " + schoolId + " already running");
            }
            return exclusively(() -> run(options, progress, null));
        } finally {
            if (outer == null) {
                MDC.remove(SchoolProperties.SCHOOL_ID);
            } else {
                MDC.put(SchoolProperties.SCHOOL_ID, outer);
            }
        }
    }

    /** This host's lock first, then the store's, so each host holds at most one store lock per school. */
    @Override
    public <T> T exclusively(Supplier<T> work) {
        boolean outermost = !oneAtATime.isHeldByCurrentThread();
        oneAtATime.lock();
        try {
            return outermost ? directory.withSchoolLock(schoolId, work) : work.get();
        } finally {
            oneAtATime.unlock();
        }
    }
}
