package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.ChangeFeed;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.Pause;

/**
 * How a school's syncs run, everything a {@link SyncRunner} needs besides the school, its reader and
 * the directory: one record instead of a constructor per optional part.
 *
 * @param imports what is imported (rules 1-6)
 * @param threshold when a sync removes or changes too much to apply without --force
 * @param paused the parts of the sync that are paused
 * @param zone the school's time zone
 * @param clock the time runs are recorded at
 * @param notifyPolicy whether and how new or changed details are announced
 * @param feeds the school's feeds, whose entries go into the sync's transaction
 * @param host this host's node id, recorded with each run; null outside a host
 */
record RunnerSettings(ImportSettings imports, DeletionThreshold threshold, Set<Pause> paused, ZoneId zone, Clock clock,
        NotifyPolicy notifyPolicy, Supplier<List<ChangeFeed>> feeds, @Nullable String host) {

    RunnerSettings {
        paused = Set.copyOf(paused);
    }

    /** Nothing paused, nothing announced, no feeds and no host: a sync outside a running host. */
    static RunnerSettings of(ImportSettings imports, DeletionThreshold threshold, ZoneId zone, Clock clock) {
        return new RunnerSettings(imports, threshold, Set.of(), zone, clock, NotifyPolicy.OFF, List::of, null);
    }

    RunnerSettings withPaused(Set<Pause> parts) {
        return new RunnerSettings(imports, threshold, parts, zone, clock, notifyPolicy, feeds, host);
    }

    RunnerSettings withNotify(NotifyPolicy policy) {
        return new RunnerSettings(imports, threshold, paused, zone, clock, policy, feeds, host);
    }
}
