package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.OneRoster12;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A CSV reader with deltas on reads again only what changed in the files: files as they were give
 * the last snapshot itself, a users.csv changed alone redoes only the changed users, and anything
 * else reads every file. Whatever the path, the snapshot holds the records a fresh whole read of
 * the same files holds (a reader with deltas off, built for each comparison).
 */
class CsvDeltaReadTest {

    @TempDir
    Path temp;

    private Path school;
    private MovableClock clock;
    private OneRosterCsvReader deltas;
    private Snapshot first;

    @BeforeEach
    void firstRead() throws Exception {
        school = temp.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-csvdelta", 120, 23L), school);
        clock = new MovableClock(SchoolGenerator.DEFAULT_TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        deltas = reader(school, true);
        first = deltas.read();
        assertThat(deltas.readsDeltas()).isTrue();
    }

    private OneRosterCsvReader reader(Path path, boolean withDeltas) {
        return new OneRosterCsvReader("csv-school", path, null, clock, Limits.defaults(), StandardCharsets.UTF_8, withDeltas);
    }

    @Test
    void filesAsTheyWereGiveTheLastSnapshotEvenRewritten() throws Exception {
        assertThat(deltas.read()).isSameAs(first);
        // the same bytes written again, with a new modification time: still the same files
        Path users = school.resolve("users.csv");
        Files.write(users, Files.readAllBytes(users));
        Files.setLastModifiedTime(users, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(deltas.read()).isSameAs(first);
        assertThat(reader(school, false).read()).isNotSameAs(first);
    }

    @Test
    void aChangedUsersFileRedoesOnlyTheChangedUsers() throws Exception {
        Student student = first.students().get(4);
        Staff teacher = first.staff().get(2);
        edit("users.csv", student.id(), Map.of("familyName", "Renamed", "grades", "11"));
        edit("users.csv", teacher.id(), Map.of("email", "new.teacher@school.example"));

        Snapshot patched = deltas.read();
        assertThat(patched.students()).filteredOn(s -> s.id().equals(student.id())).singleElement()
                .satisfies(s -> {
                    assertThat(s.familyName()).isEqualTo("Renamed");
                    assertThat(s.yearGroup()).isEqualTo("11");
                });
        assertThat(patched.staff()).filteredOn(s -> s.id().equals(teacher.id())).singleElement()
                .extracting(Staff::email).isEqualTo("new.teacher@school.example");
        // only those two were made again: every other record is the last read's own object, and the links too
        assertThat(patched.links()).isSameAs(first.links());
        assertThat(patched.students().get(0)).isSameAs(first.students().get(0));
        assertThat(patched.students().get(4)).isNotSameAs(first.students().get(4));
        assertSameRecords(patched, reader(school, false).read());
        // and those are now the kept ones
        assertThat(deltas.read()).isSameAs(patched);
    }

    @Test
    void aRowWrittenDifferentlyWithTheSameValuesChangesNothing() throws Exception {
        Path users = school.resolve("users.csv");
        String text = Files.readString(users, StandardCharsets.UTF_8);
        String id = first.students().get(2).id();
        assertThat(text).contains("\r\n" + id + ",");
        // the sourcedId quoted, as some exporters do: the bytes differ, the values do not
        Files.writeString(users, text.replace("\r\n" + id + ",", "\r\n\"" + id + "\","), StandardCharsets.UTF_8);
        assertThat(deltas.read()).isSameAs(first);
    }

    @Test
    void aUsersFileWhoseRowsTheByteFramingCannotFollowIsReadWhole() throws Exception {
        // a blank line, which the parser skips: the first read keeps no record digests for the file
        Path users = school.resolve("users.csv");
        Files.writeString(users, Files.readString(users, StandardCharsets.UTF_8) + "\n", StandardCharsets.UTF_8);
        OneRosterCsvReader blank = reader(school, true);
        Snapshot before = blank.read();
        Student student = before.students().get(4);
        edit("users.csv", student.id(), Map.of("familyName", "Renamed"));
        Files.writeString(users, Files.readString(users, StandardCharsets.UTF_8) + "\n", StandardCharsets.UTF_8);
        Snapshot read = blank.read();
        assertThat(read.students().get(0)).as("every file read again").isNotSameAs(before.students().get(0));
        assertThat(read.students()).filteredOn(s -> s.id().equals(student.id())).extracting(Student::familyName)
                .containsExactly("Renamed");
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void aChangedStandingIsAssembledAgainAsAWholeReadWould() throws Exception {
        Student student = first.students().get(7);
        edit("users.csv", student.id(), Map.of("enabledUser", "false"));
        Snapshot read = deltas.read();
        assertThat(read.students()).filteredOn(s -> s.id().equals(student.id())).singleElement()
                .satisfies(s -> assertThat(s.enrolment().state()).as("a disabled student is a leaver").isEqualTo(EnrolmentState.LEAVER));
        assertThat(read.links()).isNotSameAs(first.links());
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void aChangedEnrolmentFileReadsEveryFile() throws Exception {
        Path enrollments = school.resolve("enrollments.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(enrollments, StandardCharsets.UTF_8));
        lines.remove(lines.size() - 1);
        Files.write(enrollments, lines, StandardCharsets.UTF_8);
        Snapshot read = deltas.read();
        assertThat(read.students().get(0)).isNotSameAs(first.students().get(0));
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void aChangedClassesFileReadsEveryFile() throws Exception {
        // classes.csv and enrollments.csv are parsed, and hashed, on a second thread beside users.csv:
        // a change there must still be seen by the next read
        var group = first.groups().get(0);
        edit("classes.csv", group.id(), Map.of("title", "Renamed class"));
        Snapshot read = deltas.read();
        assertThat(read).isNotSameAs(first);
        assertThat(read.groups()).filteredOn(g -> g.id().equals(group.id())).singleElement()
                .satisfies(g -> assertThat(g.name()).isEqualTo("Renamed class"));
        assertSameRecords(read, reader(school, false).read());
        assertThat(deltas.read()).isSameAs(read);
    }

    @Test
    void aStudentMovedToAnotherClassRedoesOnlyTheChangedEnrolments() throws Exception {
        RosterRows keptRows = deltas.kept().rows();
        Move move = moveAStudentsClass(school, 0);
        String student = move.student();
        String from = move.from();
        String to = move.to();

        Snapshot read = deltas.read();
        assertThat(deltas.kept().rows()).as("the kept records, with the one enrolment redone").isSameAs(keptRows);
        assertThat(read.groups()).filteredOn(g -> g.id().equals(to)).singleElement()
                .satisfies(g -> assertThat(g.memberIds()).contains(student));
        assertSameRecords(read, reader(school, false).read());
        // made from the last snapshot: what the move did not touch is its own objects
        assertThat(read.contacts()).isSameAs(first.contacts());
        assertThat(read.links()).isSameAs(first.links());
        assertThat(read.students()).filteredOn(s -> !s.id().equals(student))
                .allSatisfy(s -> assertThat(first.students()).anySatisfy(f -> assertThat(f).isSameAs(s)));
        assertThat(read.groups()).filteredOn(g -> !g.id().equals(from) && !g.id().equals(to))
                .allSatisfy(g -> assertThat(first.groups()).anySatisfy(f -> assertThat(f).isSameAs(g)));
        assertThat(deltas.read()).isSameAs(read);
    }

    @Test
    void aSchoolLevelEnrolmentExtendedBringsALeaverBackAsAWholeReadDoes() throws Exception {
        RosterRows keptRows = deltas.kept().rows();
        java.time.LocalDate today = SchoolGenerator.DEFAULT_TODAY;
        // a leaver: a school-level enrolment (no class) that began and ended before today
        Map<String, String> left = rows("enrollments.csv").stream().filter(e -> e.get("classSourcedId").isEmpty()
                && e.get("role").equals("student") && !e.get("endDate").isEmpty()
                && java.time.LocalDate.parse(e.get("endDate")).isBefore(today)
                && java.time.LocalDate.parse(e.get("beginDate")).isBefore(today)).findFirst().orElseThrow();
        String student = left.get("userSourcedId");
        assertThat(first.students()).filteredOn(s -> s.id().equals(student)).singleElement()
                .satisfies(s -> assertThat(s.enrolment().state()).isEqualTo(EnrolmentState.LEAVER));
        edit("enrollments.csv", left.get("sourcedId"), Map.of("endDate", today.plusDays(300).toString()));

        Snapshot read = deltas.read();
        assertThat(deltas.kept().rows()).isSameAs(keptRows);
        assertSameRecords(read, reader(school, false).read());
        // the rule worked out by hand: the school-level span now runs past today, so on roll again
        assertThat(read.students()).filteredOn(s -> s.id().equals(student)).singleElement()
                .satisfies(s -> assertThat(s.enrolment().state()).isEqualTo(EnrolmentState.ON_ROLL));
    }

    @Test
    void anEnrolmentToBeDeletedAndAChangedUserAreReadAloneTogether() throws Exception {
        RosterRows keptRows = deltas.kept().rows();
        Map<String, String> gone = rows("enrollments.csv").stream().filter(e -> e.get("role").equals("student")
                && !e.get("classSourcedId").isEmpty()).skip(3).findFirst().orElseThrow();
        Student renamed = first.students().get(7);
        edit("enrollments.csv", gone.get("sourcedId"), Map.of("status", "tobedeleted"));
        edit("users.csv", renamed.id(), Map.of("givenName", "Renamed"));

        Snapshot read = deltas.read();
        assertThat(deltas.kept().rows()).isSameAs(keptRows);
        // a deleted enrolment is never a membership (DOMAIN.md)
        assertThat(read.groups()).filteredOn(g -> g.id().equals(gone.get("classSourcedId"))).singleElement()
                .satisfies(g -> assertThat(g.memberIds()).doesNotContain(gone.get("userSourcedId")));
        assertThat(read.students()).filteredOn(s -> s.id().equals(renamed.id())).singleElement()
                .satisfies(s -> assertThat(s.givenName()).isEqualTo("Renamed"));
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void anEnrolmentWithANewSourcedIdInPlaceReadsEveryFile() throws Exception {
        RosterRows keptRows = deltas.kept().rows();
        Map<String, String> replaced = rows("enrollments.csv").get(5);
        edit("enrollments.csv", replaced.get("sourcedId"), Map.of("sourcedId", replaced.get("sourcedId") + "-new"));

        Snapshot read = deltas.read();
        assertThat(deltas.kept().rows()).isNotSameAs(keptRows);
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void aOneRoster12SchoolsMovedEnrolmentIsReadAloneToo() throws Exception {
        Path v12 = temp.resolve("v12");
        OneRoster12.fromV11(school, v12);
        OneRosterCsvReader reader = reader(v12, true);
        Snapshot before = reader.read();
        RosterRows keptRows = reader.kept().rows();
        Move move = moveAStudentsClass(v12, 7);

        Snapshot read = reader.read();
        assertThat(reader.kept().rows()).isSameAs(keptRows);
        assertThat(read.links()).isSameAs(before.links());
        assertThat(read.groups()).filteredOn(g -> g.id().equals(move.to())).singleElement()
                .satisfies(g -> assertThat(g.memberIds()).contains(move.student()));
        assertSameRecords(read, reader(v12, false).read());
        // a 1.2 users.csv (roles in roles.csv) is not read record by record: a change there reads every file
        edit(v12, "users.csv", first.students().get(2).id(), Map.of("givenName", "Renamed"));
        Snapshot whole = reader.read();
        assertThat(reader.kept().rows()).isNotSameAs(keptRows);
        assertSameRecords(whole, reader(v12, false).read());
    }

    @Test
    void aUserAddedRemovedOrMovedReadsEveryFile() throws Exception {
        Path users = school.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        // the last two users swap rows: the same users, not on the same rows
        String last = lines.remove(lines.size() - 1);
        lines.add(lines.size() - 1, last);
        Files.write(users, lines, StandardCharsets.UTF_8);
        Snapshot moved = deltas.read();
        assertThat(moved.students().get(0)).isNotSameAs(first.students().get(0));
        assertSameRecords(moved, reader(school, false).read());

        lines.remove(lines.size() - 1);
        Files.write(users, lines, StandardCharsets.UTF_8);
        Snapshot removed = deltas.read();
        assertThat(removed.students().get(0)).isNotSameAs(moved.students().get(0));
        assertSameRecords(removed, reader(school, false).read());
    }

    @Test
    void aNewDayReadsEveryFile() throws Exception {
        clock.advance(Duration.ofDays(1));
        Snapshot read = deltas.read();
        assertThat(read).isNotSameAs(first);
        assertThat(read.students().get(0)).isNotSameAs(first.students().get(0));
        assertSameRecords(read, reader(school, false).read());
    }

    @Test
    void aBadRowFailsAsAWholeReadDoesAndTheNextReadIsWhole() throws Exception {
        Student student = first.students().get(3);
        edit("users.csv", student.id(), Map.of("enabledUser", "maybe"));
        String whole = failure(reader(school, false));
        assertThat(failure(deltas)).isEqualTo(whole).contains("users.csv").contains("enabledUser");

        edit("users.csv", student.id(), Map.of("enabledUser", "true", "familyName", "Mended"));
        Snapshot mended = deltas.read();
        assertThat(mended.students().get(0)).as("after a failure every file is read").isNotSameAs(first.students().get(0));
        assertSameRecords(mended, reader(school, false).read());
    }

    @Test
    void aZipAsItWasGivesTheLastSnapshot() throws Exception {
        Path zip = temp.resolve("school.zip");
        SchoolGenerator.zip(school, zip);
        OneRosterCsvReader zipped = reader(zip, true);
        Snapshot read = zipped.read();
        assertThat(zipped.read()).isSameAs(read);
        assertSameRecords(read, first);
    }

    @Test
    void withDeltasOffEveryReadIsWhole() throws Exception {
        OneRosterCsvReader whole = reader(school, false);
        assertThat(whole.readsDeltas()).isFalse();
        Snapshot read = whole.read();
        assertThat(whole.read()).isNotSameAs(read);
    }

    private static String failure(OneRosterCsvReader reader) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                reader.read();
            } catch (MisReadException e) {
                thrown[0] = e;
                throw e;
            }
        }).isInstanceOf(MisReadException.class);
        return thrown[0].getMessage();
    }

    /** Sets columns of one row of a file, rewriting it through commons-csv. */
    /** A student's class enrolment moved from one class to another. */
    private record Move(String student, String from, String to) {
    }

    /**
     * Moves the class enrolment of the student after {@code skip} others in {@code folder}'s
     * enrollments.csv to the first other class the file names.
     */
    private static Move moveAStudentsClass(Path folder, int skip) throws IOException {
        List<Map<String, String>> enrolments = rows(folder, "enrollments.csv");
        Map<String, String> moved = enrolments.stream().filter(e -> e.get("role").equals("student")
                && !e.get("classSourcedId").isEmpty()).skip(skip).findFirst().orElseThrow();
        String from = moved.get("classSourcedId");
        String to = enrolments.stream().map(e -> e.get("classSourcedId"))
                .filter(c -> !c.isEmpty() && !c.equals(from)).findFirst().orElseThrow();
        edit(folder, "enrollments.csv", moved.get("sourcedId"), Map.of("classSourcedId", to));
        return new Move(moved.get("userSourcedId"), from, to);
    }

    /** The rows of one of the school's files, each by column. */
    private List<Map<String, String>> rows(String file) throws IOException {
        return rows(school, file);
    }

    private static List<Map<String, String>> rows(Path folder, String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord r : parser) {
                rows.add(r.toMap());
            }
        }
        return rows;
    }

    private void edit(String file, String id, Map<String, String> values) throws IOException {
        edit(school, file, id, values);
    }

    /** Sets {@code values} in the row of {@code file} whose sourcedId is {@code id}, rewriting the file as commons-csv prints it. */
    static void edit(Path folder, String file, String id, Map<String, String> values) throws IOException {
        Path path = folder.resolve(file);
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            header = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                List<String> row = new ArrayList<>(r.toList());
                if (r.get("sourcedId").equals(id)) {
                    values.forEach((column, value) -> row.set(header.indexOf(column), value));
                }
                rows.add(row);
            }
        }
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                CSVPrinter printer = CSVFormat.DEFAULT.print(out)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
    }

    static void assertSameRecords(Snapshot actual, Snapshot expected) {
        assertThat(actual.students()).containsExactlyInAnyOrderElementsOf(expected.students());
        assertThat(actual.staff()).containsExactlyInAnyOrderElementsOf(expected.staff());
        assertThat(actual.contacts()).containsExactlyInAnyOrderElementsOf(expected.contacts());
        assertThat(new HashSet<>(actual.links())).isEqualTo(new HashSet<>(expected.links()));
        assertThat(new HashSet<>(actual.groups())).isEqualTo(new HashSet<>(expected.groups()));
        assertThat(new HashSet<>(actual.issues())).isEqualTo(new HashSet<>(expected.issues()));
        assertThat(actual.links()).hasSameSizeAs(expected.links());
    }
}
