package org.misbridge.mis.oneroster.internal;

import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.CLASSES;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.DEMOGRAPHICS;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.ENROLLMENTS;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.MANIFEST;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.ORGS;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.ROLES;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.USERS;
import static org.misbridge.mis.oneroster.internal.OneRosterCsvReader.USER_PROFILES;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.RosterRows.ClassRow;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;
import org.misbridge.mis.oneroster.internal.RosterRows.RoleRow;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;

/**
 * Reads the files of one OneRoster CSV set into {@link RosterRows}, as its manifest says: orgs,
 * users, roles, classes and enrollments (a delta set's rows applied onto those read before it), and
 * the files the snapshot does not use read through for their issues.
 */
final class CsvSetReader {

    private final String schoolId;
    private final Charset charset;

    CsvSetReader(String schoolId, Charset charset) {
        this.schoolId = schoolId;
        this.charset = charset;
    }

    /** Reads one set into {@code rows}, its issues into {@code issues}. */
    void read(CsvSource source, Manifest manifest, RosterRows rows, List<ReadIssue> issues)
            throws MisReadException, IOException {
        boolean delta = manifest.delta();
        InputStream orgs = open(source, ORGS, manifest);
        if (orgs != null) {
            CsvTable.read(ORGS, orgs, charset, List.of("sourcedId"), row -> {
                if (row.deleted()) {
                    rows.orgs.remove(row.required("sourcedId"));
                } else {
                    rows.orgs.add(row.required("sourcedId"));
                }
            });
        }
        InputStream users = open(source, USERS, manifest);
        // a bulk set read first: its classes and enrollments are parsed on a second core while the users
        // are (each file hashed as it is read, where the reader keeps digests); they look up none of the
        // users (the snapshot joins them), and an error in the users or roles is still reported before
        // one in the classes or enrollments
        Beside<RosterRows> beside = users != null && !delta && rows.users.isEmpty()
                && rows.classes.isEmpty() && rows.enrollments.isEmpty()
                ? Beside.start("misbridge-read-" + schoolId, () -> classesAndEnrollments(source, manifest, new RosterRows()))
                : null;
        try {
            if (users != null) {
                readUsers(users, manifest.v12(), delta, rows);
            }
            if (manifest.v12()) {
                InputStream roles = open(source, ROLES, manifest);
                if (roles != null) {
                    readRoles(roles, rows);
                }
            }
        } catch (MisReadException | IOException | RuntimeException | Error e) {
            if (beside != null) {
                beside.awaitQuietly();
            }
            throw e;
        }
        if (beside == null) {
            classesAndEnrollments(source, manifest, rows);
        } else {
            rows.take(beside.join());
        }
        readUnused(source, manifest, rows, issues);
    }

    private RosterRows classesAndEnrollments(CsvSource source, Manifest manifest, RosterRows rows)
            throws MisReadException, IOException {
        InputStream classes = open(source, CLASSES, manifest);
        if (classes != null) {
            readClasses(classes, manifest.delta(), rows);
        }
        InputStream enrollments = open(source, ENROLLMENTS, manifest);
        if (enrollments != null) {
            readEnrollments(enrollments, manifest.delta(), rows);
        }
        return rows;
    }

    /**
     * A file the snapshot is made from, unless the manifest marks it absent. A bulk set must hold
     * each; a delta set holds only what changed; a file the manifest lists as bulk or delta must be there.
     */
    private static @Nullable InputStream open(CsvSource source, String file, Manifest manifest) throws MisReadException, IOException {
        String mode = manifest.mode(file);
        if ("absent".equals(mode)) {
            return null;
        }
        InputStream in = source.open(file);
        if (in == null) {
            if (mode != null) {
                throw new MisReadException(file, "is missing from the OneRoster set, though " + MANIFEST + " lists it as " + mode);
            }
            if (!manifest.delta()) {
                throw new MisReadException(file, "is missing from the OneRoster set");
            }
        }
        return in;
    }

