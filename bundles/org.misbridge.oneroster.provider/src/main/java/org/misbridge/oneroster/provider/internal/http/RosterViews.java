package org.misbridge.oneroster.provider.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.oneroster.provider.internal.delta.DeltaIndex;
import org.misbridge.oneroster.provider.internal.delta.SchoolChanges;
import org.misbridge.oneroster.provider.internal.mapping.RecordMap;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.mapping.Tombstones;

/**
 * Each served school's OneRoster records, mapped once and kept while the school's rows are unchanged
 * (the change log's version) and at most {@link #TTL}, so a consumer paging through a large school
 * does not map the directory again for every page, and a change shows at the next request. The view
 * exists twice: as mapped, and for {@code roster-core.readonly} without users' contact details.
 */
public final class RosterViews {
    /** How long a view is served at most before the directory is read again (what the log does not cover: the name). */
    static final Duration TTL = Duration.ofSeconds(30);
    /** Views kept at most (schools times the host names they are asked for under). */
    private static final int MAX_VIEWS = 256;
    /** The user fields {@code roster-core.readonly} does not show. */
    static final String[] CONTACT_FIELDS = {"email", "sms", "phone"};

    private final SchoolSource source;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    // the listings of clients that read several schools, each kept while its schools' views are the ones it was made from
    private final Map<String, District> districts = new ConcurrentHashMap<>();

    public RosterViews(SchoolSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A view with hrefs under {@code baseUrl}, full or core. */
    SchoolView view(String schoolId, String baseUrl, boolean full) {
        String key = schoolId + '\n' + baseUrl;
        Instant now = clock.instant();
        long version = source.version(schoolId);
        if (cache.size() > MAX_VIEWS && !cache.containsKey(key)) {
            cache.clear(); // many host names for the same schools: start again rather than grow
            districts.clear();
        }
        Cached current = cache.get(key);
        if (current != null && !fresh(current, version, now)) {
            // let the old view go before the new one is mapped: a 100,000-student school's view is about half
            // a GiB, and two at once did not fit a 1 GiB heap (requests already holding the old one finish with it)
            cache.remove(key, current);
            forget(current);
        }
        Cached cached = cache.compute(key, (k, old) -> {
            if (old != null && fresh(old, version, now)) {
                return old;
            }
            if (old != null) {
                forget(old);
            }
            return load(schoolId, baseUrl, now);
        });
        return new SchoolView(full ? cached.full : cached.core, full ? cached.fullById : cached.coreById,
                cached.changes, cached.deltas, cached.changes.deltasFrom(now), cached.keyOrdered, cached.enrollments,
                full ? cached.fullListings : cached.coreListings);
    }

    /**
     * The listings kept for a client that reads several schools (see {@link Listings}), while each of
     * its schools' views is the one they were made from; a view of one of them replaced drops them.
     *
     * @param views the client's schools' views, in its order, as this request sees them
     */
    Listings districtListings(List<String> schools, String baseUrl, boolean full, List<SchoolView> views) {
        if (districts.size() > MAX_VIEWS) {
            districts.clear();
        }
        List<RosterView> from = views.stream().map(SchoolView::records).toList();
        for (int i = 0; i < schools.size(); i++) {
            Cached current = cache.get(schools.get(i) + '\n' + baseUrl);
            if (current == null || (from.get(i) != current.full && from.get(i) != current.core)) {
                return new Listings(); // a view replaced since this request took it: nothing kept that would hold it
            }
        }
        return districts.compute(String.join("\n", schools) + "\n" + baseUrl + "\n" + full,
                (k, old) -> old != null && sameViews(old.views, from) ? old : new District(from, new Listings())).listings;
    }

    /** How many clients' district listings are kept now. */
    int districtsKept() {
        return districts.size();
    }

    /** Drops the district listings made from a view being let go, so they do not keep its records. */
    private void forget(Cached gone) {
        districts.values().removeIf(d -> d.views.stream().anyMatch(v -> v == gone.full || v == gone.core));
    }

    /** The same view objects, in order: a record's equals would compare every record of both. */
    private static boolean sameViews(List<RosterView> a, List<RosterView> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private record District(List<RosterView> views, Listings listings) {
    }

    private static boolean fresh(Cached cached, long version, Instant now) {
        return cached.changes.version() == version && cached.loaded.plus(TTL).isAfter(now);
    }

    private Cached load(String schoolId, String baseUrl, Instant now) {
        SchoolChanges changes = source.changes(schoolId); // first: rows written meanwhile are newer than the log read
        DirectoryState state = source.load(schoolId);
        RosterView full = RosterMapper.map(state, source.school(schoolId), source.lastModified(schoolId), changes,
                baseUrl);
        RosterView core = core(full);
        DeltaIndex deltas = new DeltaIndex(changes, state, full, new Tombstones(baseUrl, schoolId));
        return new Cached(now, changes, full, SchoolView.index(full), core, SchoolView.index(core), deltas,
                SchoolView.keyOrdered(full), new EnrollmentIndex(full.enrollments()), // core has the same enrolments
                new Listings(), new Listings());
    }

    /** The view without contact details: no email, sms or phone, and a username that is not an email. */
    static RosterView core(RosterView full) {
        List<Map<String, Object>> users = new ArrayList<>(full.users().size());
        for (Map<String, Object> user : full.users()) {
            Map<String, Object> copy = RecordMap.copyOf(user);
            Object email = copy.get("email");
            for (String field : CONTACT_FIELDS) {
                copy.remove(field);
            }
            if (email != null && email.equals(copy.get("username"))) {
                copy.put("username", copy.get("sourcedId"));
            }
            users.add(copy);
        }
        return new RosterView(full.orgs(), full.academicSessions(), full.courses(), full.classes(),
                full.enrollments(), users, List.of());
    }

    private record Cached(Instant loaded, SchoolChanges changes, RosterView full,
            Map<String, Map<String, Map<String, Object>>> fullById, RosterView core,
            Map<String, Map<String, Map<String, Object>>> coreById, DeltaIndex deltas, Set<String> keyOrdered,
            EnrollmentIndex enrollments, Listings fullListings, Listings coreListings) {
    }
}
