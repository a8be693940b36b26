package org.misbridge.oneroster.provider.internal.delta;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.RowChange;
import org.misbridge.api.directory.RowKind;
import org.misbridge.oneroster.provider.internal.mapping.RecordTimes;

/**
 * One school's change log as the provider reads it once per view: each served record's latest change
 * (a user's is that of their member or person row, their details and their links; an enrolment's that
 * of its membership and its group), the log's entries in time order for deltas, and how far back a
 * delta may start. Without a log ({@link #unlogged}) every record has one time and deltas have no
 * deletions, as before the log existed.
 */
public final class SchoolChanges implements RecordTimes {
    private static final Comparator<RowChange> BY_TIME = Comparator.comparing(RowChange::changedAt);

    private final Instant began;
    private final @Nullable Instant completeSince;
    private final @Nullable Duration retention;
    private final long version;
    private final List<RowChange> entries;
    private final Map<String, Instant> users = new HashMap<>();
    private final Map<String, Instant> groups = new HashMap<>();
    private final Map<String, Instant> memberships = new HashMap<>();
    private final Map<String, MemberKind> memberKinds = new HashMap<>();
    /** Users who had a row the provider serves users from: a student or staff member, a person, a link. */
    private final Set<String> servable = new HashSet<>();

    private SchoolChanges(Instant began, @Nullable Instant completeSince, @Nullable Duration retention, long version,
            List<RowChange> entries) {
        // served times have milliseconds: a consumer that gives one back must not fall before the log began
        this.began = began.truncatedTo(ChronoUnit.MILLIS);
        this.completeSince = completeSince == null ? null : completeSince.truncatedTo(ChronoUnit.MILLIS);
        this.retention = retention;
        this.version = version;
        List<RowChange> sorted = new ArrayList<>(entries);
        sorted.sort(BY_TIME);
        this.entries = List.copyOf(sorted);
        for (RowChange e : this.entries) {
            index(e);
        }
    }

    /** A source without a change log: every record last changed at {@code at}; no deletions served. */
    public static SchoolChanges unlogged(Instant at) {
        return new SchoolChanges(at, null, null, 0, List.of());
    }

    /**
     * @param state    the log's state, read before the entries and the rows
     * @param entries  every entry of the school
     * @param fallback when the log began if it has not (nothing of the school is written yet)
     */
    public static SchoolChanges logged(ChangeLogState state, Duration retention, List<RowChange> entries,
            Instant fallback) {
        Instant began = state.began() == null ? fallback : state.began();
        Instant complete = state.completeSince() == null ? began : state.completeSince();
        return new SchoolChanges(began, complete, Objects.requireNonNull(retention, "retention"), state.version(),
                entries);
    }

    private void index(RowChange e) {
        switch (e.kind()) {
            case MEMBER -> {
                later(users, e.id(), e);
                if (e.memberKind() != null) {
                    memberKinds.put(e.id(), e.memberKind());
                    if (e.memberKind() != MemberKind.OTHER) {
                        servable.add(e.id());
                    }
                }
            }
            case PERSON -> {
                later(users, e.id(), e);
                servable.add(e.id());
            }
            case DETAILS -> later(users, e.id(), e);
            case LINK -> {
                later(users, e.id(), e);
                later(users, e.otherId(), e);
                servable.add(e.id());
                servable.add(e.otherId());
            }
            case GROUP -> later(groups, e.id(), e);
            case MEMBERSHIP -> later(memberships, key(e.id(), e.otherId()), e);
        }
    }

    private static void later(Map<String, Instant> times, String key, RowChange e) {
        times.merge(key, e.changedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }

    private static String key(String groupId, String memberId) {
        return groupId + '\u0000' + memberId;
    }

    /** Whether the times come from a log (else deltas are answered by the filter alone, with no deletions). */
    public boolean logged() {
        return retention != null;
    }

    /** The log's version when read: a view mapped with an older one is out of date. */
    public long version() {
        return version;
    }

    /** How long the log keeps deletions (null without a log). */
    public @Nullable Duration retention() {
        return retention;
    }

    /** The earliest time a delta may start from at {@code now}, or null when there is no log to limit it. */
    public @Nullable Instant deltasFrom(Instant now) {
        if (retention == null || completeSince == null) {
            return null;
        }
        Instant exact = now.minus(retention);
        Instant window = exact.truncatedTo(ChronoUnit.MILLIS); // up to a served time, so the error's time is accepted
        window = window.isBefore(exact) ? window.plusMillis(1) : window;
        return completeSince.isBefore(window) ? window : completeSince;
    }

    /** The entries changed at or after {@code from}, oldest first. */
    List<RowChange> since(Instant from) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).changedAt().isBefore(from)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return entries.subList(low, entries.size());
    }

    /** The member's kind in the log's latest entry for them, or null. */
    @Nullable MemberKind memberKind(String memberId) {
        return memberKinds.get(memberId);
    }

    /** Whether the log shows a row this id could have been served as a user from (not a hand-added member alone). */
    boolean servableUser(String id) {
        return servable.contains(id);
    }

    @Override
    public Instant began() {
        return began;
    }

    @Override
    public Instant user(String id) {
        return users.getOrDefault(id, began);
    }

    @Override
    public Instant group(String groupId) {
        return groups.getOrDefault(groupId, began);
    }

    @Override
    public Instant membership(String groupId, String memberId) {
        Instant own = memberships.getOrDefault(key(groupId, memberId), began);
        Instant group = group(groupId);
        return group.isAfter(own) ? group : own;
    }
}
