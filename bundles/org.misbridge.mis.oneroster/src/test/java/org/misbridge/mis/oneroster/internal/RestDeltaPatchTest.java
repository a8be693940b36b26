package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A REST delta that changed only some users' names, identifiers, grades, emails or telephones
 * redoes only their records in the last snapshot; the result holds the same records as a whole
 * read of the server after the change; one that moved an enrolment (1.1 or 1.2) redoes only the
 * students, staff and classes it touches. A delta that changed anything a user's place in the
 * snapshot depends on (their agents here) assembles the whole snapshot, with the same outcome.
 */
class RestDeltaPatchTest {

    private static final String CLIENT = "misbridge-test";
    private static final String SECRET = "s3cret-Value-Never-Printed";

    @TempDir
    Path temp;

    private FakeOneRosterApi api;
    private MisHttpClient http;
    private OneRosterRestReader deltas;
    private Snapshot full;

    @BeforeEach
    void firstRead() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-patch", 150, 17L), temp.resolve("csv"));
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        http = new MisHttpClient("test", HttpSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        deltas = reader(true);
        full = deltas.read();
    }

    @AfterEach
    void stop() {
        http.close();
        api.close();
    }

    private OneRosterRestReader reader(boolean withDeltas) {
        return reader(api, false, withDeltas);
    }

    private OneRosterRestReader reader(FakeOneRosterApi server, boolean v12, boolean withDeltas) {
        RestSettings rest = new RestSettings(server.baseUrl(), v12, 50, withDeltas, Duration.ofHours(24));
        return new OneRosterRestReader("rest-school", rest, null, http,
                http.clientCredentials(server.tokenUrl(), CLIENT, SECRET, null), Clock.systemUTC());
    }

    @Test
    void changedNamesAndDetailsRedoOnlyThoseUsersAndMatchAWholeRead() throws Exception {
        Student student = full.students().get(3);
        Staff teacher = full.staff().get(1);
        Contact parent = full.contacts().get(5);
        api.modify("users", student.id(), "familyName", "Renamed");
        api.modify("users", student.id(), "grades", "11");
        api.modify("users", teacher.id(), "email", "new.teacher@school.example");
        api.modify("users", parent.id(), "sms", "07700 900999");
        api.modify("users", parent.id(), "givenName", "Parentname");

        Snapshot patched = deltas.read();
        assertThat(patched.links()).as("the links were not assembled again").isSameAs(full.links());
        assertThat(patched.groups()).isSameAs(full.groups());
        assertThat(patched.students()).filteredOn(s -> s.id().equals(student.id()))
                .extracting(Student::familyName, Student::yearGroup).containsExactly(tuple("Renamed", "11"));
        assertThat(patched.contacts()).filteredOn(c -> c.id().equals(parent.id())).extracting(Contact::givenName)
                .containsExactly("Parentname");
        assertSameRecords(patched, reader(false).read());
    }

    @Test
    void aChangedAgentListAssemblesTheWholeSnapshot() throws Exception {
        Student student = full.students().get(2);
        api.modify("users", student.id(), "agentSourcedIds", "");
        Snapshot delta = deltas.read();
        // the parents still list the student, so the links stay, unranked now: assembled again
        assertThat(delta.links()).isNotSameAs(full.links()).isNotEqualTo(full.links());
        assertSameRecords(delta, reader(false).read());
    }

    @Test
    void aMovedEnrolmentRedoesOnlyWhatItTouchesAndMatchesAWholeRead() throws Exception {
        String[] moved = moveAStudentsClass(api);

        Snapshot patched = deltas.read();
        assertPatched(patched, full, moved);
        assertSameRecords(patched, reader(false).read());
    }

    @Test
    void aOneRoster12DeltaOfEnrolmentsAlonePatchesTheSnapshotToo() throws Exception {
        try (FakeOneRosterApi v12 = FakeOneRosterApi.start(temp.resolve("csv"), true, CLIENT, SECRET)) {
            OneRosterRestReader reader = reader(v12, true, true);
            Snapshot before = reader.read();
            String[] moved = moveAStudentsClass(v12);

            Snapshot patched = reader.read();
            assertPatched(patched, before, moved);
            assertSameRecords(patched, reader(v12, true, false).read());
        }
    }

