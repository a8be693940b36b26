package org.misbridge.mis.oneroster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpAnswer;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.mis.http.RemoteJson;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;
import org.misbridge.mis.oneroster.internal.RosterRows.RoleRow;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school from a OneRoster 1.1 or 1.2 REST API: orgs, users, classes and enrollments,
 * each paged with {@code limit}/{@code offset} (or the server's {@code Link: rel="next"}) until a
 * page comes back empty or the {@code X-Total-Count} is reached; records are then made into a
 * snapshot exactly as the CSV reader does.
 *
 * <p>A server that announced more records than it served, repeats a page, or sends a {@code next}
 * link to another host fails the read: a roll with records silently missing must never look whole.
 *
 * <p>With deltas on, the records of the last read are kept, and later reads ask only for records
 * with {@code dateLastModified} after the last read began (less five minutes for clock skew),
 * applying them on top; a full read happens first, after a failed read and every
 * {@code fullReadEvery}. A delta on the day of the last read that fetched only users whose roles,
 * orgs, agents and standing (enabled, not deleted) are as they were (in 1.2, each of their roles
 * the same role, type, org and dates; only those users' roles are applied again), and
 * enrolments, redoes only those users' records and the students, staff and classes the enrolments
 * touch in the last snapshot ({@link SnapshotPatch}); one that fetched nothing gives that snapshot
 * again. Any other delta assembles the whole snapshot afresh.
 */
public final class OneRosterRestReader implements DeltaReader {

    public static final String SOURCE = "oneroster-rest";

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterRestReader.class);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String ACCEPT = "application/json";

    private final String schoolId;
    private final RestSettings settings;
    private final @Nullable String orgSourcedId;
    private final MisHttpClient http;
    private final Credentials credentials;
    private final Clock clock;

    // kept between reads for deltas; guarded by this
    private @Nullable RosterRows kept;
    private @Nullable Instant keptSince;
    private @Nullable Instant lastFullRead;
    // the snapshot of the kept records, and the day it was made for: a delta that fetched nothing gives it again
    private @Nullable Snapshot keptSnapshot;
    private @Nullable LocalDate keptDay;

    public OneRosterRestReader(String schoolId, RestSettings settings, @Nullable String orgSourcedId, MisHttpClient http,
            Credentials credentials, Clock clock) {
        this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.orgSourcedId = orgSourcedId == null || orgSourcedId.isBlank() ? null : orgSourcedId.strip();
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return SOURCE;
    }

    @Override
    public boolean readsDeltas() {
        return settings.deltas();
    }

    @Override
    public synchronized Snapshot read() throws MisReadException {
        Instant started = clock.instant();
        boolean delta = settings.deltas() && kept != null && keptSince != null && lastFullRead != null
                && started.isBefore(lastFullRead.plus(settings.fullReadEvery()));
        // a delta goes onto the kept records themselves: a read that fails drops them (below), so the
        // next read is full, and no copy of a whole roll is made for each delta
        RosterRows rows = delta ? kept : new RosterRows();
        String filter = delta ? "dateLastModified>'" + keptSince.minus(SKEW).truncatedTo(ChronoUnit.SECONDS) + "'" : null;
        try {
            Counts counts = new Counts();
            readCollection("orgs", filter, (f, node) -> {
                String id = f.required("sourcedId");
                if (f.deleted()) {
                    rows.orgs.remove(id);
                } else {
                    rows.orgs.add(id);
                }
            }, counts);
            Map<String, @Nullable UserRow> replaced = new HashMap<>(); // by a delta: each user's kept record, null if new
            Map<String, List<RoleRow>> deltaRoles = new HashMap<>(); // by a 1.2 delta: the roles each user came with
            long beforeUsers = counts.records;
            readCollection("users", filter, (f, node) -> {
                UserRow user = rows.user(f.source(), f, settings.v12());
                UserRow old = rows.users.remove(user.id());
                if (delta && !replaced.containsKey(user.id())) { // a full read replaces nothing: no need to track it
                    replaced.put(user.id(), old);
                }
                rows.users.put(user.id(), user);
                if (settings.v12()) {
                    List<RoleRow> read = readRoles(f, node, user.id(), rows);
                    if (delta) {
                        deltaRoles.put(user.id(), read);
                    }
                }
            }, counts);
            long usersRead = counts.records - beforeUsers;
            readCollection("classes", filter, (f, node) -> {
                var c = rows.classRow(f);
                if (delta) {
                    rows.classes.put(c.id(), c);
                } else {
                    rows.classes.putIfAbsent(c.id(), c); // as the CSV reader: a repeated class id keeps its first record
                }
            }, counts);
            List<EnrollmentRow> enrolmentsBefore = new ArrayList<>(); // by a delta: the kept record of each enrolment it changed
            List<EnrollmentRow> enrolmentsNow = new ArrayList<>();
            long beforeEnrollments = counts.records;
            readCollection("enrollments", filter, (f, node) -> {
                var e = rows.enrollment(f);
                EnrollmentRow old = rows.enrollments.put(e.id(), e);
                if (delta) {
                    if (old != null) {
                        enrolmentsBefore.add(old);
                    }
                    enrolmentsNow.add(e);
                }
            }, counts);
            long enrollmentsRead = counts.records - beforeEnrollments;
            if (settings.v12() && delta) {
                // only the users this delta read have new roles: every other kept user's are applied already
                rows.applyRolesOf(deltaRoles, "users.roles");
            } else if (settings.v12()) {
                rows.applyRoles("users", "users.roles");
            }
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            SnapshotAssembler assembler = new SnapshotAssembler(schoolId, SOURCE, orgSourcedId);
            Snapshot snapshot = null;
            if (delta && keptSnapshot != null && today.equals(keptDay) && counts.records == usersRead + enrollmentsRead) {
                // only users and enrolments changed, on the same day: the last snapshot with their records redone,
                // and what the enrolments touch, where that is enough
                snapshot = SnapshotPatch.patched(assembler, keptSnapshot, replaced, rows.users, clock.instant());
                if (snapshot != null && enrollmentsRead > 0) {
                    snapshot = SnapshotPatch.enrolmentsPatched(assembler, snapshot, rows, enrolmentsBefore, enrolmentsNow, today,
                            clock.instant());
                }
            }
            if (snapshot == null) {
                assembler.checkOrg(rows, "orgs");
                snapshot = assembler.assemble(rows, today, clock.instant());
            }
            LOG.info("{}: read {} {} records from {} in {} requests{}", schoolId, delta ? "changed" : "all", counts.records,
                    MisHttpClient.redact(settings.baseUrl()), counts.requests, delta ? " (delta since " + keptSince + ")" : "");
            if (settings.deltas()) {
                kept = rows;
                keptSnapshot = snapshot;
                keptDay = today;
                keptSince = started;
                if (!delta) {
                    lastFullRead = started;
                }
            }
            return snapshot;
        } catch (MisReadException | RuntimeException e) {
            kept = null; // after a failure the next read starts from a full read
            keptSnapshot = null;
            throw e;
        }
    }

    /** 1.2 users carry their roles: {@code roles: [{roleType, role, org: {sourcedId}}]}. Returns the user's roles as read. */
    private static List<RoleRow> readRoles(JsonFields user, JsonNode node, String userId, RosterRows rows) throws MisReadException {
        // the roles the user had (a delta's kept ones, or an earlier record of the same user) go: keyed by
        // the user's id and their place, 1 up, so found by key, not by a walk of every user's roles
        int had = 1;
        while (rows.roles.remove(roleKey(userId, had)) != null) {
            had++;
        }
        JsonNode roles = node.get("roles");
        if (roles == null || !roles.isArray()) {
            return List.of();
        }
        List<RoleRow> read = new ArrayList<>(roles.size());
        int i = 0;
        for (JsonNode role : roles) {
            i++;
            if (!role.isObject()) {
                throw user.fail("roles", "role " + i + " is not an object", null);
            }
            ((ObjectNode) role).put("userSourcedId", userId);
            RoleRow r = rows.role(user.source(), new JsonFields(user.source() + " roles", user.number(), role), roleKey(userId, i));
            rows.roles.put(r.id(), r);
            read.add(r);
        }
        return read;
    }

    /** A 1.2 user's role {@code place} (1 up), which has no id of its own. */
    private static String roleKey(String userId, int place) {
        return userId + "#" + place;
    }

    private static final class Counts {
        long records;
        int requests;
    }

    @FunctionalInterface
    private interface RecordHandler {
        void accept(JsonFields fields, JsonNode node) throws MisReadException;
    }

    private void readCollection(String name, @Nullable String filter, RecordHandler handler, Counts counts) throws MisReadException {
        URI collection = settings.collection(name);
        String source = name + " at " + MisHttpClient.redact(collection);
        Set<String> seen = new HashSet<>();
        long offset = 0;
        Long announced = null;
        URI next = page(collection, offset, filter);
        while (next != null) {
            HttpAnswer answer = http.get(next, credentials, ACCEPT);
            counts.requests++;
            JsonNode items = items(name, source, answer, http);
            announced = total(answer, announced, source);
            int fresh = 0;
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw new MisReadException(source, offset + 1, null, "is not a JSON object", null);
                }
                offset++;
                JsonFields fields = new JsonFields(source, offset, item);
                if (seen.add(fields.required("sourcedId"))) {
                    fresh++;
                }
                handler.accept(fields, item);
            }
            counts.records += items.size();
            if (items.size() > 0 && fresh == 0) {
                throw new MisReadException(source, "the server sent the same page again (offset " + offset
                        + "); it seems to ignore paging, so the read stops rather than loop");
            }
            URI linked = nextLink(answer, collection);
            if (items.isEmpty() || (announced != null && offset >= announced && linked == null)) {
                next = null;
            } else if (linked != null) {
                next = linked;
            } else {
                next = page(collection, offset, filter);
            }
        }
        if (announced != null && offset < announced) {
            throw new MisReadException(source, "the server announced " + announced + " records (X-Total-Count) but served "
                    + offset + "; the read is refused rather than taken as the whole roll");
        }
    }

    private URI page(URI collection, long offset, @Nullable String filter) {
        StringBuilder q = new StringBuilder(collection.toString())
                .append(collection.getRawQuery() == null ? '?' : '&')
                .append("limit=").append(settings.pageSize()).append("&offset=").append(offset);
        if (filter != null) {
            q.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
        }
        return URI.create(q.toString());
    }

    private static JsonNode items(String name, String source, HttpAnswer answer, MisHttpClient http) throws MisReadException {
        // what was expected and where, never the answer's text unredacted (a MIS may echo our token)
        JsonNode body = RemoteJson.parse(answer, source, "the answer", http::redact);
        JsonNode items = body == null ? null : body.get(name);
        if (items == null || !items.isArray()) {
            throw new MisReadException(source, "the answer has no '" + name + "' array");
        }
        return items;
    }

    private static @Nullable Long total(HttpAnswer answer, @Nullable Long before, String source) throws MisReadException {
        String header = answer.header("X-Total-Count");
        if (header == null) {
            return before;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new MisReadException(source, "X-Total-Count " + MisReadException.quote(header) + " is not a number");
        }
    }

    /** The {@code Link: <…>; rel="next"} target, only on the same scheme, host and port as the collection. */
    private static @Nullable URI nextLink(HttpAnswer answer, URI collection) throws MisReadException {
        String header = answer.header("Link");
        if (header == null) {
            return null;
        }
        Matcher m = NEXT_LINK.matcher(header);
        if (!m.find()) {
            return null;
        }
        URI next;
        try {
            next = collection.resolve(m.group(1).strip());
        } catch (IllegalArgumentException e) {
            throw new MisReadException(answer.where(), "the Link header's next page is not a URL");
        }
        if (!Objects.equals(next.getScheme(), collection.getScheme()) || !Objects.equals(next.getHost(), collection.getHost())
                || next.getPort() != collection.getPort()) {
            throw new MisReadException(answer.where(), "the Link header points the next page at "
                    + MisHttpClient.redact(next) + ", another host; it is not followed, so our token stays with the MIS");
        }
        return next;
    }
}
