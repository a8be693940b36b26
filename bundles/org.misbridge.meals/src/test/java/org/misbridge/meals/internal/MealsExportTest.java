package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.testkit.FakeMealManager;
import org.misbridge.testkit.FakeMealManager.Fault;
import org.misbridge.testkit.FakeMealManager.MemberState;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The meal export against a meal manager on 127.0.0.1 that records what it received, with a real
 * sync on the real store: the first full push, a day of changes, leavers by policy, pre-admissions,
 * and faults (500, a late answer, a dropped connection, a restart with changes pending).
 */
class MealsExportTest {

    private final FakeMealManager mealManager;
    private SchoolWithMeals school;

    MealsExportTest() throws IOException {
        mealManager = FakeMealManager.start();
    }

    @AfterEach
    void stop() {
        if (school != null && school.exporter != null) {
            school.stopMeals();
        }
        mealManager.close();
    }

    private SchoolWithMeals syncedSchool(Path dir, Map<String, Object> syncSettings) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-meals", 120, 9L), dir);
        school = new SchoolWithMeals("meals", dir, syncSettings);
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    private Map<String, Object> http(String closeLeavers) {
        Map<String, Object> m = new HashMap<>();
        m.put("meals_endpoint", mealManager.endpoint().toString());
        m.put("meals_closeLeavers", closeLeavers);
        m.put("meals_responseTimeoutSeconds", 1);
        m.put("meals_batchSize", 50);
        return m;
    }

