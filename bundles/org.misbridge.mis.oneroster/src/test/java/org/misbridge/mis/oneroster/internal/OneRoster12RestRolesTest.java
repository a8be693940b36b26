package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 17, rules 2 to 4 over the 1.2 REST binding, where a user's roles come in {@code roles}:
 * a secondary parent role makes a teacher a contact too, an undefined role is an issue naming the
 * user and the role, and a student role's begin date decides a pre-admission.
 */
class OneRoster12RestRolesTest {

    private static final String ORG = "org-rest";
    private static final String TEACHER = ORG + "-tch-000001";
    private static final String CARETAKER = ORG + "-tch-000002";
    private static final String CHILD = ORG + "-stu-000001";
    private static final String APPLICANT = ORG + "-stu-000002";

    @TempDir
    Path temp;

    private FakeOneRosterApi api;
    private MisHttpClient http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static ObjectNode addRole(ObjectNode user, String type, String role) {
        ObjectNode added = ((ArrayNode) user.get("roles")).addObject();
        added.put("roleType", type);
        added.put("role", role);
        return added;
    }

    @Test
    void aSecondaryParentRoleAnUnknownRoleAndARoleBeginDateReadOverRest() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(ORG, 40, 3L), temp.resolve("csv"));
        api = FakeOneRosterApi.start(temp.resolve("csv"), true, "client", "secret-value");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        api.edit("users", TEACHER, u -> addRole(u, "secondary", "parent").set("org", api.reference(ORG, "org")));
        api.edit("users", CARETAKER, u -> addRole(u, "secondary", "ext:caretaker").set("org", api.reference(ORG, "org")));
        api.edit("users", CHILD, u -> ((ArrayNode) u.get("agents")).insert(0, api.reference(TEACHER, "user")));
        api.edit("users", APPLICANT, u -> ((ObjectNode) u.get("roles").get(0)).put("beginDate", today.plusDays(30).toString()));

        http = new MisHttpClient("test", HttpSettings.defaults());
        RestSettings rest = new RestSettings(api.baseUrl(), true, 25, false, Duration.ofHours(24));
        Snapshot snapshot = new OneRosterRestReader("rest-school", rest, null, http,
                http.clientCredentials(api.tokenUrl(), "client", "secret-value", null), Clock.systemUTC()).read();

        assertThat(snapshot.staff()).anyMatch(s -> s.id().equals(TEACHER)).anyMatch(s -> s.id().equals(CARETAKER));
        assertThat(snapshot.contacts()).anyMatch(c -> c.id().equals(TEACHER));
        assertThat(snapshot.links()).filteredOn(l -> l.studentId().equals(CHILD)).first()
                .isEqualTo(new ContactLink(CHILD, TEACHER, 1, ParentalResponsibility.UNKNOWN, "parent"));
        assertThat(snapshot.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("unknown-role");
            assertThat(i.memberId()).isEqualTo(CARETAKER);
            assertThat(i.describe()).contains("users at", "'ext:caretaker'");
        });
        assertThat(snapshot.students()).filteredOn(s -> s.id().equals(APPLICANT)).singleElement()
                .extracting(s -> s.enrolment())
                .isEqualTo(Enrolment.preAdmission(ApplicationStatus.ACCEPTED, today.plusDays(30)));
    }

    @Test
    void aDeltaThatTakesAUsersSecondRoleAwayLeavesThemOnlyTheRoleTheyHaveNow() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(ORG, 40, 3L), temp.resolve("csv"));
        api = FakeOneRosterApi.start(temp.resolve("csv"), true, "client", "secret-value");
        api.edit("users", TEACHER, u -> addRole(u, "secondary", "parent").set("org", api.reference(ORG, "org")));
        api.edit("users", CHILD, u -> ((ArrayNode) u.get("agents")).insert(0, api.reference(TEACHER, "user")));
        http = new MisHttpClient("test", HttpSettings.defaults());
        OneRosterRestReader deltas = new OneRosterRestReader("rest-school", new RestSettings(api.baseUrl(), true, 25, true,
                Duration.ofHours(24)), null, http, http.clientCredentials(api.tokenUrl(), "client", "secret-value", null),
                Clock.systemUTC());
        assertThat(deltas.read().contacts()).anyMatch(c -> c.id().equals(TEACHER)); // a full read: a parent too

        api.edit("users", TEACHER, u -> ((ArrayNode) u.get("roles")).remove(1)); // the parent role gone
        Snapshot delta = deltas.read();

        Snapshot fresh = new OneRosterRestReader("rest-school", new RestSettings(api.baseUrl(), true, 25, false,
                Duration.ofHours(24)), null, http, http.clientCredentials(api.tokenUrl(), "client", "secret-value", null),
                Clock.systemUTC()).read();
        assertThat(fresh.contacts()).noneMatch(c -> c.id().equals(TEACHER));
        // the same records; a delta puts the users it changed after the others
        assertThat(delta.contacts()).containsExactlyInAnyOrderElementsOf(fresh.contacts());
        assertThat(delta.links()).containsExactlyInAnyOrderElementsOf(fresh.links());
        assertThat(delta.staff()).containsExactlyInAnyOrderElementsOf(fresh.staff());
        assertThat(delta.students()).containsExactlyInAnyOrderElementsOf(fresh.students());
        assertThat(delta.issues()).containsExactlyInAnyOrderElementsOf(fresh.issues());
    }
}
