package org.misbridge.mis.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Area;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ReadFailure;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.MisHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school from the Wonde API: students on roll, pre-admissions and leavers (each with
 * their contacts), employees, groups and classes.
 *
 * <p>Students on roll are required: any failure there fails the read. Pre-admissions and leavers
 * are optional: when Wonde answers 403 or 404 the school does not share them, none are read and
 * that is logged once at INFO (the sync's pre-admission import is off by default, and a whole-roll
 * read still turns absent students into leavers). Employees, groups and classes answering 403/404
 * become a {@link ReadFailure} of their area. Anything else that fails (a next link that expired,
 * a 5xx that outlasts the retries, a value that cannot be read) fails the whole read: there is
 * never a partial snapshot.
 *
 * <p>With deltas on, the records of the last good read are kept in memory and later reads ask only
 * for what changed ({@code updated_after}) plus Wonde's {@code deletions}, applied onto a copy.
 * A full read happens on the first read, after a restart, after a read with failures, when
 * {@code deletions} is not shared, and once {@code fullReadEvery} has passed since the last one.
 */
public final class WondeReader implements DeltaReader {

    /** The snapshot source name. */
    public static final String KIND = "wonde";

    /** How far back a delta asks from the last read's start, for clock skew and slow writes at Wonde. */
    static final Duration DELTA_OVERLAP = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(WondeReader.class);
    private static final DateTimeFormatter UPDATED_AFTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final WondeSettings settings;
    private final WondePager pager;
    private final WondeMapper mapper;
    private final Clock clock;
    private final Duration overlap;

    // delta state and once-only notices; guarded by this
    private @Nullable SchoolRecords last;
    private Instant lastReadStart = Instant.EPOCH;
    private Instant lastFullRead = Instant.EPOCH;
    private final Set<Endpoint> noticed = EnumSet.noneOf(Endpoint.class);

    public WondeReader(WondeSettings settings, MisHttpClient http, Credentials credentials, Clock clock) {
        this(settings, http, credentials, clock, DELTA_OVERLAP);
    }

    WondeReader(WondeSettings settings, MisHttpClient http, Credentials credentials, Clock clock, Duration overlap) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pager = new WondePager(http, credentials, settings.schoolUri(), settings.perPage());
        this.mapper = new WondeMapper(settings.untypedEmailLocation());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.overlap = Objects.requireNonNull(overlap, "overlap");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public synchronized Snapshot read() throws MisReadException {
        Instant start = clock.instant();
        SchoolRecords base = last;
        if (settings.deltas() && base != null && start.isBefore(lastFullRead.plus(settings.fullReadEvery()))) {
            Snapshot delta = deltaRead(base, start);
            if (delta != null) {
                return delta;
            }
        }
        return fullRead(start);
    }

    @Override
    public boolean readsDeltas() {
        return settings.deltas();
    }

    /** Whether the records of a good read are held, so that the next read may be a delta. */
    synchronized boolean holdsRecords() {
        return last != null;
    }

    private Snapshot fullRead(Instant start) throws MisReadException {
        LocalDate today = LocalDate.ofInstant(start, ZoneOffset.UTC);
        SchoolRecords records = new SchoolRecords();
        List<ReadFailure> failures = new ArrayList<>();
        Tally tally = new Tally();
        readStudents(Endpoint.STUDENTS, EnrolmentState.ON_ROLL, null, records, tally, today);
        readOptionalStudents(Endpoint.PRE_ADMISSIONS, EnrolmentState.PRE_ADMISSION, null, records, tally, today);
        readOptionalStudents(Endpoint.LEAVERS, EnrolmentState.LEAVER, null, records, tally, today);
        readArea(Endpoint.EMPLOYEES, Area.STAFF, null, json -> records.putStaff(mapper.staff(json)), failures);
        readArea(Endpoint.GROUPS, Area.GROUPS, null, json -> records.putGroup(mapper.group(json, Endpoint.GROUPS)), failures);
        readArea(Endpoint.CLASSES, Area.GROUPS, null, json -> records.putGroup(mapper.group(json, Endpoint.CLASSES)), failures);
        Snapshot snapshot = records.snapshot(settings.schoolId(), KIND, clock.instant(), failures);
        tally.report(settings, "full", snapshot, start, clock.instant());
        if (settings.deltas()) {
            // an area that failed holds nothing to apply changes to: the next read is full again
            last = failures.isEmpty() ? records : null;
            lastReadStart = start;
            lastFullRead = start;
        }
        return snapshot;
    }

