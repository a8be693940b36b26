package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
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
import org.misbridge.oneroster.provider.internal.export.SyncedSchool;
import org.misbridge.testkit.SettableMis;

/**
 * Deltas over real HTTP, from a school synced into a real store (H2) through the sync: a consumer
 * reads everything, notes the latest dateLastModified it saw as T, and after a sync that changed one
 * student, added one and took one out of a class, and the deletion of a leaver with their father,
 * asks what changed since T. Every expected record below is worked out from that story.
 */
class DeltasHttpTest {
    private static final String SECRET = "dale-secret-0123456789-abcdefghij";
    private static final LocalDate ADMITTED = LocalDate.parse("2024-09-01");

    private final SettableMis mis = new SettableMis();
    private final SyncedSchool dale;
    private final ProviderServer server;
    private String token;

    DeltasHttpTest() throws Exception {
        dale = new SyncedSchool("dale", mis);
        server = new ProviderServer(new DirectorySource(dale.directory, dale.directory.changeLog(), dale.service));
        server.client("dale-app", SECRET, "dale", "roster.readonly", 600);
        token = server.bearer("dale-app", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Student student(String id, String given, String family, Enrolment enrolment) {
        return new Student(id, null, given, family, "7", "7D", enrolment);
    }

    /**
     * Dale: students s1 Ada, s2 Bo, s3 Cy on roll and s4 Di, who left in July; teacher t1; Ada's mother
     * p1 and Di's father p4; Maths (s1, s2, s3, t1) and Art (s2, s3).
     */
    private static Snapshot before() {
        return snapshot(List.of(student("s1", "Ada", "Lovelace", Enrolment.onRoll(ADMITTED, null)),
                student("s2", "Bo", "Byron", Enrolment.onRoll(ADMITTED, null)),
                student("s3", "Cy", "Cole", Enrolment.onRoll(ADMITTED, null)),
                student("s4", "Di", "Dunn", Enrolment.leaver(ADMITTED, LocalDate.parse("2026-07-20")))),
                Set.of("s1", "s2", "s3", "t1"), Set.of("s2", "s3"));
    }

    /** Bo is now Bob, Eve (s5) joins with Maths, Cy leaves Art. */
    private static Snapshot after() {
        return snapshot(List.of(student("s1", "Ada", "Lovelace", Enrolment.onRoll(ADMITTED, null)),
                student("s2", "Bob", "Byron", Enrolment.onRoll(ADMITTED, null)),
                student("s3", "Cy", "Cole", Enrolment.onRoll(ADMITTED, null)),
                student("s4", "Di", "Dunn", Enrolment.leaver(ADMITTED, LocalDate.parse("2026-07-20"))),
                student("s5", "Eve", "Evans", Enrolment.onRoll(LocalDate.parse("2026-11-30"), null))),
                Set.of("s1", "s2", "s3", "s5", "t1"), Set.of("s2"));
    }

    private static Snapshot snapshot(List<Student> students, Set<String> maths, Set<String> art) {
        return new Snapshot("dale", "test", Coverage.WHOLE_ROLL, Instant.now(), students,
                List.of(new Staff("t1", "Tom", "One", "tom.one@dale.example", null, null)),
                List.of(new Contact("p1", "Pat", "Lovelace", List.of(new Email("pat@home.example", EmailLocation.HOME)),
                                List.of()),
                        new Contact("p4", "Dan", "Dunn", List.of(new Email("dan@home.example", EmailLocation.HOME)),
                                List.of())),
                List.of(new ContactLink("s1", "p1", 1, ParentalResponsibility.YES, "Mother"),
                        new ContactLink("s4", "p4", 1, ParentalResponsibility.YES, "Father")),
                List.of(new Group("MATH", "Maths", GroupKind.CLASS, true, maths),
                        new Group("ART", "Art", GroupKind.CLASS, true, art)),
                List.of());
    }

    /** What deleting the leaver Di does to the store (as school:delete-leavers would): Di, her link, her father. */
    private void deleteDi() {
        DirectoryState state = dale.directory.load("dale");
        List<Member> di = state.members().stream().filter(m -> m.id().equals("s4")).toList();
        List<Link> links = state.links().stream().filter(l -> l.memberId().equals("s4")).toList();
        List<LinkedPerson> father = state.people().stream().filter(p -> p.id().equals("p4")).toList();
        List<ContactDetail> details = state.details().stream().filter(d -> d.ownerId().equals("p4")).toList();
        assertThat(List.of(di.size(), links.size(), father.size(), details.size())).containsExactly(1, 1, 1, 1);
        dale.directory.deletions().applyDeletion("dale", new ChangeSet(gone(di), gone(father), gone(links), gone(details),
                Changes.none(), Changes.none(), List.of()), List.of(), List.of("s4"));
    }

    private static <T extends org.misbridge.api.directory.Keyed> Changes<T> gone(List<T> rows) {
        return new Changes<>(List.of(), List.of(), rows);
    }

    private HttpResponse<String> get(String path, String filter, String more) throws Exception {
        String query = filter == null ? more : "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)
                + (more.isEmpty() ? "" : "&" + more);
        return server.get(path + (query.isEmpty() ? "" : "?" + query), token);
    }

    /** Each record as "sourcedId status". */
    private static List<String> shown(JsonNode records) {
        List<String> shown = new ArrayList<>();
        records.forEach(r -> shown.add(r.get("sourcedId").asText() + " " + r.get("status").asText()));
        return shown;
    }

    /** The first sync, and T: the latest dateLastModified of a full read of users, as a consumer keeps it. */
    private String syncAndReadAll() throws Exception {
        mis.set(before());
        assertThat(dale.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        JsonNode users = json(get("/users", null, "")).get("users");
        assertThat(shown(users)).containsExactly("p1 active", "p4 active", "s1 active", "s2 active", "s3 active",
                "s4 active", "t1 active");
        String t = null;
        for (JsonNode user : users) {
            String modified = user.get("dateLastModified").asText();
            t = t == null || modified.compareTo(t) > 0 ? modified : t;
        }
        return t;
    }

    private void changeAndDelete() {
        mis.set(after());
        assertThat(dale.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        deleteDi();
    }

    @Test
    void aDeltaHasTheUsersChangedAddedAndDeletedSinceT() throws Exception {
        String t = syncAndReadAll();
        changeAndDelete();

        HttpResponse<String> delta = get("/users", "dateLastModified>'" + t + "'", "");
        assertThat(delta.statusCode()).isEqualTo(200);
        JsonNode users = json(delta).get("users");
        // Bob renamed, Eve new; Di deleted, and with her the father only she was linked to
        assertThat(shown(users)).containsExactly("p4 tobedeleted", "s2 active", "s4 tobedeleted", "s5 active");
        assertThat(delta.headers().firstValue("X-Total-Count")).hasValue("4");
        assertThat(users.get(1).get("givenName").asText()).isEqualTo("Bob");
        for (JsonNode user : users) {
            assertThat(user.get("dateLastModified").asText()).as(user.toString()).isGreaterThan(t);
        }
        // a tombstone says which record went and when, with the role the log knew, and nothing personal
        JsonNode di = users.get(2);
        assertThat(di.at("/roles/0/role").asText()).isEqualTo("student");
        assertThat(di.at("/roles/0/org/sourcedId").asText()).isEqualTo("dale");
        assertThat(di.has("givenName")).isFalse();
        assertThat(users.get(0).has("roles")).as("a contact's role is not in the log").isFalse();
        assertThat(users.get(0).has("email")).isFalse();

        // the unchanged keep the time the log began, which is T
        JsonNode ada = json(get("/users/s1", null, "")).get("user");
        assertThat(ada.get("dateLastModified").asText()).isEqualTo(t);
        assertThat(shown(json(get("/users", null, "")).get("users"))).as("a full read has no tombstones")
                .containsExactly("p1 active", "s1 active", "s2 active", "s3 active", "s5 active", "t1 active");
    }

    @Test
    void aDeltaOfEnrollmentsHasTheRemovedOneAsToBeDeleted() throws Exception {
        String t = syncAndReadAll();
        changeAndDelete();

        JsonNode enrollments = json(get("/enrollments", "dateLastModified>'" + t + "'", "")).get("enrollments");
        // Eve in Maths; Cy out of Art
        assertThat(shown(enrollments)).containsExactly("ART:s3 tobedeleted", "MATH:s5 active");
        JsonNode cy = enrollments.get(0);
        assertThat(cy.at("/user/sourcedId").asText()).isEqualTo("s3");
        assertThat(cy.at("/class/sourcedId").asText()).isEqualTo("ART");
        assertThat(cy.at("/school/sourcedId").asText()).isEqualTo("dale");
        assertThat(cy.get("role").asText()).isEqualTo("student");
        assertThat(json(get("/classes", "dateLastModified>'" + t + "'", "")).get("classes")).isEmpty();
    }

    @Test
    void aDeltaCombinesWithTheRestOfTheFilterWithPagingSortAndFields() throws Exception {
        String t = syncAndReadAll();
        changeAndDelete();
        String since = "dateLastModified>'" + t + "'";

        assertThat(shown(json(get("/users", since + " AND status='tobedeleted'", "")).get("users")))
                .containsExactly("p4 tobedeleted", "s4 tobedeleted");
        assertThat(shown(json(get("/users", since + " AND familyName~'by'", "")).get("users")))
                .as("a tombstone has no name to match").containsExactly("s2 active");
        assertThat(shown(json(get("/students", since, "")).get("users")))
                .containsExactly("s2 active", "s4 tobedeleted", "s5 active");
        assertThat(shown(json(get("/schools/dale/students", since, "")).get("users")))
                .containsExactly("s2 active", "s4 tobedeleted", "s5 active");

        HttpResponse<String> page = get("/users", since, "limit=2&offset=2&sort=sourcedId&orderBy=desc&fields=sourcedId,status");
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("4");
        JsonNode users = json(page).get("users");
        assertThat(shown(users)).containsExactly("s2 active", "p4 tobedeleted");
        assertThat(users.get(0).size()).as("only the fields asked for").isEqualTo(2);

        // >= T also has every record last changed at T: the whole school as it is, and what went since
        assertThat(shown(json(get("/users", "dateLastModified>='" + t + "'", "")).get("users"))).containsExactly(
                "p1 active", "p4 tobedeleted", "s1 active", "s2 active", "s3 active", "s4 tobedeleted", "s5 active",
                "t1 active");
        // OR: deletions since the earliest bound join the records the other predicate matches
        assertThat(shown(json(get("/users", since + " OR givenName='Ada'", "")).get("users")))
                .containsExactly("p4 tobedeleted", "s1 active", "s2 active", "s4 tobedeleted", "s5 active");
    }

    @Test
    void aDeltaFromBeforeTheRetentionIsRefusedWithTheSpecifiedPayload() throws Exception {
        String t = syncAndReadAll();
        changeAndDelete();
        assertThat(get("/users", "dateLastModified>'" + t + "'", "").statusCode()).isEqualTo(200);

        // 31 days on, deletions from before T may have been purged: the consumer must read everything again
        server.clock.advance(Duration.ofDays(31));
        token = server.bearer("dale-app", SECRET);
        for (String path : List.of("/users", "/enrollments", "/classes", "/orgs")) {
            HttpResponse<String> refused = get(path, "dateLastModified>'" + t + "'", "");
            assertThat(refused.statusCode()).as(path).isEqualTo(422);
            JsonNode info = json(refused);
            assertThat(info.get("imsx_codeMajor").asText()).isEqualTo("failure");
            assertThat(info.get("imsx_severity").asText()).isEqualTo("error");
            assertThat(info.at("/imsx_CodeMinor/imsx_codeMinorField/0/imsx_codeMinorFieldValue").asText())
                    .isEqualTo("invaliddata");
            assertThat(info.get("imsx_description").asText()).contains("30 days").contains("Read the collection whole");
        }
        assertThat(get("/users", null, "").statusCode()).as("a full read is still answered").isEqualTo(200);
        // and a T from before the log began, at any time
        assertThat(get("/users", "dateLastModified>'2026-01-01'", "").statusCode()).isEqualTo(422);
    }

    /** Each record as "sourcedId givenName". */
    private static List<String> named(JsonNode records) {
        List<String> named = new ArrayList<>();
        records.forEach(r -> named.add(r.get("sourcedId").asText() + " " + r.get("givenName").asText()));
        return named;
    }

    @Test
    void aFilteredOrSortedListingPagedAcrossASyncShowsTheSchoolAsItIsNow() throws Exception {
        syncAndReadAll();
        // the first page is worked out and kept for the pages that follow: asked twice, the same
        String students = "roles.role='student'";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> first = get("/users", students, "limit=3&sort=givenName&orderBy=desc");
            assertThat(first.headers().firstValue("X-Total-Count")).hasValue("4");
            assertThat(named(json(first).get("users"))).containsExactly("s4 Di", "s3 Cy", "s2 Bo");
        }
        assertThat(named(json(get("/schools/dale/students", null, "limit=2")).get("users"))).containsExactly("s1 Ada", "s2 Bo");

        changeAndDelete(); // Bo is Bob, Eve joins, Di is deleted: the next pages are of the school as it is now
        HttpResponse<String> again = get("/users", students, "limit=3&sort=givenName&orderBy=desc");
        assertThat(again.headers().firstValue("X-Total-Count")).hasValue("4");
        assertThat(named(json(again).get("users"))).containsExactly("s5 Eve", "s3 Cy", "s2 Bob");
        assertThat(named(json(get("/users", students, "limit=3&offset=3&sort=givenName&orderBy=desc")).get("users")))
                .containsExactly("s1 Ada");
        HttpResponse<String> school = get("/schools/dale/students", null, "limit=2&offset=2");
        assertThat(school.headers().firstValue("X-Total-Count")).hasValue("4");
        assertThat(named(json(school).get("users"))).containsExactly("s3 Cy", "s5 Eve");
        // a different filter is a listing of its own
        assertThat(named(json(get("/users", students + " AND givenName~'b'", "")).get("users"))).containsExactly("s2 Bob");
    }
}
