package org.misbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchoolGeneratorTest {

    private static final List<String> FILES = List.of("manifest.csv", "orgs.csv", "users.csv", "classes.csv",
        "enrollments.csv", "academicSessions.csv");

    @TempDir
    Path tmp;

    @Test
    void sameSpecGivesByteIdenticalFiles() throws IOException {
        SchoolGenerator.Spec spec = SchoolGenerator.Spec.of("sch-1", 400, 7L);
        GeneratedSchool a = SchoolGenerator.writeOneRosterCsv(spec, tmp.resolve("a"));
        GeneratedSchool b = SchoolGenerator.writeOneRosterCsv(spec, tmp.resolve("b"));
        assertThat(a).isEqualTo(b);
        for (String f : FILES) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f)))
                .as(f).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        GeneratedSchool other = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-1", 400, 8L),
            tmp.resolve("c"));
        assertThat(Files.readAllBytes(tmp.resolve("c/users.csv")))
            .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/users.csv")));
        assertThat(other.students()).isEqualTo(400);
    }

    @Test
    void formatIsOneRoster11BulkWithCrlf() throws IOException {
        Path dir = tmp.resolve("fmt");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-1", 60, 1L), dir);
        String users = Files.readString(dir.resolve("users.csv"));
        assertThat(users).startsWith("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,"
            + "userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n");
        assertThat(users.replace("\r\n", "")).doesNotContain("\n");
        assertThat(Files.readString(dir.resolve("enrollments.csv"))).startsWith(
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,"
                + "endDate\r\n");
        Map<String, String> manifest = new HashMap<>();
        for (CSVRecord r : parse(dir.resolve("manifest.csv"))) {
            manifest.put(r.get("propertyName"), r.get("value"));
        }
        assertThat(manifest).containsEntry("oneroster.version", "1.1").containsEntry("file.users", "bulk")
            .containsEntry("file.orgs", "bulk").containsEntry("file.classes", "bulk")
            .containsEntry("file.enrollments", "bulk").containsEntry("file.academicSessions", "bulk")
            .containsEntry("file.courses", "absent").containsEntry("file.demographics", "absent");
        List<CSVRecord> orgs = parse(dir.resolve("orgs.csv"));
        assertThat(orgs).hasSize(1);
        assertThat(orgs.get(0).get("type")).isEqualTo("school");
        assertThat(orgs.get(0).get("sourcedId")).isEqualTo("sch-1");
        for (CSVRecord u : parse(dir.resolve("users.csv"))) {
            assertThat(u.get("status")).isEmpty();
            assertThat(u.get("dateLastModified")).isEmpty();
            if (u.get("role").equals("student")) {
                assertThat(u.get("identifier")).matches("[A-Z][0-9]{12}");
                assertThat(u.get("grades")).isIn("07", "08", "09", "10", "11");
            }
        }
        List<CSVRecord> sessions = parse(dir.resolve("academicSessions.csv"));
        assertThat(sessions).extracting(r -> r.get("type")).containsExactly("schoolYear", "term", "term", "term");
    }

    @Test
    void countsMatchReparsedCsv() throws IOException {
        Path dir = tmp.resolve("counts");
        LocalDate today = SchoolGenerator.DEFAULT_TODAY;
        GeneratedSchool g = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-9", 1500, 99L), dir);

        List<CSVRecord> users = parse(dir.resolve("users.csv"));
        Map<String, List<CSVRecord>> enrolmentsByUser = new HashMap<>();
        for (CSVRecord e : parse(dir.resolve("enrollments.csv"))) {
            enrolmentsByUser.computeIfAbsent(e.get("userSourcedId"), k -> new ArrayList<>()).add(e);
        }
        int students = 0;
        int pre = 0;
        int leavers = 0;
        int staff = 0;
        int contacts = 0;
        int badEmail = 0;
        int badMobile = 0;
        Set<String> prime = new HashSet<>();
        for (CSVRecord u : users) {
            switch (u.get("role")) {
                case "student" -> {
                    students++;
                    List<CSVRecord> es = enrolmentsByUser.get(u.get("sourcedId"));
                    assertThat(es).as("enrolments of %s", u.get("sourcedId")).isNotEmpty();
                    assertThat(es).allMatch(e -> e.get("role").equals("student"));
                    // the school-level enrollment (no class) says when a pupil joins or left; class dates say neither
                    List<CSVRecord> atSchool = es.stream().filter(e -> e.get("classSourcedId").isEmpty()).toList();
                    if (!atSchool.isEmpty() && atSchool.stream().allMatch(e -> LocalDate.parse(e.get("beginDate")).isAfter(today))) {
                        pre++;
                    } else if (!atSchool.isEmpty() && atSchool.stream().allMatch(e -> LocalDate.parse(e.get("endDate")).isBefore(today))) {
                        leavers++;
                    }
                    prime.add(u.get("agentSourcedIds").split(",")[0]);
                }
                case "teacher" -> {
                    staff++;
                    assertThat(u.get("email")).isNotEmpty();
                    assertThat(u.get("sms")).matches("07[0-9]{9}");
                    assertThat(enrolmentsByUser.get(u.get("sourcedId"))).isNotEmpty();
                }
                case "parent", "guardian" -> {
                    contacts++;
                    if (!u.get("email").matches("[a-z]+\\.[a-z]+[0-9]+@example\\.org")) {
                        badEmail++;
                    }
                    if (!u.get("sms").matches("07[0-9]{9}")) {
                        badMobile++;
                    }
                }
                default -> throw new AssertionError("unexpected role " + u.get("role"));
            }
        }
        int classes = parse(dir.resolve("classes.csv")).size();
        assertThat(g).isEqualTo(new GeneratedSchool("sch-9", students, students - pre - leavers, pre, leavers,
            staff, contacts, prime.size(), classes, badEmail, badMobile));

        assertThat(g.students()).isEqualTo(1500);
        assertThat(g.staff()).isEqualTo(100);
        assertThat(g.preAdmissions()).isBetween(15, 90);
        assertThat(g.leavers()).isBetween(15, 90);
        assertThat(g.invalidEmails()).isPositive();
        assertThat(g.invalidMobiles()).isPositive();
        assertThat(g.contacts()).isBetween(1500, 4500);
        assertThat(g.primeParents()).isLessThan(g.students());
    }

    @Test
    void invalidEmailsPresent() throws IOException {
        Path dir = tmp.resolve("bad");
        GeneratedSchool g = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-2", 200, 3L), dir);
        long doubleAt = parse(dir.resolve("users.csv")).stream().filter(u -> u.get("email").contains("@@")).count();
        assertThat(doubleAt).isPositive().isEqualTo(g.invalidEmails());
    }

    @Test
    void agentReferencesResolveBothWays() throws IOException {
        Path dir = tmp.resolve("agents");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-3", 800, 5L), dir);
        Map<String, CSVRecord> byId = new LinkedHashMap<>();
        for (CSVRecord u : parse(dir.resolve("users.csv"))) {
            assertThat(byId.put(u.get("sourcedId"), u)).as("duplicate id").isNull();
        }
        int shared = 0;
        for (CSVRecord u : byId.values()) {
            String role = u.get("role");
            if (role.equals("teacher")) {
                continue;
            }
            List<String> agents = List.of(u.get("agentSourcedIds").split(","));
            assertThat(agents).isNotEmpty().doesNotHaveDuplicates();
            if (role.equals("student")) {
                assertThat(agents).hasSizeBetween(1, 3);
            } else if (agents.size() > 1) {
                shared++;
            }
            for (String a : agents) {
                CSVRecord other = byId.get(a);
                assertThat(other).as("%s -> %s", u.get("sourcedId"), a).isNotNull();
                assertThat(other.get("role")).isIn(role.equals("student") ? List.of("parent", "guardian")
                    : List.of("student"));
                assertThat(List.of(other.get("agentSourcedIds").split(","))).contains(u.get("sourcedId"));
            }
        }
        assertThat(shared).as("contacts shared by siblings").isPositive();
        // classes referenced by enrollments exist
        Set<String> classIds = new HashSet<>();
        parse(dir.resolve("classes.csv")).forEach(c -> classIds.add(c.get("sourcedId")));
        for (CSVRecord e : parse(dir.resolve("enrollments.csv"))) {
            if (!e.get("classSourcedId").isEmpty()) { // a school-level enrollment has no class
                assertThat(classIds).contains(e.get("classSourcedId"));
            }
            assertThat(byId).containsKey(e.get("userSourcedId"));
        }
    }

    @Test
    void zipHasFilesAtRoot() throws IOException {
        Path dir = tmp.resolve("z");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("sch-4", 50, 1L), dir);
        Path zip = tmp.resolve("out/school.zip");
        SchoolGenerator.zip(dir, zip);
        Set<String> names = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve(e.getName())));
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(FILES);
        Path zip2 = tmp.resolve("out/school2.zip");
        SchoolGenerator.zip(dir, zip2);
        assertThat(Files.readAllBytes(zip2)).isEqualTo(Files.readAllBytes(zip));
    }

    @Test
    void districtWritesSeveralSchools() throws IOException {
        Path dir = tmp.resolve("district");
        List<GeneratedSchool> gs = SchoolGenerator.writeDistrict("dist-1",
            List.of(SchoolGenerator.Spec.of("sch-a", 120, 1L), SchoolGenerator.Spec.of("sch-b", 90, 2L)), dir);
        assertThat(gs).extracting(GeneratedSchool::orgSourcedId).containsExactly("sch-a", "sch-b");
        List<CSVRecord> orgs = parse(dir.resolve("orgs.csv"));
        assertThat(orgs).extracting(o -> o.get("type")).containsExactly("district", "school", "school");
        assertThat(orgs.get(1).get("parentSourcedId")).isEqualTo("dist-1");
        long students = parse(dir.resolve("users.csv")).stream().filter(u -> u.get("role").equals("student"))
            .count();
        assertThat(students).isEqualTo(210);
    }

    @Test
    void scalesToOneHundredThousandStudents() throws IOException {
        Path dir = tmp.resolve("big");
        long t0 = System.nanoTime();
        GeneratedSchool g = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("big", 100_000, 1L), dir);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(g.students()).isEqualTo(100_000);
        assertThat(ms).as("generation time in ms").isLessThan(30_000);
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            return p.getRecords();
        }
    }
}
