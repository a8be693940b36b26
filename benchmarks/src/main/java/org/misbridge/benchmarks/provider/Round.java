package org.misbridge.benchmarks.provider;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;

/**
 * One round on one fresh store: sync the school, serve it, list {@code users} (the first request
 * after the sync, then warm) and {@code enrollments}, write the same records as raw JSON, then rename
 * 1% of the students in the MIS files, sync, and ask for the users changed since the latest
 * {@code dateLastModified} the first listing saw (first request after the sync, then warm), against a
 * warm full listing. Fails when a delta is not exactly the renamed students the provider serves.
 */
public final class Round {
    public static final String SCHOOL = "bench";
    public static final int LIMIT = 1000;

    /** One timed step: its time, the records it gave and the bytes of their JSON. */
    public record Step(long millis, int records, long bytes) {
        static Step of(Listing.Result r) {
            return new Step(r.millis(), r.records(), r.bytes());
        }
    }

    /** @param renamed students renamed in the MIS; changed: those of them the provider serves, which the delta must be */
    public record Result(Map<String, Step> steps, int renamed, int changed) {
    }

    public static final String USERS_FIRST = "users first";
    public static final String USERS = "users";
    public static final String ENROLLMENTS = "enrollments";
    public static final String RAW_USERS = "raw users";
    public static final String RAW_ENROLLMENTS = "raw enrollments";
    public static final String DELTA_FIRST = "delta first";
    public static final String DELTA = "delta";
    public static final String USERS_AFTER = "users after";
    public static final String STUDENTS = "students";
    public static final String CLASS_ROSTERS = "class rosters";
    public static final String USERS_BY_ID = "users by id";
    public static final String STUDENTS_FILTERED = "students by filter";
    public static final String SCHOOL_STUDENTS = "school students";
    /** Users asked for one by one. */
    public static final int BY_ID = 1000;

    private Round() {
    }

    /** @param mis a copy of the school's files, which this round changes */
    public static Result run(JdbcDirectory directory, Path mis, SyncScheduler scheduler, HttpClient http) throws Exception {
        SyncServiceComponent service = SchoolHarness.school(SCHOOL).csv(mis).store(directory).scheduler(scheduler)
                .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build().service();
        sync(service);
        Map<String, Step> steps = new Steps();
        try (ProviderHost host = new ProviderHost(directory, service, SCHOOL, http)) {
            // the floor first, and its records dropped before the provider maps the school: both at once
            // would measure the benchmark's heap, not the provider's (at 100,000 students, 1 GiB holds one)
            raw(RawJson.of(directory, directory.changeLog(), service, SCHOOL, host.rostering), steps);
            Listing listing = new Listing(http, host);
            Listing.Result first = listing.read("users", null, LIMIT, true);
            steps.put(USERS_FIRST, Step.of(first));
            listing.prime();
            steps.put(USERS, Step.of(listing.read("users", null, LIMIT, false)));
            listing.prime();
            steps.put(ENROLLMENTS, Step.of(listing.read("enrollments", null, LIMIT, false)));
            sameCounts(steps);
            listing.prime();
            steps.put(STUDENTS, Step.of(listing.read("students", null, LIMIT, false)));
            // the same students through a filter and through their school: each page cut from a listing kept
            // for the pages that follow, where each page had filtered every user
            listing.prime();
            steps.put(STUDENTS_FILTERED, Step.of(listing.read("users", "roles.role='student'", LIMIT, false)));
            steps.put(SCHOOL_STUDENTS, Step.of(listing.read("schools/" + SCHOOL + "/students", null, LIMIT, false)));
            for (String same : List.of(STUDENTS_FILTERED, SCHOOL_STUDENTS)) {
                if (steps.get(same).records() != steps.get(STUDENTS).records()) {
                    throw new IllegalStateException(same + ": " + steps.get(same).records() + " records, /students "
                            + steps.get(STUDENTS).records());
                }
            }
            // one request per class, and per user: what a consumer that syncs class by class asks
            List<String> classes = new ArrayList<>(listing.read("classes", null, LIMIT, true).ids());
            classes.sort(null);
            steps.put(CLASS_ROSTERS, Step.of(listing.each(classes.stream()
                    .map(id -> "classes/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/students?limit=" + LIMIT).toList(), true)));
            List<String> users = new ArrayList<>(first.ids());
            users.sort(null);
            steps.put(USERS_BY_ID, Step.of(listing.each(users.subList(0, Math.min(BY_ID, users.size())).stream()
                    .map(id -> "users/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).toList(), false)));

            Set<String> renamed = OnePercent.rename(mis.resolve("users.csv"));
            Set<String> changed = new HashSet<>(renamed);
            changed.retainAll(first.ids());
            sync(service);
            String filter = "dateLastModified>'" + first.latest() + "'";
            steps.put(DELTA_FIRST, Step.of(delta(listing, filter, changed)));
            steps.put(DELTA, Step.of(delta(listing, filter, changed)));
            listing.prime();
            steps.put(USERS_AFTER, Step.of(listing.read("users", null, LIMIT, false)));
            return new Result(steps, renamed.size(), changed.size());
        }
    }

    private static final String[][] FLOORS = {{"users", USERS, RAW_USERS}, {"enrollments", ENROLLMENTS, RAW_ENROLLMENTS}};

    /** The floor: the records the provider is about to serve, mapped as it maps them and written as it writes a page. */
    private static void raw(RawJson raw, Map<String, Step> steps) throws Exception {
        for (String[] c : FLOORS) {
            long start = System.nanoTime();
            long bytes = raw.write(c[0], LIMIT);
            steps.put(c[2], new Step((System.nanoTime() - start) / 1_000_000, raw.records(c[0]), bytes));
        }
    }

    /** The floor and the listing count the same records, or the comparison means nothing. */
    private static void sameCounts(Map<String, Step> steps) {
        for (String[] c : FLOORS) {
            int served = steps.get(c[1]).records();
            int floor = steps.get(c[2]).records();
            if (floor != served) {
                throw new IllegalStateException(c[0] + ": " + served + " served but " + floor + " mapped for the floor");
            }
        }
    }

    private static Listing.Result delta(Listing listing, String filter, Set<String> changed) throws Exception {
        Listing.Result delta = listing.read("users", filter, LIMIT, true);
        if (!delta.ids().equals(changed) || delta.records() != changed.size() || delta.tombstones() != 0) {
            throw new IllegalStateException("the delta " + filter + " gave " + delta.records() + " users ("
                    + delta.tombstones() + " tobedeleted) where exactly the " + changed.size()
                    + " renamed students served were expected; in the delta, not renamed: "
                    + difference(delta.ids(), changed) + "; renamed, not in the delta: " + difference(changed, delta.ids()));
        }
        return delta;
    }

    /** The steps in order; with -Dbench.progress=true each is also printed to stderr as it ends, for long runs. */
    private static final class Steps extends java.util.LinkedHashMap<String, Step> {
        private static final long serialVersionUID = 1L;

        @Override
        public Step put(String name, Step step) {
            if (Boolean.getBoolean("bench.progress")) {
                System.err.printf("  %s: %d ms, %d records%n", name, step.millis(), step.records());
            }
            return super.put(name, step);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d.size() > 10 ? Set.of(d.size() + " ids, e.g. " + d.iterator().next()) : d;
    }

    private static void sync(SyncServiceComponent service) {
        SyncRun run = service.sync(SCHOOL, new SyncOptions(false, true), SyncProgress.NONE);
        if (run.outcome() != SyncOutcome.SUCCESS) {
            throw new IllegalStateException("the benchmark sync did not succeed: " + run.message());
        }
    }
}
