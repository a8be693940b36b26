package org.misbridge.leavers.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionProgress;
import org.misbridge.api.lifecycle.LeaverRecords;
import org.misbridge.api.spi.ChangeFeed;
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
import org.slf4j.MDC;

/**
 * One school's leaver lifecycle: exists while etc/org.misbridge.leavers-&lt;name&gt;.cfg exists.
 * Works through the school's deletion queue in batches (each one transaction, with what the meal
 * manager must hear) and anonymises what is kept about deleted members once the retention period
 * has passed. Both run on one background thread of the school, and every batch waits for the
 * school's sync lock, so a deletion never interleaves with a sync.
 */
@Component(service = SchoolLeavers.class, configurationPid = LeaversComponent.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LeaversConfiguration.class, factory = true)
public final class LeaversComponent implements SchoolLeavers {

    private static final Logger LOG = LoggerFactory.getLogger(LeaversComponent.class);
    /** How long a queue waits to retry while the school's sync is not configured (yet). */
    private static final Duration NO_SYNC_RETRY = Duration.ofSeconds(30);

    private final String schoolId;
    private final int anonymiseAfterDays;
    private final int batchSize;
    private final ZoneId zone;
    private final Directory directory;
    private final DeletionQueue deletions;
    private final LeaverRecords records;
    private final SyncService syncService;
    private final Clock clock;
    private final ScheduledExecutorService background;
    private final List<ChangeFeed> feeds = new CopyOnWriteArrayList<>();
    private final SchoolClaims.Claim claim;
    private volatile DeletionProgress progress = new DeletionProgress(0, 0, false, null);
    /** Tells whether the directory changed since a batch (published with the store; absent, each batch loads the school). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile @Nullable ChangeLog changeLog;
    // the school as the last batch left it, while nothing else has written since: touched only on the background thread
    private @Nullable DirectoryState afterLastBatch;
    private long versionAfterLastBatch;

    static final String PID = "org.misbridge.leavers";

    @Activate
    public LeaversComponent(LeaversConfiguration config, Map<String, Object> properties, @Reference Directory directory,
            @Reference DeletionQueue deletions, @Reference LeaverRecords records, @Reference SyncService syncService,
            @Reference SchoolClaims claims) {
        this(config, properties, directory, deletions, records, syncService, Clock.systemUTC(), claims);
    }

    LeaversComponent(LeaversConfiguration config, Map<String, Object> properties, Directory directory,
            DeletionQueue deletions, LeaverRecords records, SyncService syncService, Clock clock, SchoolClaims claims) {
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        if (config.anonymiseAfterDays() < 0) {
            throw new IllegalArgumentException("leavers of school '" + schoolId + "': anonymiseAfterDays must be 0 or more, not "
                    + config.anonymiseAfterDays());
        }
        if (config.deletion_batchSize() < 1 || config.anonymise_checkSeconds() < 1) {
            throw new IllegalArgumentException("leavers of school '" + schoolId
                    + "': deletion.batchSize and anonymise.checkSeconds must be at least 1");
        }
        this.anonymiseAfterDays = config.anonymiseAfterDays();
        this.batchSize = config.deletion_batchSize();
        this.zone = zone(config.timezone(), schoolId);
        this.directory = directory;
        this.deletions = deletions;
        this.records = records;
        this.syncService = syncService;
        this.clock = clock;
        // checked last, so a configuration refused for another reason never holds the school
        this.claim = claims.claim(PID, schoolId, properties);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "misbridge-leavers-" + schoolId);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.background = executor;
        int queued = deletions.deletionQueue(schoolId).size();
        progress = new DeletionProgress(queued, 0, false, null);
        if (queued > 0) {
            LOG.info("School {}: {} leaver(s) still queued for deletion; resuming in {} s", schoolId, queued,
                    config.deletion_restartDelaySeconds());
            // a queue left by a restart finishes, once the school's feeds have had time to bind
            background.schedule(this::drainQueue, Math.max(0, config.deletion_restartDelaySeconds()), TimeUnit.SECONDS);
        }
        long check = config.anonymise_checkSeconds();
        background.scheduleWithFixedDelay(this::anonymiseDueQuietly, Math.min(check, 60), check, TimeUnit.SECONDS);
        LOG.info("School {}: leavers configured, anonymised {} day(s) after deletion", schoolId, anonymiseAfterDays);
    }

    private static ZoneId zone(String id, String schoolId) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("leavers of school '" + schoolId + "': timezone '" + id
                    + "' is not a known time zone id, e.g. Europe/London", e);
        }
    }

    /** Feeds (the meal export) of this school only. Public so tests can wire a feed as DS does. */
    @Reference(service = ChangeFeed.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindFeed(ChangeFeed feed, Map<String, Object> properties) {
        if (schoolId.equals(properties.get(SchoolProperties.SCHOOL_ID))) {
            feeds.add(feed);
        }
    }

    public void unbindFeed(ChangeFeed feed) {
        feeds.remove(feed);
    }

    @Deactivate
    public void deactivate() {
        background.shutdownNow();
        claim.close();
        LOG.info("School {}: leavers removed", schoolId);
    }

    @Override
    public String schoolId() {
        return schoolId;
    }

    @Override
    public int anonymiseAfterDays() {
        return anonymiseAfterDays;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public DeletionProgress progress() {
        return progress;
    }

    @Override
    public void processDeletions() {
        if (!background.isShutdown()) {
            background.execute(this::drainQueue);
        }
    }

    /** Deletes batch after batch until the queue is empty; on the school's background thread. */
    private void drainQueue() {
        MDC.put(SchoolProperties.SCHOOL_ID, schoolId);
        try {
            drainQueueOfSchool();
        } finally {
            afterLastBatch = null; // a school's rows are not held between queues
            MDC.remove(SchoolProperties.SCHOOL_ID);
        }
    }

    private void drainQueueOfSchool() {
        int deleted = 0;
        progress = new DeletionProgress(deletions.deletionQueue(schoolId).size(), 0, true, null);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int batch = exclusively(this::deleteOneBatch);
                if (batch < 0) {
                    break;
                }
                deleted += batch;
                int left = deletions.deletionQueue(schoolId).size();
                progress = new DeletionProgress(left, deleted, left > 0, null);
                LOG.info("School {}: deleting leavers, {} deleted, {} still queued", schoolId, deleted, left);
            }
            progress = new DeletionProgress(deletions.deletionQueue(schoolId).size(), deleted, false, null);
            if (deleted > 0) {
                feedsCommitted();
            }
        } catch (IllegalArgumentException e) {
            // the school's sync is not configured (yet, or any more): the queue waits for it
            progress = new DeletionProgress(deletions.deletionQueue(schoolId).size(), deleted, false, e.getMessage());
            LOG.warn("School {}: queued leavers wait for the school's sync to be configured ({}); trying again in {} s",
                    schoolId, e.getMessage(), NO_SYNC_RETRY.toSeconds());
            if (!background.isShutdown()) {
                background.schedule(this::drainQueue, NO_SYNC_RETRY.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            progress = new DeletionProgress(deletions.deletionQueue(schoolId).size(), deleted, false, e.getMessage());
            LOG.error("School {}: deleting queued leavers failed; the rest stay queued (school:delete-leavers shows them)",
                    schoolId, e);
        }
    }

    /**
     * Deletes up to one batch in one transaction; -1 when the queue is empty. The school is loaded
     * for the first batch; a later one starts from what the batch before left (its removal taken
     * out) when the change log shows that batch's own write and nothing else since, so a queue of
     * 20,000 leavers of a 100,000-student school loads it once, not a hundred times. Any other write
     * (a hand edit, a sync between batches) makes the next batch load the school again.
     */
    private int deleteOneBatch() {
        List<String> queued = deletions.deletionQueue(schoolId);
        if (queued.isEmpty()) {
            return -1;
        }
        List<String> batch = queued.subList(0, Math.min(batchSize, queued.size()));
        ChangeLog log = changeLog;
        long version = log == null ? -1 : log.state(schoolId).version();
        DirectoryState kept = afterLastBatch;
        afterLastBatch = null;
        boolean continues = kept != null && log != null && version == versionAfterLastBatch;
        LOG.debug("School {}: deleting a batch of {} queued, from {}", schoolId, batch.size(),
                continues ? "what the last batch left" : log == null ? "a load of the school (no change log bound)"
                        : "a load of the school");
        DirectoryState before = continues ? kept : directory.load(schoolId);
        ChangeSet removal = LeaverDeletion.of(before, batch);
        deletions.applyDeletion(schoolId, removal, feedEntries(before, removal), batch);
        if (log != null) {
            // read before anything else may write: exactly one change written since the batch began is this one
            long now = log.state(schoolId).version();
            if (now == version + 1 || (now == version && removal.isEmpty())) {
                afterLastBatch = LeaverDeletion.after(before, removal);
                versionAfterLastBatch = now;
            }
        }
        int removed = removal.members().removed().size();
        if (removed < batch.size()) {
            LOG.warn("School {}: {} queued member(s) were no longer leavers (or were gone) and were not deleted",
                    schoolId, batch.size() - removed);
        }
        return removed;
    }

    /** The change log as DS would bind it: for tests that build the component by hand. */
    void useChangeLog(@Nullable ChangeLog log) {
        this.changeLog = log;
    }

    @Override
    public int anonymiseDue(String actor) {
        return records.anonymise(schoolId, clock.instant().minus(Duration.ofDays(anonymiseAfterDays)), actor);
    }

    private void anonymiseDueQuietly() {
        MDC.put(SchoolProperties.SCHOOL_ID, schoolId);
        try {
            int done = anonymiseDue("retention (" + anonymiseAfterDays + " days)");
            if (done > 0) {
                LOG.info("School {}: anonymised what is kept about {} member(s) deleted over {} day(s) ago", schoolId,
                        done, anonymiseAfterDays);
            }
        } catch (RuntimeException e) {
            LOG.error("School {}: anonymising deleted members failed; tried again at the next check", schoolId, e);
        } finally {
            MDC.remove(SchoolProperties.SCHOOL_ID);
        }
    }

    @Override
    public List<OutboxEntry> feedEntries(DirectoryState before, ChangeSet changes) {
        List<OutboxEntry> outbox = new ArrayList<>();
        for (ChangeFeed feed : feeds) {
            outbox.addAll(feed.entriesFor(before, changes));
        }
        return outbox;
    }

    @Override
    public void feedsCommitted() {
        feeds.forEach(ChangeFeed::committed);
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        return syncService.exclusively(schoolId, work);
    }
}
