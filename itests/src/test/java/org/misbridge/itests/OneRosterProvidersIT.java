package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 17 in the assembly: a OneRoster 1.2 school as a provider writes it, exported in the summer
 * rollover gap (last year's class enrolments all ended, next year's not begun), with a head teacher
 * (role principal), a teacher who is also a parent (a secondary role), and a class to be deleted.
 * Everyone active stays on roll, the head is staff, the deleted class is no group, and the teacher
 * is staff and the prime contact of the pupil who lists them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneRosterProvidersIT extends MisBridgeTestSupport {

    private static final String USERS = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
            + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,"
            + "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns";
    private static final String ROLES = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
            + "orgSourcedId,userProfileSourcedId";
    private static final String CLASSES = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
            + "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods";
    private static final String ENROLLMENTS = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,"
            + "role,primary,beginDate,endDate";

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    /** The export, written as a provider's OneRoster 1.2 bulk CSV set; dates around today put it in the gap. */
    private static Path writeLinden(Path folder) throws Exception {
        LocalDate today = LocalDate.now();
        String lastYear = today.minusYears(1).minusDays(20) + "," + today.minusDays(20);
        String nextYear = today.plusDays(15) + "," + today.plusYears(1);
        Files.createDirectories(folder);
        Map<String, String> files = Map.of(
                "manifest.csv", lines("propertyName,value", "manifest.version,1.0", "oneroster.version,1.2",
                        "file.academicSessions,absent", "file.classes,bulk", "file.courses,absent", "file.demographics,absent",
                        "file.enrollments,bulk", "file.orgs,bulk", "file.roles,bulk", "file.userProfiles,absent",
                        "file.users,bulk", "source.systemName,Linden MIS"),
                "orgs.csv", lines("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
                        "org-linden,active,2026-01-05,Linden Primary,school,LIN,"),
                "users.csv", lines(USERS,
                        "s1,active,2026-01-05,true,s1,,Amy,Hart,,,,,,\"tp,p1\",05,,,,,,,org-linden,",
                        "s2,active,2026-01-05,true,s2,,Ben,Moss,,,,,,p2,06,,,,,,,org-linden,",
                        "head,active,2026-01-05,true,head,,Helen,Head,,,head@linden.example,07700900500,,,,,,,,,,org-linden,",
                        "tp,active,2026-01-05,true,tp,,Tom,Hart,,,tom.hart@linden.example,07700900501,,s1,,,,,,,,org-linden,",
                        "p1,active,2026-01-05,true,p1,,Paula,Hart,,,paula@home.example,07700900502,,s1,,,,,,,,org-linden,",
                        "p2,active,2026-01-05,true,p2,,Peter,Moss,,,peter@home.example,07700900503,,s2,,,,,,,,org-linden,"),
                "roles.csv", lines(ROLES,
                        "r1,active,2026-01-05,s1,primary,student,,,org-linden,",
                        "r2,active,2026-01-05,s2,primary,student,,,org-linden,",
                        "r3,active,2026-01-05,head,primary,principal,,,org-linden,",
                        "r4,active,2026-01-05,tp,primary,teacher,,,org-linden,",
                        "r5,active,2026-01-05,tp,secondary,parent,,,org-linden,",
                        "r6,active,2026-01-05,p1,primary,parent,,,org-linden,",
                        "r7,active,2026-01-05,p2,primary,guardian,,,org-linden,"),
                "classes.csv", lines(CLASSES,
                        "k-5a,active,2026-01-05,5A,05,,5A,homeroom,,org-linden,,,,",
                        "k-hist,tobedeleted,2026-01-05,History 5,05,,HI5,scheduled,,org-linden,,,,"),
                "enrollments.csv", lines(ENROLLMENTS,
                        "e1,active,2026-01-05,k-5a,org-linden,s1,student,false," + lastYear,
                        "e2,active,2026-01-05,k-5a,org-linden,s2,student,false," + lastYear,
                        "e3,active,2026-01-05,k-5a,org-linden,tp,teacher,true," + lastYear,
                        "e4,active,2026-01-05,k-hist,org-linden,s1,student,false," + lastYear,
                        "e5,active,2026-01-05,k-hist,org-linden,tp,teacher,true," + lastYear,
                        "n1,active,2026-01-05,k-5a,org-linden,s1,student,false," + nextYear,
                        "n2,active,2026-01-05,k-5a,org-linden,s2,student,false," + nextYear));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }

    private static String lines(String... rows) {
        return String.join("\r\n", rows) + "\r\n";
    }

    @Test
    public void aOneRoster12SchoolInTheRolloverGapImportsItsHeadItsTeacherParentAndNoDeletedClass() throws Exception {
        Path set = writeLinden(Path.of(System.getProperty("karaf.data"), "itest-linden"));
        dropConfig("org.misbridge.mis.oneroster-linden.cfg",
                "school.id=linden\ncsv.path=" + set + "\norg.sourcedId=org-linden\n");
        dropConfig("org.misbridge.sync-linden.cfg", "school.id=linden\nreader.target=(school.id=linden)\n");
        awaitSchoolsRunning("linden");

        assertContains(executeCommand("school:sync linden"), "Synced linden");

        JsonNode status = json(executeCommand("school:status linden --json"));
        // worked out from the files: Amy and Ben on roll (no class dates decide), Helen and Tom staff,
        // Tom and Peter the prime contacts (Paula is Amy's second, not imported at priority 1), 5A the one group
        Map<String, Long> expected = Map.of("students", 2L, "preAdmissions", 0L, "leavers", 0L, "staff", 2L,
                "contacts", 2L, "primeParents", 2L, "groups", 1L, "dataIssues", 0L);
        for (String key : List.of("students", "preAdmissions", "leavers", "staff", "contacts", "primeParents", "groups",
                "dataIssues")) {
            assertEquals(key + " in " + status, expected.get(key).longValue(), status.get(key).asLong());
        }

        JsonNode tom = json(executeCommand("school:member --json linden tp"));
        assertEquals(tom.toString(), "STAFF", tom.get("kind").asText());
        assertEquals(tom.toString(), "ON_ROLL", tom.get("state").asText());
        assertEquals(tom.toString(), "[\"k-5a\"]", tom.get("groups").toString());
        JsonNode adultOf = tom.get("adultOf");
        assertEquals(tom.toString(), 1, adultOf.size());
        assertEquals("s1", adultOf.get(0).get("student").asText());
        assertEquals(1, adultOf.get(0).get("priority").asInt());
        assertTrue(tom.toString(), adultOf.get(0).get("prime").asBoolean());
        assertEquals("parent", adultOf.get(0).get("relationship").asText());

        JsonNode amy = json(executeCommand("school:member --json linden s1"));
        assertEquals(amy.toString(), "ON_ROLL", amy.get("state").asText());
        JsonNode tomAsAdult = amy.get("links").get(0);
        assertEquals(amy.toString(), "tp", tomAsAdult.get("person").asText());
        assertEquals(amy.toString(), "Tom Hart", tomAsAdult.get("name").asText());
        assertEquals(amy.toString(), 2, tomAsAdult.get("details").size());
        assertEquals(amy.toString(), "[\"k-5a\"]", amy.get("groups").toString());

        JsonNode head = json(executeCommand("school:member --json linden head"));
        assertEquals(head.toString(), "STAFF", head.get("kind").asText());
    }
}
