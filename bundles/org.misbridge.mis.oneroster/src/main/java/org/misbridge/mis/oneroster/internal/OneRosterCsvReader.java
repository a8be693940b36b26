package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school's whole roll from a OneRoster 1.1 bulk CSV set (a folder or a zip) into a
 * {@link Snapshot}; any file, row or value it cannot trust fails the whole read.
 */
public final class OneRosterCsvReader implements MisReader {

    /** The snapshot source name. */
    public static final String SOURCE = "oneroster-csv";

    static final String MANIFEST = "manifest.csv";
    static final String USERS = "users.csv";
    static final String ENROLLMENTS = "enrollments.csv";
    static final String CLASSES = "classes.csv";
    static final String ORGS = "orgs.csv";
    static final String ROLES = "roles.csv";

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterCsvReader.class);
    private static final Pattern UPN = Pattern.compile("[A-Za-z]\\d{12}");
    private static final Set<String> STAFF_ROLES = Set.of("teacher", "administrator", "aide");
    private static final Set<String> CONTACT_ROLES = Set.of("parent", "guardian", "relative");

    private final String schoolId;
    private final Path csvPath;
    private final @Nullable String orgSourcedId;
    private final Clock clock;
    private final Limits zipLimits;

    public OneRosterCsvReader(String schoolId, Path csvPath, @Nullable String orgSourcedId, Clock clock, Limits zipLimits) {
        this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
        this.csvPath = Objects.requireNonNull(csvPath, "csvPath");
        this.orgSourcedId = orgSourcedId == null || orgSourcedId.isBlank() ? null : orgSourcedId.strip();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zipLimits = Objects.requireNonNull(zipLimits, "zipLimits");
    }

    private record UserRow(long row, String id, String role, boolean enabled, boolean toBeDeleted,
            @Nullable LocalDate lastModified, List<String> orgs, String givenName, String familyName,
            @Nullable String identifier, @Nullable String email, @Nullable String sms, @Nullable String phone,
            List<String> agents, List<String> grades) {
    }

    private record ClassRow(String id, String title, GroupKind kind, boolean active) {
    }

    private record EnrollmentRow(String classId, String userId, String role,
            @Nullable LocalDate begin, @Nullable LocalDate end) {
    }

    @Override
    public String kind() {
        return SOURCE;
    }

    /** Reads the set; never returns a partial snapshot. */
    @Override
    public Snapshot read() throws MisReadException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try (CsvSource source = CsvSource.of(csvPath, zipLimits)) {
            boolean v12 = readManifest(source);
            readOrgs(source);
            Map<String, UserRow> users = v12 ? withRoles(readUsers(source, true), readRoles(source)) : readUsers(source, false);
            Map<String, ClassRow> classes = readClasses(source);
            List<EnrollmentRow> enrollments = readEnrollments(source);
            return build(users, classes, enrollments, today);
        } catch (IOException e) {
            throw new MisReadException(csvPath.toString(), 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Reader require(CsvSource source, String file) throws MisReadException, IOException {
        Reader reader = source.open(file);
        if (reader == null) {
            throw new MisReadException(file, "is missing from the OneRoster set");
        }
        return reader;
    }

    /** Reads the manifest; true for OneRoster 1.2, false for 1.1 (also when there is no manifest). */
    private boolean readManifest(CsvSource source) throws MisReadException, IOException {
        Reader reader = source.open(MANIFEST);
        if (reader == null) {
            LOG.debug("{} has no {}; reading it as OneRoster 1.1", csvPath, MANIFEST);
            return false;
        }
        String[] version = {null};
        CsvTable.read(MANIFEST, reader, List.of("propertyName", "value"), row -> {
            if ("oneroster.version".equalsIgnoreCase(row.getOrEmpty("propertyName"))) {
                version[0] = row.getOrEmpty("value");
            }
        });
        if (version[0] == null || version[0].equals("1.1")) {
            return false;
        }
        if (version[0].equals("1.2")) {
            return true;
        }
        throw new MisReadException(MANIFEST, "oneroster.version " + version[0] + " is not supported; expected 1.1 or 1.2");
    }

    /** A 1.2 roles.csv row: one role of one user at one org. */
    private record RoleRow(long row, String userId, String role, boolean primary, String orgId) {
    }

    /** OneRoster 1.2 keeps each user's roles and orgs in roles.csv. */
    private List<RoleRow> readRoles(CsvSource source) throws MisReadException, IOException {
        List<RoleRow> roles = new ArrayList<>();
        CsvTable.read(ROLES, require(source, ROLES), List.of("userSourcedId", "roleType", "role", "orgSourcedId"), row -> {
            if ("tobedeleted".equalsIgnoreCase(row.getOrEmpty("status"))) {
                return;
            }
            String type = row.required("roleType").toLowerCase(Locale.ROOT);
            if (!type.equals("primary") && !type.equals("secondary")) {
                throw row.fail("roleType", "roleType '" + row.getOrEmpty("roleType") + "' is not primary or secondary", null);
            }
            roles.add(new RoleRow(row.number(), row.required("userSourcedId"), row.required("role").toLowerCase(Locale.ROOT),
                    type.equals("primary"), row.required("orgSourcedId")));
        });
        return roles;
    }

    /** Gives each 1.2 user the role of their primary role row (else their first) and the orgs of all of them. */
    private static Map<String, UserRow> withRoles(Map<String, UserRow> users, List<RoleRow> roles) throws MisReadException {
        Map<String, List<RoleRow>> byUser = new LinkedHashMap<>();
        for (RoleRow r : roles) {
            if (!users.containsKey(r.userId())) {
                throw new MisReadException(ROLES, r.row(), "userSourcedId", "no user " + r.userId() + " in " + USERS, null);
            }
            byUser.computeIfAbsent(r.userId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, UserRow> out = new LinkedHashMap<>();
        for (UserRow u : users.values()) {
            List<RoleRow> own = byUser.get(u.id());
            if (own == null) {
                throw new MisReadException(USERS, u.row(), "sourcedId", "user " + u.id() + " has no role in " + ROLES, null);
            }
            RoleRow main = own.stream().filter(RoleRow::primary).findFirst().orElse(own.get(0));
            out.put(u.id(), new UserRow(u.row(), u.id(), main.role(), u.enabled(), u.toBeDeleted(), u.lastModified(),
                    own.stream().map(RoleRow::orgId).distinct().toList(), u.givenName(), u.familyName(), u.identifier(),
                    u.email(), u.sms(), u.phone(), u.agents(), u.grades()));
        }
        return out;
    }

    private void readOrgs(CsvSource source) throws MisReadException, IOException {
        Set<String> orgs = new LinkedHashSet<>();
        CsvTable.read(ORGS, require(source, ORGS), List.of("sourcedId"), row -> orgs.add(row.required("sourcedId")));
        if (orgSourcedId != null && !orgs.contains(orgSourcedId)) {
            throw new MisReadException(ORGS, "no org with sourcedId " + orgSourcedId);
        }
    }

    /** users.csv; in 1.2 the role and orgs come later from roles.csv. */
    private Map<String, UserRow> readUsers(CsvSource source, boolean v12) throws MisReadException, IOException {
        List<String> required = new ArrayList<>(List.of("sourcedId", "givenName", "familyName"));
        if (!v12) {
            required.add("role");
            if (orgSourcedId != null) {
                required.add("orgSourcedIds");
            }
        }
        Map<String, UserRow> users = new LinkedHashMap<>();
        CsvTable.read(USERS, require(source, USERS), required, row -> {
            String id = row.required("sourcedId");
            String role = v12 ? "" : row.required("role").toLowerCase(Locale.ROOT);
            UserRow user = new UserRow(row.number(), id, role, row.bool("enabledUser", true),
                    "tobedeleted".equalsIgnoreCase(row.getOrEmpty("status")), row.date("dateLastModified"),
                    row.list("orgSourcedIds"), row.getOrEmpty("givenName"), row.getOrEmpty("familyName"),
                    row.get("identifier"), row.get("email"), row.get("sms"), row.get("phone"),
                    row.list("agentSourcedIds"), row.list("grades"));
            UserRow earlier = users.putIfAbsent(id, user);
            if (earlier != null) {
                throw row.fail("sourcedId", "sourcedId " + id + " is already on row " + earlier.row(), null);
            }
        });
        return users;
    }

    private Map<String, ClassRow> readClasses(CsvSource source) throws MisReadException, IOException {
        List<String> required = new ArrayList<>(List.of("sourcedId", "title"));
        if (orgSourcedId != null) {
            required.add("schoolSourcedId");
        }
        Map<String, ClassRow> classes = new LinkedHashMap<>();
        CsvTable.read(CLASSES, require(source, CLASSES), required, row -> {
            String id = row.required("sourcedId");
            if (orgSourcedId != null && !orgSourcedId.equals(row.get("schoolSourcedId"))) {
                return;
            }
            String type = row.getOrEmpty("classType").toLowerCase(Locale.ROOT);
            GroupKind kind = switch (type) {
                case "homeroom" -> GroupKind.REGISTRATION;
                case "scheduled", "" -> GroupKind.CLASS;
                default -> GroupKind.OTHER;
            };
            String status = row.getOrEmpty("status").toLowerCase(Locale.ROOT);
            boolean active = !status.equals("tobedeleted") && !status.equals("inactive");
            String title = row.get("title");
            classes.putIfAbsent(id, new ClassRow(id, title == null ? id : title, kind, active));
        });
        return classes;
    }

    private List<EnrollmentRow> readEnrollments(CsvSource source) throws MisReadException, IOException {
        List<String> required = new ArrayList<>(List.of("sourcedId", "classSourcedId", "userSourcedId", "role"));
        if (orgSourcedId != null) {
            required.add("schoolSourcedId");
        }
        List<EnrollmentRow> enrollments = new ArrayList<>();
        CsvTable.read(ENROLLMENTS, require(source, ENROLLMENTS), required, row -> {
            row.required("sourcedId");
            EnrollmentRow enrollment = new EnrollmentRow(row.required("classSourcedId"), row.required("userSourcedId"),
                    row.required("role").toLowerCase(Locale.ROOT), row.date("beginDate"), row.date("endDate"));
            row.date("dateLastModified");
            boolean deleted = "tobedeleted".equalsIgnoreCase(row.getOrEmpty("status"));
            boolean otherSchool = orgSourcedId != null && !orgSourcedId.equals(row.get("schoolSourcedId"));
            if (!deleted && !otherSchool) {
                enrollments.add(enrollment);
            }
        });
        return enrollments;
    }

    private Snapshot build(Map<String, UserRow> users, Map<String, ClassRow> classes, List<EnrollmentRow> enrollments, LocalDate today) {
        Map<String, UserRow> students = new LinkedHashMap<>();
        Map<String, UserRow> staff = new LinkedHashMap<>();
        Map<String, UserRow> contacts = new LinkedHashMap<>();
        int ignored = 0;
        for (UserRow user : users.values()) {
            boolean inOrg = orgSourcedId == null || user.orgs().contains(orgSourcedId);
            if (user.role().equals("student") && inOrg) {
                students.put(user.id(), user);
            } else if (STAFF_ROLES.contains(user.role()) && inOrg) {
                staff.put(user.id(), user);
            } else if (CONTACT_ROLES.contains(user.role()) && !user.toBeDeleted()) {
                // a deleted contact is dropped with its links; a disabled login still leaves a parent a parent
                contacts.put(user.id(), user);
            } else {
                ignored++;
            }
        }

        Map<String, List<EnrollmentRow>> studentEnrollments = new HashMap<>();
        Map<String, Set<String>> members = new HashMap<>();
        int dangling = 0;
        for (EnrollmentRow enrollment : enrollments) {
            String userId = enrollment.userId();
            if (!users.containsKey(userId)) {
                dangling++;
                LOG.debug("{}: enrollment of {} points at no user", schoolId, userId);
                continue;
            }
            if (!classes.containsKey(enrollment.classId())) {
                LOG.debug("{}: enrollment of {} points at class {} that is not read", schoolId, userId, enrollment.classId());
                continue;
            }
            if (students.containsKey(userId) || staff.containsKey(userId)) {
                members.computeIfAbsent(enrollment.classId(), k -> new LinkedHashSet<>()).add(userId);
            }
            if (enrollment.role().equals("student") && students.containsKey(userId)) {
                studentEnrollments.computeIfAbsent(userId, k -> new ArrayList<>()).add(enrollment);
            }
        }

        List<Student> studentList = new ArrayList<>();
        for (UserRow user : students.values()) {
            List<EnrollmentRow> own = studentEnrollments.getOrDefault(user.id(), List.of());
            studentList.add(new Student(user.id(), upn(user.identifier()), user.givenName(), user.familyName(),
                    yearGroup(user.grades()), registrationGroup(own, classes), enrolment(user, own, today)));
        }

        List<Staff> staffList = new ArrayList<>();
        for (UserRow user : staff.values()) {
            LocalDate leaving = user.toBeDeleted() || !user.enabled() ? leavingDate(user, today) : null;
            staffList.add(new Staff(user.id(), user.givenName(), user.familyName(), user.email(), user.sms(), leaving));
        }

        List<ContactLink> links = new ArrayList<>();
        Map<String, Integer> nextPriority = new HashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        for (UserRow student : students.values()) {
            for (String agent : student.agents()) {
                UserRow contact = contacts.get(agent);
                if (contact == null) {
                    if (!users.containsKey(agent)) {
                        dangling++;
                        LOG.debug("{}: student {} lists agent {} that is not in {}", schoolId, student.id(), agent, USERS);
                    }
                    continue;
                }
                link(links, nextPriority, linked, student, contact);
            }
        }
        for (UserRow contact : contacts.values()) {
            for (String child : contact.agents()) {
                UserRow student = students.get(child);
                if (student != null) {
                    link(links, nextPriority, linked, student, contact);
                } else if (!users.containsKey(child)) {
                    dangling++;
                    LOG.debug("{}: contact {} lists agent {} that is not in {}", schoolId, contact.id(), child, USERS);
                }
            }
        }

        List<Contact> contactList = new ArrayList<>();
        Set<String> linkedContacts = new LinkedHashSet<>();
        links.forEach(l -> linkedContacts.add(l.contactId()));
        for (UserRow user : contacts.values()) {
            if (orgSourcedId != null && !linkedContacts.contains(user.id())) {
                continue;
            }
            contactList.add(contact(user));
        }

        List<Group> groups = new ArrayList<>();
        for (ClassRow row : classes.values()) {
            groups.add(new Group(row.id(), row.title(), row.kind(), row.active(), members.getOrDefault(row.id(), Set.of())));
        }

        if (dangling > 0 || ignored > 0) {
            LOG.debug("{}: {} references to missing users skipped, {} users of other roles or orgs ignored", schoolId, dangling, ignored);
        }
        return new Snapshot(schoolId, SOURCE, Coverage.WHOLE_ROLL, clock.instant(), studentList, staffList,
                contactList, links, groups, List.of());
    }

    private static void link(List<ContactLink> links, Map<String, Integer> nextPriority, Set<String> linked,
            UserRow student, UserRow contact) {
        if (!linked.add(student.id() + '\u0000' + contact.id())) {
            return;
        }
        int priority = nextPriority.merge(student.id(), 1, Integer::sum);
        links.add(new ContactLink(student.id(), contact.id(), priority, ParentalResponsibility.UNKNOWN, contact.role()));
    }

    private static Contact contact(UserRow user) {
        List<Email> emails = new ArrayList<>();
        if (user.email() != null) {
            emails.add(new Email(user.email(), EmailLocation.HOME));
        }
        List<Telephone> telephones = new ArrayList<>();
        if (user.sms() != null) {
            telephones.add(new Telephone(user.sms(), TelephoneType.MOBILE));
        }
        if (user.phone() != null) {
            telephones.add(new Telephone(user.phone(), TelephoneType.HOME));
        }
        return new Contact(user.id(), user.givenName(), user.familyName(), emails, telephones);
    }

    private static @Nullable String upn(@Nullable String identifier) {
        return identifier != null && UPN.matcher(identifier).matches() ? identifier.toUpperCase(Locale.ROOT) : null;
    }

    private static @Nullable String yearGroup(List<String> grades) {
        if (grades.isEmpty()) {
            return null;
        }
        return grades.get(0).replaceFirst("^0+(?=\\d)", "");
    }

    private static @Nullable String registrationGroup(List<EnrollmentRow> own, Map<String, ClassRow> classes) {
        for (EnrollmentRow enrollment : own) {
            ClassRow row = classes.get(enrollment.classId());
            if (row != null && row.active() && row.kind() == GroupKind.REGISTRATION) {
                return row.title();
            }
        }
        return null;
    }

    /**
     * A user deleted or disabled is a leaver; all enrolments starting after today make a
     * pre-admission; all ended before today make a leaver; anything else is on roll.
     */
    private static Enrolment enrolment(UserRow user, List<EnrollmentRow> own, LocalDate today) {
        LocalDate earliestBegin = null;
        LocalDate latestEnd = null;
        boolean allFuture = !own.isEmpty();
        boolean allEnded = !own.isEmpty();
        for (EnrollmentRow enrollment : own) {
            LocalDate begin = enrollment.begin();
            LocalDate end = enrollment.end();
            if (begin != null && (earliestBegin == null || begin.isBefore(earliestBegin))) {
                earliestBegin = begin;
            }
            if (end != null && (latestEnd == null || end.isAfter(latestEnd))) {
                latestEnd = end;
            }
            allFuture &= begin != null && begin.isAfter(today);
            allEnded &= end != null && end.isBefore(today);
        }
        if (user.toBeDeleted() || !user.enabled()) {
            return Enrolment.leaver(earliestBegin, leavingDate(user, today));
        }
        if (allFuture) {
            return Enrolment.preAdmission(ApplicationStatus.ACCEPTED, Objects.requireNonNull(earliestBegin));
        }
        if (allEnded) {
            return Enrolment.leaver(earliestBegin, Objects.requireNonNull(latestEnd));
        }
        return Enrolment.onRoll(earliestBegin, null);
    }

    private static LocalDate leavingDate(UserRow user, LocalDate today) {
        return user.lastModified() != null ? user.lastModified() : today;
    }
}