    private void awaitNothingPending() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> school.directory.outbox().feedState("meals", MealsPolicy.TOPIC).initialised()
                        && school.directory.outbox().pendingCount("meals", MealsPolicy.TOPIC) == 0);
    }

    /** What the meal manager must hold: every student Open (leavers Closed on their date), pre-admissions flagged. */
    private void assertMealManagerMatchesTheDirectory(boolean leaversClosed) {
        Map<String, MemberState> held = mealManager.members();
        for (Member m : school.directory.load("meals").members()) {
            if (m.kind() != MemberKind.STUDENT) {
                assertThat(held).as("staff are not exported by default").doesNotContainKey(m.id());
                continue;
            }
            MemberState s = held.get(m.id());
            if (m.state() == EnrolmentState.LEAVER && leaversClosed) {
                assertThat(s == null || s.status().equals("Closed")).as(m.id() + " " + s).isTrue();
            } else {
                assertThat(s).as(m.id()).isNotNull();
                assertThat(s.status()).as(m.id()).isEqualTo("Open");
                assertThat(s.preAdmission()).as(m.id()).isEqualTo(m.state() == EnrolmentState.PRE_ADMISSION);
                assertThat(s.familyName()).isEqualTo(m.familyName());
            }
        }
        assertThat(mealManager.appliedTwice()).isZero();
    }

    private static void rename(Path dir, String newFamilyName) throws IOException {
        Path users = dir.resolve("users.csv");
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(users));
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if ("student".equals(cols[5])) {
                cols[9] = newFamilyName;
                lines.set(i, String.join(",", cols));
                break;
            }
        }
        java.nio.file.Files.write(users, lines);
    }

    private static String firstStudentId(Path dir) throws IOException {
        return java.nio.file.Files.readAllLines(dir.resolve("users.csv")).stream().skip(1).map(l -> l.split(",", -1))
                .filter(c -> "student".equals(c[5])).map(c -> c[0]).findFirst().orElseThrow();
    }

    /**
     * Ends the student's time at the school yesterday, as an MIS does for a leaver: a school-level
     * enrolment (no class) ending then, since class enrolment dates alone decide nothing.
     */
    private static void leaveYesterday(Path dir, String studentId) throws IOException {
        Path enrollments = dir.resolve("enrollments.csv");
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(enrollments));
        String org = lines.stream().skip(1).map(l -> l.split(",", -1)).filter(c -> c[5].equals(studentId))
                .map(c -> c[4]).findFirst().orElseThrow();
        String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).minusDays(1).toString();
        lines.add("left-" + studentId + ",,,," + org + "," + studentId + ",student,false,," + yesterday);
        java.nio.file.Files.write(enrollments, lines);
    }

    @Test
    void aFirstFullPushThenADayOfChangesSendsOnlyTheChanges(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        school.startMeals(http("onLeaveDate"));
        awaitNothingPending();
        assertMealManagerMatchesTheDirectory(true);
        int firstPush = mealManager.changesApplied();
        assertThat(firstPush).isGreaterThan(100);

        rename(dir, "Renamed");
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        awaitNothingPending();

        assertThat(mealManager.changesApplied() - firstPush).isEqualTo(1);
        assertMealManagerMatchesTheDirectory(true);
        assertThat(school.exporter.status().lastPushCount()).isEqualTo(1);
        assertThat(school.exporter.status().lastError()).isNull();
    }

    @Test
    void aLeaverIsClosedOnTheLeaveDateUnderOnLeaveDateAndOnlyWhenDeletedUnderOnDelete(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        school.startMeals(http("onLeaveDate"));
        awaitNothingPending();
        String leaver = firstStudentId(dir);

        leaveYesterday(dir, leaver);
        school.sync();
        awaitNothingPending();
        assertThat(mealManager.members().get(leaver).status()).isEqualTo("Closed");

        // the same school under onDelete: the Schoolcomms behaviour keeps a leaver Open until deleted
        try (FakeMealManager other = FakeMealManager.start()) {
            school.stopMeals();
            SchoolWithMeals second = new SchoolWithMeals("meals-b", dir, Map.of());
            Map<String, Object> onDelete = http("onDelete");
            onDelete.put("meals_endpoint", other.endpoint().toString());
            second.startMeals(onDelete);
            second.sync();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> second.directory.outbox().feedState("meals-b", MealsPolicy.TOPIC).initialised()
                            && second.directory.outbox().pendingCount("meals-b", MealsPolicy.TOPIC) == 0
                            && other.members().containsKey(leaver));
            assertThat(second.directory.load("meals-b").members()).filteredOn(m -> m.id().equals(leaver))
                    .extracting(Member::state).containsExactly(EnrolmentState.LEAVER);
            assertThat(other.members().get(leaver).status()).isEqualTo("Open");
            // deleting the leaver then closes them: LeaverLifecycleTest in the leavers bundle
            second.stopMeals();
        }
    }

    @Test
    void preAdmissionsArriveFlagged(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of("import_preAdmissions", true));
        school.startMeals(http("onLeaveDate"));
        awaitNothingPending();

        assertMealManagerMatchesTheDirectory(true);
        assertThat(mealManager.members().values()).anyMatch(MemberState::preAdmission);
    }

    @Test
    void errorsLateAnswersAndDroppedConnectionsAreRetriedWithNothingLostOrAppliedTwice(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        mealManager.slowMillis(2500);
        mealManager.failNext(Fault.ERROR_500, Fault.SLOW_AFTER_APPLY, Fault.DROP_AFTER_APPLY, Fault.ERROR_500);

        school.startMeals(http("onLeaveDate"));
        awaitNothingPending();

        assertMealManagerMatchesTheDirectory(true);
        assertThat(mealManager.duplicatesReceived()).as("batches that arrived but were not acknowledged came again")
                .isGreaterThan(0);
        assertThat(school.exporter.status().lastError()).isNull();
        assertThat(school.directory.outbox().feedState("meals", MealsPolicy.TOPIC).lastPushAt()).isNotNull();
    }

    @Test
    void changesPendingAtARestartAreSentByTheNextExporter(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        Map<String, Object> unreachable = http("onLeaveDate");
        mealManager.close();
        unreachable.put("meals_endpoint", "http://127.0.0.1:" + freePort() + "/changes");
        school.startMeals(unreachable);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.exporter.status().lastError() != null
                && school.directory.outbox().feedState("meals", MealsPolicy.TOPIC).initialised());
        int pending = school.directory.outbox().pendingCount("meals", MealsPolicy.TOPIC);
        assertThat(pending).isGreaterThan(100);
        assertThat(school.exporter.status().lastError()).contains("127.0.0.1");

        school.stopMeals(); // the host goes down with changes pending
        try (FakeMealManager back = FakeMealManager.start()) {
            Map<String, Object> reachable = http("onLeaveDate");
            reachable.put("meals_endpoint", back.endpoint().toString());
            school.startMeals(reachable);
            awaitNothingPending();
            assertThat(back.changesApplied()).isEqualTo(pending);
            assertThat(back.appliedTwice()).isZero();
        }
    }

    @Test
    void aPausedMealExportKeepsCollectingAndSendsNothing(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of("pause", new String[] {"meals"}));
        school.startMeals(http("onLeaveDate"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> school.directory.outbox().feedState("meals", MealsPolicy.TOPIC).initialised());
        rename(dir, "WhilePaused");
        school.sync();

        MealsExport.Status status = school.exporter.pushNow();

        assertThat(status.paused()).isTrue();
        assertThat(status.pending()).isGreaterThan(100);
        assertThat(mealManager.requests()).isZero();
    }

    @Test
    void aPasswordFromAFileAuthenticatesAndNoSecretShowsInStatusOrErrors(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        String good = "S3cret-" + java.util.UUID.randomUUID();
        String bad = "Wrong-" + java.util.UUID.randomUUID();
        mealManager.requireAuthorization("Basic " + java.util.Base64.getEncoder()
                .encodeToString(("canteen:" + good).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path wrongFile = java.nio.file.Files.writeString(dir.resolve("wrong-password"), bad + "\n");
        Path rightFile = java.nio.file.Files.writeString(dir.resolve("meals-password"), good + "\n");

        Map<String, Object> wrong = http("onLeaveDate");
        wrong.put("meals_username", "canteen");
        wrong.put("meals_passwordFile", wrongFile.toString());
        school.startMeals(wrong);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.exporter.status().lastError() != null);
        MealsExport.Status refused = school.exporter.status();
        assertThat(refused.lastError()).contains("HTTP 401").doesNotContain(bad);
        assertThat(refused.toString() + school.exporter.target()).doesNotContain(bad);
        school.stopMeals();

        Map<String, Object> right = http("onLeaveDate");
        right.put("meals_username", "canteen");
        right.put("meals_passwordFile", rightFile.toString());
        school.startMeals(right);
        awaitNothingPending();
        assertMealManagerMatchesTheDirectory(true);
        assertThat(school.exporter.status().toString() + school.exporter.target()).doesNotContain(good);
    }

    @Test
    void anEncryptedPasswordIsDecryptedWithTheConfigurationsEncryptorAndAuthenticates(@TempDir Path dir) throws Exception {
        syncedSchool(dir, Map.of());
        String good = "S3cret-" + java.util.UUID.randomUUID();
        mealManager.requireAuthorization("Basic " + java.util.Base64.getEncoder()
                .encodeToString(("canteen:" + good).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // stands in for a Jasypt encryptor (tested in org.misbridge.jasypt): the "ciphertext" is the password's Base64
        org.misbridge.api.Decryptor base64 = c -> new String(java.util.Base64.getDecoder().decode(c),
                java.nio.charset.StandardCharsets.UTF_8);
        String encrypted = "ENC(" + java.util.Base64.getEncoder().encodeToString(good.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ")";
        Map<String, Object> settings = http("onLeaveDate");
        settings.put("meals_username", "canteen");

        assertThatThrownBy(() -> school.startMeals(settings, Map.of("meals.password", encrypted), Map.of()))
                .hasMessageContaining("school " + school.schoolId + ": meals.password is encrypted (ENC(…)) but no encryptor"
                        + " with alias 'misbridge' is registered");
        school.startMeals(settings, Map.of("meals.password", encrypted, "decryptor", "canteen-keys"),
                Map.of("canteen-keys", base64));
        awaitNothingPending();
        assertMealManagerMatchesTheDirectory(true);
        assertThat(school.exporter.status().toString() + school.exporter.target()).doesNotContain(good);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
