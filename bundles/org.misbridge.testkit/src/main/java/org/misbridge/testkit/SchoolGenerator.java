package org.misbridge.testkit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Deterministic generator of a synthetic UK secondary school (years 7 to 11), or a district of several, written as a
 * OneRoster 1.1 bulk CSV folder.
 *
 * <p>The same {@link Spec} always gives byte-identical files: the only randomness is {@code java.util.Random(seed)},
 * every date derives from {@link Spec#today()}, and {@code status}/{@code dateLastModified} are left blank as the 1.1
 * bulk format requires. Rows are streamed, so 100,000 students take a few seconds and little memory.
 *
 * <p>Encoding: each student has 1 to 3 contacts (role {@code parent} or {@code guardian}), listed in priority order in
 * the student's {@code agentSourcedIds}; each contact lists its children in return. About 10% of families have two
 * children who share all their contacts. About 3% of students are pre-admissions (every enrollment begins on the next
 * 1 September after {@code today}) and about 3% are leavers (every enrollment ended before {@code today}); as class
 * enrolment dates alone decide neither, each of them also has a school-level enrollment (no class) with those dates,
 * as providers that send joining and leaving dates write them. Exactly
 * every 50th contact gets an invalid email such as {@code jane.smith@@example}, and every 50th (a different one) a
 * mobile with too many digits. Mobiles count up from {@code 07700900000} (Ofcom's drama range for the first
 * thousand), landlines come from {@code 01632 960xxx}, and emails end in {@code @example.org}.
 */
public final class SchoolGenerator {

    /** The fixed default "today", so generated output stays reproducible. */
    public static final LocalDate DEFAULT_TODAY = LocalDate.of(2026, 11, 23);

    static final String[] USER_HEADER = {"sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds",
        "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
        "agentSourcedIds", "grades", "password"};
    static final String[] ENROLLMENT_HEADER = {"sourcedId", "status", "dateLastModified", "classSourcedId",
        "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"};
    static final String[] CLASS_HEADER = {"sourcedId", "status", "dateLastModified", "title", "grades",
        "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects",
        "subjectCodes", "periods"};
    static final String[] ORG_HEADER = {"sourcedId", "status", "dateLastModified", "name", "type", "identifier",
        "parentSourcedId"};
    static final String[] SESSION_HEADER = {"sourcedId", "status", "dateLastModified", "title", "type", "startDate",
        "endDate", "parentSourcedId", "schoolYear"};

    /** Files written, in manifest order; every other OneRoster 1.1 file is marked absent. */
    static final List<String> BULK_FILES = List.of("academicSessions", "classes", "enrollments", "orgs", "users");
    private static final List<String> ABSENT_FILES = List.of("categories", "classResources", "courses",
        "courseResources", "demographics", "lineItems", "resources", "results");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180; // CRLF, minimal quoting

    private static final String[] GIVEN = {"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Muhammad",
        "Thomas", "Oscar", "William", "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac",
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella", "Lily", "Evie",
        "Isabella", "Sophie", "Ivy", "Freya", "Harper", "Willow", "Charlotte", "Jessica", "Aisha", "Priya", "Niamh",
        "Siobhan", "Rhys", "Dylan", "Ffion", "Callum"};
    private static final String[] FAMILY = {"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
        "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
        "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin",
        "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "Khan", "Ahmed", "O'Brien", "Murphy", "Campbell", "Kelly", "Scott", "Young"};
    private static final String[] PLACES = {"Ashford", "Bramley", "Castleton", "Dunmore", "Elmstead", "Fairfield",
        "Greenhill", "Hartwell", "Kingsmead", "Langley", "Millbrook", "Northgate", "Oakwood", "Redbridge",
        "Southfields", "Thornbury", "Westcliff", "Whitmore"};
    private static final String[] SCHOOL_KINDS = {"Academy", "High School", "School", "Community College",
        "Secondary School"};
    private static final String[][] SUBJECTS = {{"Mathematics", "MA"}, {"English", "EN"}, {"Science", "SC"},
        {"History", "HI"}, {"Geography", "GE"}, {"French", "FR"}, {"Computing", "CO"}, {"Art", "AR"},
        {"Music", "MU"}, {"Physical Education", "PE"}};
    private static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private static final int FIRST_YEAR = 7;
    private static final int YEARS = 5;
    private static final int FORM_SIZE = 30;
    private static final long FIRST_MOBILE = 7_700_900_000L;
    private static final long ZIP_TIME = 1_790_000_000_000L; // fixed entry time so zips are reproducible too

    private SchoolGenerator() {
    }

    /**
     * What to generate.
     *
     * @param orgSourcedId the school org's sourcedId; also the prefix of every other sourcedId of the school
     * @param schoolName   the org name
     * @param students     number of student rows (0 or more)
     * @param seed         seed of the one {@code java.util.Random}
     * @param today        the reference date: pre-admissions start after it, leavers left before it
     */
    public record Spec(String orgSourcedId, String schoolName, int students, long seed, LocalDate today) {

        public Spec {
            Objects.requireNonNull(orgSourcedId, "orgSourcedId");
            Objects.requireNonNull(schoolName, "schoolName");
            Objects.requireNonNull(today, "today");
            if (orgSourcedId.isBlank()) {
                throw new IllegalArgumentException("orgSourcedId is blank");
            }
            if (students < 0) {
                throw new IllegalArgumentException("students < 0: " + students);
            }
        }

        /** A school with a name derived from the id and seed, and {@code today} = {@link #DEFAULT_TODAY}. */
        public static Spec of(String orgSourcedId, int students, long seed) {
            return of(orgSourcedId, students, seed, DEFAULT_TODAY);
        }

        /** A school with a name derived from the id and seed. */
        public static Spec of(String orgSourcedId, int students, long seed, LocalDate today) {
            Random r = new Random(seed ^ orgSourcedId.hashCode());
            String name = PLACES[r.nextInt(PLACES.length)] + " " + SCHOOL_KINDS[r.nextInt(SCHOOL_KINDS.length)];
            return new Spec(orgSourcedId, name, students, seed, today);
        }

        /** The same spec with another {@code today}. */
        public Spec withToday(LocalDate newToday) {
            return new Spec(orgSourcedId, schoolName, students, seed, newToday);
        }
    }

    /**
     * Writes one school as a OneRoster 1.1 bulk CSV folder (created if missing; the six files are overwritten).
     *
     * @return the counts of what was written
     */
    public static GeneratedSchool writeOneRosterCsv(Spec spec, Path folder) throws IOException {
        Objects.requireNonNull(spec, "spec");
        return write(List.of(spec), null, folder).get(0);
    }

    /**
     * Writes several schools and one {@code district} org (the schools' parent) into one folder. All specs must share
     * {@code today}; academic sessions are written once, under the district.
     *
     * @return the counts per school, in the order given
     */
    public static List<GeneratedSchool> writeDistrict(String districtSourcedId, List<Spec> schools, Path folder)
            throws IOException {
        Objects.requireNonNull(districtSourcedId, "districtSourcedId");
        if (schools.isEmpty()) {
            throw new IllegalArgumentException("no schools");
        }
        Set<String> ids = new HashSet<>();
        for (Spec s : schools) {
            if (!s.today().equals(schools.get(0).today())) {
                throw new IllegalArgumentException("all schools of a district must share today");
            }
            if (!ids.add(s.orgSourcedId()) || s.orgSourcedId().equals(districtSourcedId)) {
                throw new IllegalArgumentException("duplicate sourcedId " + s.orgSourcedId());
            }
        }
        return write(schools, districtSourcedId, folder);
    }

    /** {@link #writeDistrict(String, List, Path)} with the district sourcedId {@code "district"}. */
    public static List<GeneratedSchool> writeDistrict(List<Spec> schools, Path folder) throws IOException {
        return writeDistrict("district", schools, folder);
    }

    /** Zips the regular files directly inside {@code folder} (sorted by name, fixed timestamps) at the zip root. */
    public static void zip(Path folder, Path zipFile) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path parent = zipFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                if (f.toAbsolutePath().equals(zipFile.toAbsolutePath())) {
                    continue;
                }
                ZipEntry e = new ZipEntry(f.getFileName().toString());
                e.setTime(ZIP_TIME);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Command line: {@code <outputFolder> <orgSourcedId> <students> [seed]}. Prints one summary line to stdout.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            // thrown, so the build that runs it fails with the usage and a non-zero exit
            throw new IllegalArgumentException("usage: SchoolGenerator <outputFolder> <orgSourcedId> <students> [seed]; got "
                    + args.length + " argument(s)");
        }
        long seed = args.length == 4 ? Long.parseLong(args[3]) : 42L;
        Spec spec = Spec.of(args[1], Integer.parseInt(args[2]), seed);
        Path folder = Path.of(args[0]);
        GeneratedSchool g = writeOneRosterCsv(spec, folder);
        System.out.println(g.summary() + " folder=" + folder.toAbsolutePath());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<GeneratedSchool> write(List<Spec> specs, String districtId, Path folder) throws IOException {
        Files.createDirectories(folder);
        writeManifest(folder);
        LocalDate today = specs.get(0).today();
        String sessionPrefix = districtId != null ? districtId : specs.get(0).orgSourcedId();
        Sessions sessions = Sessions.of(sessionPrefix, today);
        try (CSVPrinter s = printer(folder, "academicSessions", SESSION_HEADER)) {
            sessions.write(s);
        }
        List<GeneratedSchool> result = new ArrayList<>();
        try (CSVPrinter orgs = printer(folder, "orgs", ORG_HEADER);
             CSVPrinter users = printer(folder, "users", USER_HEADER);
             CSVPrinter classes = printer(folder, "classes", CLASS_HEADER);
             CSVPrinter enrollments = printer(folder, "enrollments", ENROLLMENT_HEADER)) {
            if (districtId != null) {
                orgs.printRecord(districtId, "", "", "District of " + specs.get(0).schoolName(), "district", "", "");
            }
            for (Spec spec : specs) {
                orgs.printRecord(spec.orgSourcedId(), "", "", spec.schoolName(), "school",
                    "URN" + (100000 + Math.floorMod(spec.orgSourcedId().hashCode(), 900000)),
                    districtId != null ? districtId : "");
                result.add(new SchoolWriter(spec, sessions, users, classes, enrollments).write());
            }
        }
        return List.copyOf(result);
    }

    private static void writeManifest(Path folder) throws IOException {
        try (CSVPrinter m = printer(folder, "manifest", new String[] {"propertyName", "value"})) {
            m.printRecord("manifest.version", "1.0");
            m.printRecord("oneroster.version", "1.1");
            List<String> all = new ArrayList<>(BULK_FILES);
            all.addAll(ABSENT_FILES);
            all.sort(String.CASE_INSENSITIVE_ORDER);
            for (String f : all) {
                m.printRecord("file." + f, BULK_FILES.contains(f) ? "bulk" : "absent");
            }
            m.printRecord("source.systemName", "MIS Bridge testkit");
            m.printRecord("source.systemCode", "misbridge-testkit");
        }
    }

    private static CSVPrinter printer(Path folder, String name, String[] header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(folder.resolve(name + ".csv"), StandardCharsets.UTF_8);
        return new CSVPrinter(w, FORMAT.builder().setHeader(header).build());
    }

    /** The school year containing {@code today} (1 Sep to 31 Jul) and its three terms. */
    private record Sessions(String yearId, LocalDate yearStart, LocalDate yearEnd, String termIds,
                            List<String[]> rows) {

        static Sessions of(String prefix, LocalDate today) {
            int startYear = today.getMonthValue() >= Month.SEPTEMBER.getValue() ? today.getYear() : today.getYear() - 1;
            LocalDate start = LocalDate.of(startYear, 9, 1);
            LocalDate end = LocalDate.of(startYear + 1, 7, 31);
            String schoolYear = Integer.toString(startYear + 1);
            String yearId = prefix + "-as-" + startYear;
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {yearId, "", "", startYear + "/" + String.format(Locale.ROOT, "%02d",
                (startYear + 1) % 100), "schoolYear", start.toString(), end.toString(), "", schoolYear});
            String[][] terms = {{"autumn", "Autumn", start.toString(), startYear + "-12-31"},
                {"spring", "Spring", (startYear + 1) + "-01-01", (startYear + 1) + "-04-14"},
                {"summer", "Summer", (startYear + 1) + "-04-15", end.toString()}};
            List<String> ids = new ArrayList<>();
            for (String[] t : terms) {
                String id = yearId + "-" + t[0];
                ids.add(id);
                rows.add(new String[] {id, "", "", t[1] + " " + (t[0].equals("autumn") ? startYear : startYear + 1),
                    "term", t[2], t[3], yearId, schoolYear});
            }
            return new Sessions(yearId, start, end, String.join(",", ids), rows);
        }

        void write(CSVPrinter p) throws IOException {
            for (String[] row : rows) {
                p.printRecord((Object[]) row);
            }
        }
    }

    /** Streams one school's users, classes and enrollments; counts what it writes. */
    private static final class SchoolWriter {
        private final Spec spec;
        private final String org;
        private final Sessions sessions;
        private final CSVPrinter users;
        private final CSVPrinter classes;
        private final CSVPrinter enrollments;
        private final Random r;
        private final LocalDate today;

        private final int[] yearOf;                // per student serial, 0..4
        private final int[] formsPerYear = new int[YEARS];
        private final int[] seenInYear = new int[YEARS];
        private final List<List<String>> subjectClassIds = new ArrayList<>();
        private final List<List<String>> homeroomIds = new ArrayList<>();
        private final int laCode;

        private long enrollmentSeq;
        private long mobileSeq;
        private int studentSeq;
        private int contactSeq;
        private int classCount;
        private int staffCount;
        private int preAdmissions;
        private int leavers;
        private int invalidEmails;
        private int invalidMobiles;
        private final Set<String> primeParents = new HashSet<>();

        SchoolWriter(Spec spec, Sessions sessions, CSVPrinter users, CSVPrinter classes, CSVPrinter enrollments) {
            this.spec = spec;
            this.org = spec.orgSourcedId();
            this.sessions = sessions;
            this.users = users;
            this.classes = classes;
            this.enrollments = enrollments;
            this.r = new Random(spec.seed());
            this.today = spec.today();
            this.yearOf = new int[spec.students()];
            this.laCode = 200 + Math.floorMod(org.hashCode(), 700);
        }

        GeneratedSchool write() throws IOException {
            int n = spec.students();
            int[] perYear = new int[YEARS];
            for (int i = 0; i < n; i++) {
                yearOf[i] = i % YEARS;
                perYear[i % YEARS]++;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates with the one Random
                int j = r.nextInt(i + 1);
                int t = yearOf[i];
                yearOf[i] = yearOf[j];
                yearOf[j] = t;
            }
            List<String> classIds = writeClasses(perYear);
            writeStaff(Math.max(2, Math.round(n / 15f)), classIds);
            writeFamilies(n);
            int contacts = contactSeq;
            return new GeneratedSchool(org, studentSeq, studentSeq - preAdmissions - leavers, preAdmissions, leavers,
                staffCount, contacts, primeParents.size(), classCount, invalidEmails, invalidMobiles);
        }

        private List<String> writeClasses(int[] perYear) throws IOException {
            List<String> ids = new ArrayList<>();
            int room = 1;
            for (int y = 0; y < YEARS; y++) {
                String grade = grade(y);
                int forms = Math.max(1, (perYear[y] + FORM_SIZE - 1) / FORM_SIZE);
                formsPerYear[y] = forms;
                List<String> homerooms = new ArrayList<>();
                homeroomIds.add(homerooms);
                for (int f = 0; f < forms; f++) {
                    String title = (y + FIRST_YEAR) + formLetters(f);
                    String id = homeroomId(y, f);
                    classes.printRecord(id, "", "", title, grade, "", title, "homeroom", "Room " + room++, org,
                        sessions.termIds(), "", "", "");
                    ids.add(id);
                    homerooms.add(id);
                }
                int subjects = 2 + r.nextInt(3);
                List<String> subjectIds = new ArrayList<>();
                int[] order = shuffledIndexes(SUBJECTS.length);
                for (int k = 0; k < subjects; k++) {
                    String[] subject = SUBJECTS[order[k]];
                    String code = (y + FIRST_YEAR) + subject[1];
                    String id = org + "-cls-" + code;
                    classes.printRecord(id, "", "", "Year " + (y + FIRST_YEAR) + " " + subject[0], grade, "", code,
                        "scheduled", "Room " + room++, org, sessions.termIds(), subject[0], subject[1],
                        Integer.toString(1 + k));
                    ids.add(id);
                    subjectIds.add(id);
                }
                subjectClassIds.add(subjectIds);
            }
            classCount = ids.size();
            return ids;
        }

        private void writeStaff(int count, List<String> classIds) throws IOException {
            String domain = "@" + slug(spec.schoolName()) + ".example.org";
            for (int t = 0; t < count; t++) {
                String given = GIVEN[r.nextInt(GIVEN.length)];
                String family = FAMILY[r.nextInt(FAMILY.length)];
                String id = org + "-tch-" + pad(t + 1);
                String username = Character.toLowerCase(given.charAt(0)) + "." + lettersOnly(family) + (t + 1);
                users.printRecord(id, "", "", "TRUE", org, "teacher", username, "", given, family, "",
                    "STF" + pad(t + 1), username + domain, nextMobile(), "", "", "", "");
            }
            staffCount = count;
            // every class gets a primary teacher, every teacher at least one class
            int links = Math.max(count, classIds.size());
            for (int i = 0; i < links; i++) {
                String teacher = org + "-tch-" + pad(i % count + 1);
                enroll(classIds.get(i % classIds.size()), teacher, "teacher", i < classIds.size(),
                    sessions.yearStart(), sessions.yearEnd());
            }
        }

        private void writeFamilies(int students) throws IOException {
            LocalDate nextSeptember = LocalDate.of(today.getYear(), 9, 1);
            if (!nextSeptember.isAfter(today)) {
                nextSeptember = nextSeptember.plusYears(1);
            }
            LocalDate preEnd = LocalDate.of(nextSeptember.getYear() + 1, 7, 31);
            int remaining = students;
            while (remaining > 0) {
                int kids = remaining >= 2 && r.nextInt(100) < 10 ? 2 : 1;
                int roll = r.nextInt(100);
                int contacts = roll < 25 ? 1 : roll < 90 ? 2 : 3;
                String familyName = FAMILY[r.nextInt(FAMILY.length)];
                String[] kidIds = new String[kids];
                for (int k = 0; k < kids; k++) {
                    kidIds[k] = org + "-stu-" + pad(studentSeq + k + 1);
                }
                String[] contactIds = new String[contacts];
                for (int c = 0; c < contacts; c++) {
                    contactIds[c] = org + "-con-" + pad(contactSeq + c + 1);
                }
                String agents = String.join(",", contactIds);
                primeParents.add(contactIds[0]);
                for (int k = 0; k < kids; k++) {
                    writeStudent(kidIds[k], familyName, agents, nextSeptember, preEnd);
                }
                String children = String.join(",", kidIds);
                for (int c = 0; c < contacts; c++) {
                    writeContact(contactIds[c], c == 0 || r.nextInt(100) < 70 ? familyName
                        : FAMILY[r.nextInt(FAMILY.length)], children);
                }
                remaining -= kids;
            }
        }

        private void writeStudent(String id, String familyName, String agents, LocalDate preBegin, LocalDate preEnd)
                throws IOException {
            int serial = studentSeq++;
            int y = yearOf[serial];
            String given = GIVEN[r.nextInt(GIVEN.length)];
            int entryYear = sessions.yearStart().getYear() - y;
            String upn = UPN_LETTERS.charAt(r.nextInt(UPN_LETTERS.length()))
                + zeroPad(laCode, 3) + zeroPad(entryYear % 100, 2) + zeroPad(serial % 10_000_000, 7);
            String username = given.toLowerCase(Locale.ROOT) + "." + lettersOnly(familyName) + (serial + 1);
            users.printRecord(id, "", "", "TRUE", org, "student", username, "", given, familyName, "", upn, "", "",
                "", agents, grade(y), "");

            int kind = r.nextInt(100);
            LocalDate begin;
            LocalDate end;
            if (kind < 3) {
                begin = preBegin;
                end = preEnd;
            } else if (kind < 6) {
                begin = sessions.yearStart().minusYears(1);
                end = today.minusDays(1 + r.nextInt(90));
            } else {
                begin = sessions.yearStart();
                end = sessions.yearEnd();
            }
            int form = seenInYear[y]++ % formsPerYear[y];
            boolean allFuture = true;
            boolean allEnded = true;
            List<String> ids = new ArrayList<>(5);
            ids.add(homeroomIds.get(y).get(form));
            ids.addAll(subjectClassIds.get(y));
            for (String cls : ids) {
                enroll(cls, id, "student", false, begin, end);
                allFuture &= begin.isAfter(today);
                allEnded &= end.isBefore(today);
            }
            if (allFuture) {
                preAdmissions++;
            } else if (allEnded) {
                leavers++;
            }
            if (allFuture || allEnded) {
                // its own id sequence, so every other row of the set stays as it was
                enrollments.printRecord(org + "-enr-school-" + id, "", "", "", org, id, "student", "false",
                    begin.toString(), end.toString());
            }
        }

        private void writeContact(String id, String familyName, String children) throws IOException {
            int serial = ++contactSeq;
            String given = GIVEN[r.nextInt(GIVEN.length)];
            String role = r.nextInt(100) < 85 ? "parent" : "guardian";
            String local = given.toLowerCase(Locale.ROOT) + "." + lettersOnly(familyName);
            String email;
            if (serial % 50 == 17) {
                email = local + "@@example";
                invalidEmails++;
            } else {
                email = local + serial + "@example.org";
            }
            String sms = nextMobile();
            if (serial % 50 == 41) {
                sms = sms + (serial % 10);
                invalidMobiles++;
            }
            String phone = r.nextInt(100) < 30 ? "01632960" + zeroPad(r.nextInt(1000), 3) : "";
            users.printRecord(id, "", "", "TRUE", org, role, local + serial, "", given, familyName, "", "", email, sms,
                phone, children, "", "");
        }

        private void enroll(String classId, String userId, String role, boolean primary, LocalDate begin,
                            LocalDate end) throws IOException {
            enrollments.printRecord(org + "-enr-" + (++enrollmentSeq), "", "", classId, org, userId, role,
                primary ? "true" : "false", begin.toString(), end.toString());
        }

        private String nextMobile() {
            return "0" + (FIRST_MOBILE + mobileSeq++);
        }

        private String homeroomId(int y, int form) {
            return org + "-cls-" + (y + FIRST_YEAR) + formLetters(form);
        }

        private int[] shuffledIndexes(int n) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            return a;
        }
    }

    private static String grade(int y) {
        return zeroPad(y + FIRST_YEAR, 2);
    }

    /** 0 → A, 25 → Z, 26 → AA, ... */
    static String formLetters(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.append((char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.reverse().toString();
    }

    private static String pad(long n) {
        return zeroPad(n, 6);
    }

    private static String zeroPad(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String lettersOnly(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
