package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.PrivatePostgres;
import org.misbridge.testkit.SchoolGenerator;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database server stops in the middle of a sync: a PostgreSQL cluster of the test's own (never
 * the shared one) is stopped with {@code pg_ctl stop -m immediate} while the sync's transaction is
 * held after a chosen batch of writes, then started again. The sync must fail and say so, nothing
 * may be half-applied, the directory and the meal outbox must be as before; the same sync run again
 * must give the whole new state, and the outbox must hold each change once.
 *
 * <p>Skipped where Debian's PostgreSQL binaries are absent, unless {@code CI=true} or
 * {@code -Dmisbridge.pg.required=true} (then it fails).
 */
class PostgresStoppedMidSyncTest {

    private static final String SCHOOL = "pgstop";

    private PrivatePostgres postgres;
    private SchoolWithMeals school;

    @AfterEach
    void stop() throws Exception {
        if (school != null && school.exporter != null) {
            school.stopMeals();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aSyncWhoseDatabaseStopsMidTransactionChangesNothingAndTheNextSyncAppliesItOnce(@TempDir Path dir)
            throws Exception {
        postgres = PrivatePostgres.startOrSkip();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgres.jdbcUrl());
        pg.setUser("postgres");
        pg.setConnectTimeout(5);
        PausingDataSource pausing = new PausingDataSource(pg);
        JdbcDirectory directory = new JdbcDirectory(pausing.dataSource());
        directory.migrate();

        Path csv = dir.resolve("oneroster");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-pgstop", 2500, 31L), csv);
        Map<String, Object> sync = new HashMap<>();
        sync.put("pause", new String[] {"meals"}); // the outbox collects and nothing is sent: it is what we inspect
        // every parent's email changes today, far past the deletion threshold's shares
        sync.put("threshold_removePercent", 100);
        sync.put("threshold_updatePercent", 100);
        sync.put("threshold_removeCount", 1_000_000);
        school = new SchoolWithMeals(SCHOOL, csv, sync, directory);
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        school.startMeals(Map.of("meals_endpoint", "http://127.0.0.1:9/changes"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> directory.outbox().feedState(SCHOOL, MealsPolicy.TOPIC).initialised());

        List<String> renamed = aDayOfChanges(csv, directory.load(SCHOOL));
        DirectoryState before = directory.load(SCHOOL);
        List<PendingEntry> outboxBefore = outbox(directory);
        SyncRun lastBefore = directory.lastRun(SCHOOL).orElseThrow();
        SyncRun planned = school.service.sync(SCHOOL, new SyncOptions(true, false));
        assertThat(planned.created() + planned.updated() + planned.removed()).as("the day's changes").isGreaterThan(2000);

        // the sync writes its first batches, then the server goes down under it
        pausing.arm(3);
        CompletableFuture<SyncRun> running = CompletableFuture.supplyAsync(school::sync);
        assertThat(pausing.awaitHeld(120)).as("the sync reached its third batch").isTrue();
        postgres.stopImmediately();
        pausing.release();
        SyncRun failed = running.get(120, TimeUnit.SECONDS);

        assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(failed.message()).as("the error says what happened").containsIgnoringCase("fail");
        assertThat(failed.created() + failed.updated() + failed.removed()).isZero();

        postgres.startServer();
        assertThat(directory.load(SCHOOL)).as("nothing half-applied").isEqualTo(before);
        assertThat(outbox(directory)).as("no meal change from the failed sync").isEqualTo(outboxBefore);
        assertThat(directory.lastGoodRun(SCHOOL)).contains(lastBefore);

        SyncRun again = school.sync();
        assertThat(again.outcome()).as(again.message()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(again.created()).isEqualTo(planned.created());
        assertThat(again.updated()).isEqualTo(planned.updated());
        assertThat(again.removed()).isEqualTo(planned.removed());
        SyncRun third = school.sync();
        assertThat(third.created() + third.updated() + third.removed()).as("the whole change set went in").isZero();
        DirectoryState after = directory.load(SCHOOL);
        Map<String, String> familyNames = after.members().stream()
                .collect(Collectors.toMap(Member::id, Member::familyName));
        for (String id : renamed) {
            assertThat(familyNames.get(id)).isEqualTo("Stopped");
        }

        // the meal outbox holds the day's change of each renamed student exactly once
        List<PendingEntry> added = outbox(directory).stream().filter(e -> !outboxBefore.contains(e)).toList();
        Map<String, Long> perMember = added.stream()
                .collect(Collectors.groupingBy(e -> e.entry().key(), Collectors.counting()));
        assertThat(perMember.keySet()).containsExactlyInAnyOrderElementsOf(renamed);
        assertThat(perMember.values()).allMatch(n -> n == 1L);
        System.out.printf("PostgreSQL stopped mid-sync: %d changes planned, the sync failed (%s), directory and %d "
                + "outbox entries unchanged; the re-run applied %d updates, %d meal changes each once%n",
                planned.created() + planned.updated() + planned.removed(), failed.message(), outboxBefore.size(),
                again.updated(), added.size());
    }

    private List<PendingEntry> outbox(JdbcDirectory directory) {
        return directory.outbox().pending(SCHOOL, MealsPolicy.TOPIC, 1_000_000);
    }

    /**
     * Every parent's email changes and one student in ten on roll gets the family name "Stopped"
     * (a meal change each). Returns the renamed students' ids.
     */
    private static List<String> aDayOfChanges(Path csv, DirectoryState state) throws IOException {
        List<String> onRoll = state.members().stream()
                .filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.ON_ROLL).map(Member::id).toList();
        List<String> renamed = new ArrayList<>();
        for (int i = 0; i < onRoll.size(); i += 10) {
            renamed.add(onRoll.get(i));
        }
        Path users = csv.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        Map<String, Integer> row = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            row.put(lines.get(i).split(",", -1)[0], i);
        }
        Function<Integer, String[]> cols = i -> lines.get(i).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String[] c = cols.apply(i);
            if (("parent".equals(c[5]) || "guardian".equals(c[5])) && !c[12].isEmpty()) {
                c[12] = "new." + c[12];
                lines.set(i, String.join(",", c));
            }
        }
        for (String id : renamed) {
            int i = row.get(id);
            String[] c = cols.apply(i);
            c[9] = "Stopped";
            lines.set(i, String.join(",", c));
        }
        Files.write(users, lines, StandardCharsets.UTF_8);
        return renamed;
    }
}