    /** Applies what changed since the last read onto a copy of its records; null when only a full read will do. */
    private @Nullable Snapshot deltaRead(SchoolRecords base, Instant start) throws MisReadException {
        LocalDate today = LocalDate.ofInstant(start, ZoneOffset.UTC);
        String since = UPDATED_AFTER.format(lastReadStart.minus(overlap));
        SchoolRecords records = base.copy();
        List<ReadFailure> failures = new ArrayList<>();
        Tally tally = new Tally();
        // removals first: a removed record is gone from its collection, so nothing below brings it back
        int[] removed = {0};
        boolean deletionsRead = readOptional(Endpoint.DELETIONS, since, json -> {
            if (applyDeletion(records, json)) {
                removed[0]++;
            }
        });
        if (!deletionsRead) {
            LOG.debug("school {}: deletions are not shared, so a delta cannot see removals; reading in full", settings.schoolId());
            return null;
        }
        readStudents(Endpoint.STUDENTS, EnrolmentState.ON_ROLL, since, records, tally, today);
        readOptionalStudents(Endpoint.PRE_ADMISSIONS, EnrolmentState.PRE_ADMISSION, since, records, tally, today);
        readOptionalStudents(Endpoint.LEAVERS, EnrolmentState.LEAVER, since, records, tally, today);
        readOptional(Endpoint.CONTACTS, since, json -> records.updateContact(mapper.contact(json)));
        readArea(Endpoint.EMPLOYEES, Area.STAFF, since, json -> records.putStaff(mapper.staff(json)), failures);
        readArea(Endpoint.GROUPS, Area.GROUPS, since, json -> records.putGroup(mapper.group(json, Endpoint.GROUPS)), failures);
        readArea(Endpoint.CLASSES, Area.GROUPS, since, json -> records.putGroup(mapper.group(json, Endpoint.CLASSES)), failures);
        records.pruneContacts();
        Snapshot snapshot = records.snapshot(settings.schoolId(), KIND, clock.instant(), failures);
        tally.removed = removed[0];
        tally.report(settings, "delta (updated_after " + since + " UTC)", snapshot, start, clock.instant());
        if (failures.isEmpty()) {
            last = records;
            lastReadStart = start;
        }
        return snapshot;
    }

    private void readStudents(Endpoint endpoint, EnrolmentState state, @Nullable String since, SchoolRecords records,
            Tally tally, LocalDate today) throws MisReadException {
        pager.forEach(endpoint, since, mapped(endpoint, json -> {
            StudentEntry entry = mapper.student(json, state, today);
            if (entry == null) {
                tally.undatedPreAdmissions++;
                return;
            }
            if (!tally.studentIds.add(entry.id())) {
                // listed twice in one read (on roll and as a leaver, say): the first listing stands
                tally.duplicates++;
                return;
            }
            records.putStudent(entry);
            tally.count(state);
        }));
    }

    private void readOptionalStudents(Endpoint endpoint, EnrolmentState state, @Nullable String since,
            SchoolRecords records, Tally tally, LocalDate today) throws MisReadException {
        try {
            readStudents(endpoint, state, since, records, tally, today);
        } catch (MisReadException e) {
            if (!HttpStatus.notShared(e)) {
                throw e;
            }
            notice(endpoint, e);
        }
    }

    /** Reads a collection the school may not share; false (and a note) when it does not. */
    private boolean readOptional(Endpoint endpoint, String since, WondePager.RecordHandler handler) throws MisReadException {
        try {
            pager.forEach(endpoint, since, mapped(endpoint, handler));
            return true;
        } catch (MisReadException e) {
            if (!HttpStatus.notShared(e)) {
                throw e;
            }
            notice(endpoint, e);
            return false;
        }
    }