    @Test
    void aOneRoster12DeltaOfChangedNamesAndDetailsPatchesTooAndMatchesAWholeRead() throws Exception {
        try (FakeOneRosterApi v12 = FakeOneRosterApi.start(temp.resolve("csv"), true, CLIENT, SECRET)) {
            OneRosterRestReader reader = reader(v12, true, true);
            Snapshot before = reader.read();
            Student student = before.students().get(3);
            Staff teacher = before.staff().get(1);
            Contact parent = before.contacts().get(5);
            v12.modify("users", student.id(), "familyName", "Renamed");
            v12.modify("users", teacher.id(), "email", "new.teacher@school.example");
            v12.modify("users", parent.id(), "givenName", "Parentname");

            Snapshot patched = reader.read();
            assertThat(patched.links()).as("the links were not assembled again").isSameAs(before.links());
            assertThat(patched.groups()).isSameAs(before.groups());
            assertThat(patched.students()).filteredOn(s -> s.id().equals(student.id())).extracting(Student::familyName)
                    .containsExactly("Renamed");
            assertThat(patched.contacts()).filteredOn(c -> c.id().equals(parent.id())).extracting(Contact::givenName)
                    .containsExactly("Parentname");
            assertSameRecords(patched, reader(v12, true, false).read());
        }
    }

    @Test
    void aOneRoster12DeltaThatGivesAUserAnotherRoleAssemblesTheWholeSnapshot() throws Exception {
        try (FakeOneRosterApi v12 = FakeOneRosterApi.start(temp.resolve("csv"), true, CLIENT, SECRET)) {
            OneRosterRestReader reader = reader(v12, true, true);
            Snapshot before = reader.read();
            Contact parent = before.contacts().get(2);
            assertThat(before.staff()).noneMatch(st -> st.id().equals(parent.id()));
            v12.edit("users", parent.id(), u -> {
                ObjectNode role = ((ArrayNode) u.get("roles")).addObject();
                role.put("roleType", "secondary");
                role.put("role", "teacher");
                role.set("org", v12.reference("org-patch", "org"));
            });

            Snapshot delta = reader.read();
            assertThat(delta.links()).as("assembled again").isNotSameAs(before.links());
            assertThat(delta.staff()).as("a parent who teaches here now").anyMatch(st -> st.id().equals(parent.id()));
            assertSameRecords(delta, reader(v12, true, false).read());
        }
    }

    /** Moves a student's class enrolment, as the server's files hold it, to another class: the student and that class. */
    private String[] moveAStudentsClass(FakeOneRosterApi server) throws Exception {
        List<CSVRecord> enrolments;
        try (Reader in = Files.newBufferedReader(temp.resolve("csv/enrollments.csv"), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            enrolments = parser.getRecords();
        }
        CSVRecord moved = enrolments.stream().filter(e -> e.get("role").equals("student") && !e.get("classSourcedId").isEmpty())
                .findFirst().orElseThrow();
        String to = enrolments.stream().map(e -> e.get("classSourcedId"))
                .filter(c -> !c.isEmpty() && !c.equals(moved.get("classSourcedId"))).findFirst().orElseThrow();
        server.edit("enrollments", moved.get("sourcedId"), e -> e.set("class", server.reference(to, "class")));
        return new String[] {moved.get("userSourcedId"), moved.get("classSourcedId"), to};
    }

    /** Made from {@code last}: its links, contacts and untouched classes are its own objects; the student is in the new class. */
    private static void assertPatched(Snapshot patched, Snapshot last, String[] moved) {
        assertThat(patched.links()).as("the links were not assembled again").isSameAs(last.links());
        assertThat(patched.contacts()).isSameAs(last.contacts());
        assertThat(patched.groups()).filteredOn(g -> g.id().equals(moved[2])).singleElement()
                .satisfies(g -> assertThat(g.memberIds()).contains(moved[0]));
        assertThat(patched.groups()).filteredOn(g -> !g.id().equals(moved[1]) && !g.id().equals(moved[2]))
                .allSatisfy(g -> assertThat(last.groups()).anySatisfy(f -> assertThat(f).isSameAs(g)));
    }

    private static void assertSameRecords(Snapshot actual, Snapshot expected) {
        assertThat(new HashSet<>(actual.students())).isEqualTo(new HashSet<>(expected.students()));
        assertThat(new HashSet<>(actual.staff())).isEqualTo(new HashSet<>(expected.staff()));
        assertThat(new HashSet<>(actual.contacts())).isEqualTo(new HashSet<>(expected.contacts()));
        assertThat(new HashSet<>(actual.links())).isEqualTo(new HashSet<>(expected.links()));
        assertThat(new HashSet<>(actual.groups())).isEqualTo(new HashSet<>(expected.groups()));
        assertThat(new HashSet<>(actual.issues())).isEqualTo(new HashSet<>(expected.issues()));
        assertThat(List.of(actual.students().size(), actual.contacts().size(), actual.links().size()))
                .isEqualTo(List.of(expected.students().size(), expected.contacts().size(), expected.links().size()));
    }
}
