package org.misbridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.leavers.internal.LeaversComponent;
import org.misbridge.leavers.internal.LeaversConfiguration;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.CountedLoads;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Deleting every leaver of a generated school through the leaver lifecycle's queue, in its default
 * batches of 200, as {@code school:delete-leavers --yes} queues them: the time from the queue's start
 * to its end, and how many times the lifecycle loaded the whole school. The store's change log is
 * bound as DS binds it, where the lifecycle has the reference (an older bundle on the classpath has none).
 *
 * <p>Arguments: students, store ({@code h2} or {@code pg}, see {@link BenchStore}).
 */
public final class LeaverDeletionBenchmark {

    private LeaverDeletionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "20000"));
        String storeKind = SyncBenchmark.arg(args, 1, "pg+pool");
        Path work = Files.createTempDirectory("misbridge-leaver-bench");
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        try (BenchStore s = BenchStore.open(storeKind, work.resolve("db"))) {
            JdbcDirectory store = s.directory;
            SchoolHarness school = SchoolHarness.school("bench").csv(csv).store(store).scheduler(SchoolHarness.newScheduler())
                    .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build();
            if (school.sync().outcome() != SyncOutcome.SUCCESS) {
                throw new IllegalStateException("the school's sync failed");
            }
            DirectoryState before = store.load("bench");
            List<String> leavers = before.members().stream()
                    .filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.LEAVER).map(Member::id).toList();
            AtomicInteger loads = new AtomicInteger();
            Directory counted = CountedLoads.counting(store, loads);
            LeaversComponent lifecycle = new LeaversComponent(Configs.of(LeaversConfiguration.class, Map.of("school_id", "bench")),
                    Map.of(), counted, store.deletions(), store.lifecycle(), school.service(), school.claims());
            String bound = bindChangeLog(lifecycle, store);
            store.deletions().queueDeletion("bench", leavers, "benchmark");
            long start = System.nanoTime();
            lifecycle.processDeletions();
            do {
                Thread.sleep(20);
            } while (!store.deletions().deletionQueue("bench").isEmpty() || lifecycle.progress().running());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (lifecycle.progress().lastError() != null || store.deletions().deletedMembers("bench").size() != leavers.size()) {
                throw new IllegalStateException("the deletion did not finish: " + lifecycle.progress());
            }
            System.out.println("| students | store | leavers | batches | school loads | ms | change log |");
            System.out.println("|---:|---|---:|---:|---:|---:|---|");
            System.out.printf(Locale.ROOT, "| %,d | %s | %,d | %d | %d | %,d | %s |%n", size, storeKind, leavers.size(),
                    (leavers.size() + 199) / 200, loads.get(), millis, bound);
            lifecycle.deactivate();
            school.stop();
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    /** Binds the store's change log into the lifecycle's reference field, as DS does; says whether there was one. */
    private static String bindChangeLog(LeaversComponent lifecycle, JdbcDirectory store) throws IllegalAccessException {
        try {
            var field = LeaversComponent.class.getDeclaredField("changeLog");
            field.setAccessible(true);
            field.set(lifecycle, store.changeLog());
            return "bound";
        } catch (NoSuchFieldException e) {
            return "no reference (older bundle)";
        }
    }
}
