package org.misbridge.sync.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncEvents;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a school's sync events ({@link SyncEvents}) to EventAdmin when one is present; without one
 * the sync runs the same. Posting is asynchronous, so a slow handler never slows a sync.
 */
final class SyncEventPoster {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEventPoster.class);

    private final String schoolId;
    private volatile @Nullable EventAdmin eventAdmin;

    SyncEventPoster(String schoolId) {
        this.schoolId = schoolId;
    }

    void use(@Nullable EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void started(SyncOptions options) {
        Map<String, Object> p = new HashMap<>();
        p.put(SchoolProperties.SCHOOL_ID, schoolId);
        p.put(SyncEvents.DRY_RUN, options.dryRun());
        post(SyncEvents.STARTED, p);
    }

    void ended(SyncOptions options, SyncRun run) {
        Map<String, Object> p = new HashMap<>();
        p.put(SchoolProperties.SCHOOL_ID, schoolId);
        p.put(SyncEvents.DRY_RUN, options.dryRun());
        p.put(SyncEvents.OUTCOME, run.outcome().name());
        p.put(SyncEvents.CREATED, run.created());
        p.put(SyncEvents.UPDATED, run.updated());
        p.put(SyncEvents.REMOVED, run.removed());
        if (run.rows() != null) {
            p.put(SyncEvents.ROWS_READ, run.rows().read());
            p.put(SyncEvents.ROWS_COMPARED, run.rows().compared());
            p.put(SyncEvents.ROWS_LOADED, run.rows().loaded());
            p.put(SyncEvents.ROWS_WRITTEN, run.rows().written());
        }
        p.put(SyncEvents.DURATION_MILLIS, Duration.between(run.startedAt(), run.finishedAt()).toMillis());
        if (run.message() != null) {
            p.put(SyncEvents.MESSAGE, run.message());
        }
        post(topic(run), p);
    }

    static String topic(SyncRun run) {
        return switch (run.outcome()) {
            case FAILED -> SyncEvents.FAILED;
            case REFUSED -> SyncEvents.REFUSED;
            case SUCCESS, DRY_RUN, PAUSED -> SyncEvents.FINISHED;
        };
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new Event(topic, properties));
        } catch (RuntimeException e) {
            // EventAdmin going away mid-post must not fail the sync
            LOG.debug("School {}: could not post {}", schoolId, topic, e);
        }
    }
}
