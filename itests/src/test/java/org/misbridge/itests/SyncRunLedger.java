package org.misbridge.itests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The scheduled syncs two hosts recorded in {@code dir_sync_run}, judged against the rule of
 * several hosts: each school's firing (one every {@code period}) runs exactly once, on one host, within
 * a minute of it; after one host is killed the other runs every school.
 */
final class SyncRunLedger {

    /** One recorded run of a scheduled firing. */
    record Run(String school, Instant firing, String host, Instant startedAt, Instant finishedAt, String outcome,
            String message) {
        @Override
        public String toString() {
            return school + " firing " + firing + " on " + host + " started " + startedAt + " finished " + finishedAt + " "
                    + outcome + (message == null ? "" : " (" + message + ")");
        }
    }

    private final List<Run> runs;
    private final Duration period;

    SyncRunLedger(List<Run> runs, Duration period) {
        this.runs = List.copyOf(runs);
        this.period = period;
    }

    /** The runs of firings from {@code first} to {@code last} (both included). */
    List<Run> window(Instant first, Instant last) {
        return runs.stream().filter(r -> !r.firing().isBefore(first) && !r.firing().isAfter(last))
                .sorted(Comparator.comparing(Run::firing).thenComparing(Run::school)).toList();
    }

    /** The firings from {@code first} to {@code last}, one every period. */
    List<Instant> firings(Instant first, Instant last) {
        List<Instant> all = new ArrayList<>();
        for (Instant f = first; !f.isAfter(last); f = f.plus(period)) {
            all.add(f);
        }
        return all;
    }

    /**
     * Everything that breaks the rule, one line each with the runs that show it; empty when the
     * rule held.
     */
    List<String> violations(List<String> schools, Instant first, Instant last, String victim, Instant killedAt,
            String survivor) {
        List<String> found = new ArrayList<>();
        List<Run> window = window(first, last);
        Map<String, List<Run>> perFiring = window.stream().collect(Collectors.groupingBy(r -> r.school() + " " + r.firing(),
                TreeMap::new, Collectors.toList()));
        for (Instant firing : firings(first, last)) {
            for (String school : schools) {
                List<Run> ran = perFiring.getOrDefault(school + " " + firing, List.of());
                if (ran.size() != 1) {
                    found.add("school " + school + ", firing " + firing + ": ran " + ran.size() + " times, not once " + ran);
                }
            }
        }
        List<Instant> expected = firings(first, last);
        for (Run r : window) {
            if (!expected.contains(r.firing())) {
                found.add("a run for a firing off the schedule: " + r);
            }
            if (!schools.contains(r.school())) {
                found.add("a run of a school the test did not configure: " + r);
            }
            if (!"SUCCESS".equals(r.outcome())) {
                found.add("not a success: " + r);
            }
            if (!r.host().equals(victim) && !r.host().equals(survivor)) {
                found.add("a run on an unknown host: " + r);
            }
            if (Duration.between(r.firing(), r.startedAt()).compareTo(Duration.ofMinutes(1)) >= 0) {
                found.add("started a minute or more after its firing: " + r);
            }
            if (r.host().equals(victim) && r.finishedAt().isAfter(killedAt)) {
                found.add("recorded by " + victim + " after it was killed at " + killedAt + ": " + r);
            }
            if (r.firing().isAfter(killedAt) && !r.host().equals(survivor)) {
                found.add("a firing after the kill not run by " + survivor + ": " + r);
            }
        }
        return found;
    }

    /** How many runs each host recorded among these firings. */
    Map<String, Long> perHost(Instant first, Instant last) {
        return window(first, last).stream().collect(Collectors.groupingBy(Run::host, TreeMap::new, Collectors.counting()));
    }

    /** The latest start of the firing's runs after the firing itself. */
    Optional<Duration> latestStart(Instant firing) {
        return runs.stream().filter(r -> r.firing().equals(firing)).map(r -> Duration.between(firing, r.startedAt()))
                .max(Comparator.naturalOrder());
    }

    /** Runs of a firing the survivor began after the kill: those the killed host had taken or begun. */
    long takenOver(Instant firing, String survivor, Instant killedAt) {
        return runs.stream().filter(r -> r.firing().equals(firing) && r.host().equals(survivor) && r.startedAt().isAfter(killedAt))
                .count();
    }
}
