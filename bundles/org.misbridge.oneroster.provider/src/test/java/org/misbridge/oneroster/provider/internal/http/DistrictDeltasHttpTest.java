package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.internal.SchoolClaimsRegistry;
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
import org.misbridge.api.model.Student;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolSyncComponent;
import org.misbridge.sync.internal.SyncConfiguration;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.SettableMis;

/**
 * A district delta when a person leaves one of the district's schools but stays at another. Pat (P-1)
 * is the mother of a child at north and of one at south, both synced into one real store (H2). Then
 * south's MIS no longer links Pat to her child, and south is synced again. From south's own view
 * Pat is gone, so south's client gets her as {@code tobedeleted}. A district client reading both
 * schools must still get Pat as the user she is, with north's role only: she is not gone from the
 * district, and a consumer that deleted her would lose north's parent.
 */
class DistrictDeltasHttpTest {
    private static final String DISTRICT_SECRET = "district-secret-0123456789-abcdefg";
    private static final String SOUTH_SECRET = "south-secret-0123456789-abcdefghi";
    private static final LocalDate ADMITTED = LocalDate.parse("2024-09-01");

    private final SettableMis north = new SettableMis();
    private final SettableMis south = new SettableMis();
    private final JdbcDirectory directory;
    private final SyncServiceComponent service;
    private final ProviderServer server;

