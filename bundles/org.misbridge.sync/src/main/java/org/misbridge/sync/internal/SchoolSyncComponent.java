package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.ChangeFeed;
import org.misbridge.api.spi.MisReader;
import org.misbridge.api.spi.Notifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final java.util.Set<Pause> paused;
    private final SyncRunner runner;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final ExecutorService background;
    private final SyncSchedule schedule;
    private final SyncScheduler scheduler;
    private final Directory directory;
    private final Map<Notifier, Map<String, Object>> notifiers = new ConcurrentHashMap<>();
    private final List<ChangeFeed> feeds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public SchoolSyncComponent(SyncConfiguration config,
            @Reference(name = "reader", service = MisReader.class) Map.Entry<Map<String, Object>, MisReader> readerWithProperties,
            @Reference Directory directory, @Reference SyncScheduler scheduler) {
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
        this.runner = new SyncRunner(schoolId, reader, directory, settings(config), threshold(config), paused,
                zone(config), Clock.systemUTC(), new NotifyPolicy(config.notify_newOrChangedDetails(),
                        config.notify_onFirstImport(), this::announce), this::feeds);
        if (config.notify_newOrChangedDetails() && !config.notify_onFirstImport() && directory.lastGoodRun(schoolId).isEmpty()) {
            LOG.warn("School {} announces new or changed details but has not been imported yet: its first import"
                    + " would notify every contact, so those notifications will be held back"
                    + " (notify.onFirstImport=true sends them)", schoolId);
        }
        this.schedule = SyncSchedule.parse(config.schedule(), zone(config));
        this.scheduler = scheduler;
        this.background = Executors.newSingleThreadExecutor(r -> new Thread(r, "misbridge-sync-" + schoolId));
        if (config.sync_onStart() && directory.lastRun(schoolId).isEmpty()) {
            background.execute(() -> syncNow(SyncOptions.normal()));
        }
        scheduler.schedule(schoolId, schedule, () -> syncNow(SyncOptions.normal()));
        LOG.info("School {} ({}) configured with reader {}{}", schoolId, schoolName, reader.kind(),
                paused.isEmpty() ? "" : ", paused: " + Pause.names(paused));
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
                Arrays.stream(c.contacts_primePriorities()).boxed().collect(Collectors.toSet()),
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

    @Deactivate
    public void deactivate() {
        scheduler.unschedule(schoolId);
        background.shutdownNow();
        LOG.info("School {} removed", schoolId);
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
    public java.util.Set<Pause> paused() {
        return paused;
    }

    @Override
    public SyncSchedule schedule() {
        return schedule;
    }

    @Override
    public java.util.Optional<java.time.Instant> nextRun() {
        return scheduler.nextRun(schoolId);
    }

    @Override
    public String readerKind() {
        return reader.kind();
    }

    @Override
    public SyncRun syncNow(SyncOptions options) {
        return exclusively(() -> runner.run(options));
    }

    @Override
    public <T> T exclusively(java.util.function.Supplier<T> work) {
        oneAtATime.lock();
        try {
            return work.get();
        } finally {
            oneAtATime.unlock();
        }
    }
}