    private void readArea(Endpoint endpoint, Area area, @Nullable String since, WondePager.RecordHandler handler,
            List<ReadFailure> failures) throws MisReadException {
        try {
            pager.forEach(endpoint, since, mapped(endpoint, handler));
        } catch (MisReadException e) {
            if (!HttpStatus.notShared(e)) {
                throw e;
            }
            failures.add(new ReadFailure(area, endpoint.path() + " could not be read: Wonde answered HTTP "
                    + HttpStatus.of(e) + " (not shared with this token; check the school's approval and scopes in Wonde)"));
        }
    }

    /** Logs at INFO the first time a collection turns out not to be shared, then at DEBUG. */
    private void notice(Endpoint endpoint, MisReadException e) {
        String message = "school {}: Wonde does not share {} with this token (HTTP {}); reading none";
        if (noticed.add(endpoint)) {
            LOG.info(message, settings.schoolId(), endpoint.path(), HttpStatus.of(e));
        } else {
            LOG.debug(message, settings.schoolId(), endpoint.path(), HttpStatus.of(e));
        }
    }

    /** Turns a value that cannot be read into a read failure that names the collection and the record. */
    private static WondePager.RecordHandler mapped(Endpoint endpoint, WondePager.RecordHandler handler) {
        return json -> {
            try {
                handler.accept(json);
            } catch (WondeJson.BadValue | IllegalArgumentException e) {
                String id = json.isObject() ? WondeJson.text(json, "id") : null;
                throw new MisReadException(endpoint.path(), 0, null,
                        (id == null ? "a record" : "record " + id) + ": " + e.getMessage(), e);
            }
        };
    }

    private static boolean applyDeletion(SchoolRecords records, JsonNode json) {
        String id = WondeJson.text(json, "id");
        String type = WondeJson.text(json, "type");
        JsonNode restoredAt = json.get("restored_at");
        boolean restored = (restoredAt != null && !restoredAt.isNull()) || Boolean.TRUE.equals(WondeJson.bool(json, "restored"));
        SchoolRecords.Kind kind = deletionKind(type);
        if (id == null || kind == null || restored) {
            return false; // a restored record comes back through updated_after
        }
        return records.remove(kind, id);
    }

    static SchoolRecords.@Nullable Kind deletionKind(@Nullable String type) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("student")) {
            return SchoolRecords.Kind.STUDENT;
        }
        if (t.startsWith("contact")) {
            return SchoolRecords.Kind.CONTACT;
        }
        if (t.startsWith("employee") || t.startsWith("staff")) {
            return SchoolRecords.Kind.EMPLOYEE;
        }
        if (t.startsWith("group") || t.startsWith("class")) {
            return SchoolRecords.Kind.GROUP;
        }
        return null;
    }

    /** What one read saw, for the debug line. */
    private static final class Tally {
        final Set<String> studentIds = new HashSet<>();
        int onRoll;
        int preAdmissions;
        int leavers;
        int undatedPreAdmissions;
        int duplicates;
        int removed;

        void count(EnrolmentState state) {
            switch (state) {
                case ON_ROLL -> onRoll++;
                case PRE_ADMISSION -> preAdmissions++;
                case LEAVER -> leavers++;
            }
        }

        void report(WondeSettings settings, String how, Snapshot snapshot, Instant start, Instant end) {
            if (undatedPreAdmissions > 0) {
                LOG.warn("school {}: {} Wonde pre-admissions have no admission date and were left out", settings.schoolId(),
                        undatedPreAdmissions);
            }
            LOG.debug("school {}: {} read of Wonde school {} in {} ms: {} on roll, {} pre-admissions, {} leavers changed "
                    + "({} listed twice, {} removed); the snapshot holds {} students, {} contacts, {} staff, {} groups",
                    settings.schoolId(), how, settings.wondeSchoolId(), Duration.between(start, end).toMillis(), onRoll,
                    preAdmissions, leavers, duplicates, removed, snapshot.students().size(), snapshot.contacts().size(),
                    snapshot.staff().size(), snapshot.groups().size());
        }
    }
}