    DistrictDeltasHttpTest() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        directory = new JdbcDirectory(ds);
        directory.migrate();
        SyncScheduler scheduler = new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        service = new SyncServiceComponent(directory, scheduler);
        for (Map.Entry<String, SettableMis> school : Map.of("north", north, "south", south).entrySet()) {
            service.addSchool(new SchoolSyncComponent(
                    Configs.of(SyncConfiguration.class, Map.of("school_id", school.getKey(), "schedule", "")),
                    Map.entry(Map.of(SchoolProperties.SCHOOL_ID, school.getKey()), school.getValue()), directory,
                    directory.preferences(), directory.deletions(), scheduler, new SchoolClaimsRegistry()));
        }
        server = new ProviderServer(new DirectorySource(directory, directory.changeLog(), service));
        server.client("district", DISTRICT_SECRET, "north,south", "roster.readonly", 600);
        server.client("south-app", SOUTH_SECRET, "south", "roster.readonly", 600);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /**
     * A school of twenty students in one class, each with a parent; the first's is Pat when
     * {@code patLinked}. The others keep the deletion threshold out of it: one contact of twenty gone
     * is a small change.
     */
    private static Snapshot school(String id, boolean patLinked) {
        List<Student> students = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            students.add(new Student(id + "-S" + i, null, "Kid" + i, id.equals("north") ? "North" : "South", "7", "7X",
                    Enrolment.onRoll(ADMITTED, null)));
        }
        List<Contact> contacts = new ArrayList<>();
        List<ContactLink> links = new ArrayList<>();
        for (int i = 2; i <= 20; i++) {
            contacts.add(new Contact(id + "-C" + i, "Parent" + i, "Other", List.of(), List.of()));
            links.add(new ContactLink(id + "-S" + i, id + "-C" + i, 1, ParentalResponsibility.YES, "Father"));
        }
        if (patLinked) {
            contacts.add(new Contact("P-1", "Pat", "Able", List.of(new Email("pat@home.example", EmailLocation.HOME)),
                    List.of()));
            links.add(new ContactLink(id + "-S1", "P-1", 1, ParentalResponsibility.YES, "Mother"));
        }
        Set<String> all = new TreeSet<>();
        students.forEach(s -> all.add(s.id()));
        return new Snapshot(id, "test", Coverage.WHOLE_ROLL, Instant.now(), students, List.of(), contacts, links,
                List.of(new Group(id + "-7X", "7X", GroupKind.REGISTRATION, true, all)), List.of());
    }

    private void sync(String schoolId) {
        assertThat(service.sync(schoolId, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }

    private JsonNode users(String token, String filter) throws Exception {
        String query = filter == null ? "" : "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        return json(server.get("/users" + query, token)).get("users");
    }

    private static JsonNode only(JsonNode users, String sourcedId) {
        List<JsonNode> found = new ArrayList<>();
        users.forEach(u -> {
            if (u.get("sourcedId").asText().equals(sourcedId)) {
                found.add(u);
            }
        });
        assertThat(found).as(sourcedId + " once in " + users).hasSize(1);
        return found.get(0);
    }

    @Test
    void aPersonGoneFromOneSchoolButStillAtAnotherIsTheirCurrentRecordInTheDistrictsDelta() throws Exception {
        north.set(school("north", true));
        south.set(school("south", true));
        sync("north");
        sync("south");
        String district = server.bearer("district", DISTRICT_SECRET);
        String southApp = server.bearer("south-app", SOUTH_SECRET);

        JsonNode before = users(district, null);
        JsonNode pat = only(before, "P-1");
        assertThat(pat.get("roles")).as("a parent at both schools").hasSize(2);
        String t = "";
        for (JsonNode user : before) {
            String modified = user.get("dateLastModified").asText();
            t = modified.compareTo(t) > 0 ? modified : t;
        }
        Thread.sleep(5); // the next writes are stamped after T

        south.set(school("south", false));
        sync("south");
        String since = "dateLastModified>'" + t + "'";

        JsonNode southDelta = users(southApp, since);
        assertThat(only(southDelta, "P-1").get("status").asText()).as("gone from south").isEqualTo("tobedeleted");

        JsonNode districtDelta = users(district, since);
        JsonNode patNow = only(districtDelta, "P-1");
        assertThat(patNow.get("status").asText()).as("still north's parent").isEqualTo("active");
        assertThat(patNow.get("givenName").asText()).isEqualTo("Pat");
        assertThat(patNow.get("roles")).hasSize(1);
        assertThat(patNow.at("/roles/0/org/sourcedId").asText()).isEqualTo("north");
        assertThat(patNow.get("dateLastModified").asText().compareTo(t)).as("changed after T").isPositive();
        // and a full read agrees: one Pat, north's parent only
        assertThat(only(users(district, null), "P-1").get("roles")).hasSize(1);
    }

    @Test
    void aDistrictPagesItsSchoolsUsersAsOneListingAndSeesAChangeAtItsNextPage() throws Exception {
        north.set(school("north", true));
        south.set(school("south", true));
        sync("north");
        sync("south");
        String district = server.bearer("district", DISTRICT_SECRET);
        // worked out from the story: each school's 20 students and 19 other parents, and Pat once
        List<String> expected = new ArrayList<>(List.of("P-1"));
        for (String school : List.of("north", "south")) {
            for (int i = 1; i <= 20; i++) {
                expected.add(school + "-S" + i);
                if (i > 1) {
                    expected.add(school + "-C" + i);
                }
            }
        }
        expected.sort(null); // the default order: by sourcedId
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += 10) {
            HttpResponse<String> page = server.get("/users?limit=10&offset=" + offset, district);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(expected.size()));
            json(page).get("users").forEach(u -> paged.add(u.get("sourcedId").asText()));
        }
        assertThat(paged).isEqualTo(expected);
        HttpResponse<String> students = server.get("/users?limit=15&offset=30&filter="
                + URLEncoder.encode("roles.role='student'", StandardCharsets.UTF_8), district);
        assertThat(students.headers().firstValue("X-Total-Count")).hasValue("40");
        assertThat(json(students).get("users")).hasSize(10);
        assertThat(only(json(server.get("/users?limit=10", district)).get("users"), "P-1").get("roles")).hasSize(2);

        south.set(school("south", false)); // Pat is north's parent only now
        sync("south");
        HttpResponse<String> after = server.get("/users?limit=10", district);
        assertThat(after.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(expected.size()));
        assertThat(only(json(after).get("users"), "P-1").get("roles")).as("the listing of the schools as they are now")
                .hasSize(1);
    }
}