    private void readUsers(InputStream in, boolean v12, boolean delta, RosterRows rows) throws MisReadException {
        List<String> required = usersColumns(v12);
        // read into no users (a bulk set), the users read so far are the ids seen: no second set of them
        boolean fresh = rows.users.isEmpty();
        rows.expectUsers(CsvSource.declaredSize(in));
        Set<String> seen = new HashSet<>();
        CsvTable.read(USERS, in, charset, required, row -> {
            UserRow user = rows.user(USERS, row, v12);
            if (fresh ? rows.users.containsKey(user.id()) : !seen.add(user.id())) {
                UserRow earlier = rows.users.get(user.id());
                throw row.fail("sourcedId", "sourcedId " + MisReadException.quote(user.id()) + " is already on row "
                        + (earlier == null ? "?" : earlier.row()), null);
            }
            if (delta) {
                rows.users.remove(user.id()); // a changed user moves to the end, as a new row would
            }
            rows.users.put(user.id(), user);
        });
    }

    /** The columns enrollments.csv must have. */
    static final List<String> ENROLLMENTS_COLUMNS = List.of("sourcedId", "classSourcedId", "userSourcedId", "role");

    /** The columns users.csv must have. */
    static List<String> usersColumns(boolean v12) {
        return v12 ? List.of("sourcedId", "givenName", "familyName") : List.of("sourcedId", "givenName", "familyName", "role");
    }

    private void readRoles(InputStream in, RosterRows rows) throws MisReadException {
        CsvTable.read(ROLES, in, charset, List.of("userSourcedId", "roleType", "role", "orgSourcedId"), row -> {
            String id = row.get("sourcedId");
            RoleRow role = rows.role(ROLES, row, id != null ? id : row.getOrEmpty("userSourcedId") + "|"
                    + row.getOrEmpty("orgSourcedId") + "|" + row.getOrEmpty("role"));
            rows.roles.put(role.id(), role);
        });
    }

    private void readClasses(InputStream in, boolean delta, RosterRows rows) throws MisReadException {
        CsvTable.read(CLASSES, in, charset, List.of("sourcedId", "title"), row -> {
            ClassRow c = rows.classRow(row);
            if (delta) {
                rows.classes.put(c.id(), c);
            } else {
                rows.classes.putIfAbsent(c.id(), c);
            }
        });
    }

    private void readEnrollments(InputStream in, boolean delta, RosterRows rows) throws MisReadException {
        rows.expectEnrollments(CsvSource.declaredSize(in));
        CsvTable.read(ENROLLMENTS, in, charset, ENROLLMENTS_COLUMNS, row -> {
            EnrollmentRow e = rows.enrollment(row);
            if (delta) {
                rows.enrollments.put(e.id(), e);
            } else if (rows.enrollments.putIfAbsent(e.id(), e) != null) {
                // some exporters repeat an enrollment's sourcedId; keep every enrolment they describe
                rows.enrollments.put(e.id() + "#" + row.number(), e);
            }
        });
    }

    /**
     * demographics.csv and 1.2 userProfiles.csv carry nothing the snapshot holds, but where present
     * they are read through, so a broken one is reported (as an issue) rather than ignored. Profiles
     * may hold passwords: only their ids are looked at.
     */
    private void readUnused(CsvSource source, Manifest manifest, RosterRows rows, List<ReadIssue> issues)
            throws MisReadException, IOException {
        InputStream demographics = openUnused(source, DEMOGRAPHICS, manifest, issues);
        if (demographics != null) {
            UnusedFiles.readThrough(DEMOGRAPHICS, demographics, charset, List.of("sourcedId"), row -> {
                row.required("sourcedId");
                row.date("birthDate");
            }, issues);
        }
        if (manifest.v12()) {
            InputStream profiles = openUnused(source, USER_PROFILES, manifest, issues);
            if (profiles != null) {
                UnusedFiles.readThrough(USER_PROFILES, profiles, charset, List.of("sourcedId", "userSourcedId"), row -> {
                    row.required("sourcedId");
                    String user = row.required("userSourcedId");
                    if (!manifest.delta() && !rows.users.containsKey(user)) {
                        throw row.fail("userSourcedId", "no user " + MisReadException.quote(user) + " in " + USERS, null);
                    }
                }, issues);
            }
        }
    }

    /** An unused file unless the manifest marks it absent; one it lists but the set lacks is an issue. */
    private static @Nullable InputStream openUnused(CsvSource source, String file, Manifest manifest, List<ReadIssue> issues)
            throws MisReadException, IOException {
        String mode = manifest.mode(file);
        if ("absent".equals(mode)) {
            return null;
        }
        InputStream in = source.open(file);
        if (in == null && mode != null) {
            issues.add(UnusedFiles.missing(file, mode));
        }
        return in;
    }
}
