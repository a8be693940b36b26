package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 18, item 10: any Error thrown while a school syncs (OutOfMemoryError from a huge file,
 * StackOverflowError, a class that cannot be loaded) is recorded as a failed run with its reason,
 * and the host goes on: the next sync of the school runs.
 */
class ErrorDuringSyncTest {

    private final RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2);
    /** What the MIS does when read: by default, return the recorded school. */
    private final AtomicReference<Read> behaviour = new AtomicReference<>(school.mis::read);

    /** One read of the MIS. */
    private interface Read {
        Snapshot read() throws MisReadException;
    }

    private final MisReader mis = new MisReader() {
        @Override
        public String kind() {
            return "recorded";
        }

        @Override
        public Snapshot read() throws MisReadException {
            return behaviour.get().read();
        }
    };

    private SyncRun sync() {
        return new SyncRunner(RecordedSchool.ID, mis, school.directory, school.directory.preferences(), school.directory.deletions(), RunnerSettings.of(ImportSettings.defaults(),
                DeletionThreshold.defaults(), RecordedSchool.LONDON, Clock.systemUTC())).run(SyncOptions.normal());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void anOutOfMemoryErrorIsRecordedAsAFailedRunAndTheNextSyncRuns() throws Exception {
        school.onRoll("s1");
        behaviour.set(() -> {
            throw new OutOfMemoryError("Java heap space");
        });

        SyncRun failed = sync();

        assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(failed.message()).contains("OutOfMemoryError").contains("Java heap space");
        assertThat(school.directory.lastRun(RecordedSchool.ID).map(SyncRun::message)).contains(failed.message());
        assertThat(school.state().members()).isEmpty();

        behaviour.set(school.mis::read);
        assertThat(sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        school.close();
    }

    @Test
    void aStackOverflowErrorIsRecordedAsAFailedRun() throws Exception {
        behaviour.set(() -> {
            recurse(0);
            return school.mis.read();
        });

        SyncRun failed = sync();

        assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(failed.message()).contains("StackOverflowError");
        assertThat(school.directory.lastRun(RecordedSchool.ID).map(SyncRun::outcome)).contains(SyncOutcome.FAILED);
        school.close();
    }

    @Test
    void anErrorInASyncAskedOfTheSchoolComesBackAsAFailedRunNotAThrow() throws Exception {
        school.onRoll("s1");
        behaviour.set(() -> {
            throw new NoClassDefFoundError("org/example/Gone");
        });
        Map<String, Object> values = Map.of("school_id", RecordedSchool.ID, "schedule", "");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        try {
            SchoolSyncComponent component = new SchoolSyncComponent(SchoolHarness.config(values),
                    Map.entry(Map.of(SchoolProperties.SCHOOL_ID, RecordedSchool.ID), mis), school.directory, school.directory.preferences(), school.directory.deletions(), scheduler, new SchoolClaimsRegistry());

            SyncRun failed = component.syncNow(SyncOptions.normal());
            assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(failed.message()).contains("NoClassDefFoundError").contains("org/example/Gone");

            behaviour.set(school.mis::read);
            assertThat(component.syncNow(SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        } finally {
            scheduler.stop();
            school.close();
        }
    }
}
