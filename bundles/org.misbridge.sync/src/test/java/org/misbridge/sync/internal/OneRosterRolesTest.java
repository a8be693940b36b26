package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 17, rules 2 and 3: every role of the OneRoster 1.2 {@code roleType} vocabulary has a
 * meaning, a role the reader does not know is a data issue naming the user and the role, and a
 * user's secondary roles count too: a teacher who is also a parent is staff and a contact of the
 * children who list them. 1.1 files, with one role per user, keep their meaning.
 */
class OneRosterRolesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final String SCHOOL = "birchwood";
    private static final String ORG = "org-birch,active,2026-03-01,Birchwood Primary,school,BIR,org-trust";

    @TempDir
    Path temp;

    /** Every contact priority up to 3 is imported (1 prime), so second contacts show in the directory too. */
    private static ImportSettings uptoThree() {
        return new ImportSettings(false, false, Set.of(1), 3, false, true, true, true);
    }

    private ReaderIntoStore sync(Path set, String org) {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(uptoThree());
        assertThat(school.sync(DAY, clock -> new OneRosterCsvReader(SCHOOL, set, org, clock, Limits.defaults())).outcome())
                .isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    private static String user12(String id, String given, String family, String email, String sms, String agents) {
        // sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,
        // email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,
        // preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
        return id + ",active,2026-03-01,true," + id + ",," + given + "," + family + ",,," + email + "," + sms + ",,\""
                + agents + "\",,,,,,,,org-birch,";
    }

    private static String role(String id, String user, String type, String role) {
        return id + ",active,2026-03-01," + user + "," + type + "," + role + ",,,org-birch,";
    }

    private static OneRosterFiles birchwood12() {
        return OneRosterFiles.v12("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG, "org-trust,active,2026-03-01,Birch Trust,district,BT,")
                .csv("users.csv", OneRosterFiles.USERS_12,
                        user12("s1", "Sam", "Hart", "", "", "tp,p1"),
                        user12("s2", "Sue", "Moss", "", "", "p2"),
                        user12("head", "Helen", "Head", "head@birchwood.example", "07700900301", ""),
                        user12("office", "Olive", "Office", "office@birchwood.example", "", ""),
                        user12("trust", "Tariq", "Trust", "tariq@trust.example", "", ""),
                        user12("it", "Ian", "Tech", "it@birchwood.example", "", ""),
                        user12("couns", "Cara", "Counsel", "", "", ""),
                        user12("invig", "Ivan", "Gilator", "", "", ""),
                        user12("ta", "Tia", "Assist", "", "", ""),
                        user12("tp", "Tom", "Hart", "tom.hart@birchwood.example", "07700900201", "s1"),
                        user12("t2", "Tina", "Two", "tina@birchwood.example", "", ""),
                        user12("p1", "Paula", "Hart", "paula@home.example", "07700900202", "s1"),
                        user12("p2", "Peter", "Moss", "peter@home.example", "07700900203", "s2"),
                        user12("r1", "Rita", "Moss", "rita@home.example", "07700900204", "s2"),
                        user12("odd", "Otto", "Keeper", "otto@birchwood.example", "", ""))
                .csv("roles.csv", OneRosterFiles.ROLES_12,
                        role("r-s1", "s1", "primary", "student"),
                        role("r-s2", "s2", "primary", "student"),
                        role("r-head", "head", "primary", "principal"),
                        role("r-office", "office", "primary", "siteAdministrator"),
                        role("r-trust", "trust", "primary", "districtAdministrator"),
                        role("r-it", "it", "primary", "systemAdministrator"),
                        role("r-couns", "couns", "primary", "counselor"),
                        role("r-invig", "invig", "primary", "proctor"),
                        role("r-ta", "ta", "primary", "aide"),
                        role("r-tp1", "tp", "primary", "teacher"),
                        role("r-tp2", "tp", "secondary", "parent"),
                        role("r-t2", "t2", "primary", "teacher"),
                        role("r-p1", "p1", "primary", "parent"),
                        role("r-p2", "p2", "primary", "guardian"),
                        role("r-r1", "r1", "primary", "relative"),
                        role("r-odd", "odd", "primary", "caretaker"))
                .csv("classes.csv", OneRosterFiles.CLASSES, "cls-1,active,2026-03-01,Class 1,01,,C1,homeroom,,org-birch,,,,")
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS,
                        "e1,active,2026-03-01,cls-1,org-birch,s1,student,false,,",
                        "e2,active,2026-03-01,cls-1,org-birch,s2,student,false,,",
                        "e3,active,2026-03-01,cls-1,org-birch,tp,teacher,true,,");
    }

    @Test
    void everyOneRoster12RoleHasAMeaningAndAnUnknownRoleIsADataIssue() throws Exception {
        ReaderIntoStore school = sync(birchwood12().folder(temp.resolve("birchwood")), "org-birch");

        assertThat(school.state().members()).filteredOn(m -> m.kind() == MemberKind.STAFF).extracting(Member::id)
                .containsExactlyInAnyOrder("head", "office", "trust", "it", "couns", "invig", "ta", "tp", "t2");
        assertThat(school.state().members()).filteredOn(m -> m.kind() == MemberKind.STUDENT).extracting(Member::id)
                .containsExactlyInAnyOrder("s1", "s2");
        assertThat(school.state().links()).extracting(Link::memberId, Link::personId, Link::priority, Link::prime,
                Link::relationship).containsExactlyInAnyOrder(
                        tuple("s1", "tp", 1, true, "parent"), tuple("s1", "p1", 2, false, "parent"),
                        tuple("s2", "p2", 1, true, "guardian"), tuple("s2", "r1", 2, false, "relative"));
        assertThat(school.member("odd")).isEmpty();
        assertThat(school.state().people()).extracting(LinkedPerson::id).doesNotContain("odd");
        assertThat(school.issues()).filteredOn(i -> i.kind().equals("unknown-role")).singleElement().satisfies(i -> {
            assertThat(i.memberId()).isEqualTo("odd");
            assertThat(i.field()).isEqualTo("role");
            assertThat(i.reason()).contains("roles.csv", "row 17", "caretaker");
        });
    }

    @Test
    void aTeacherWhoIsAlsoAParentIsStaffAndAContactWithTheSameDetailsInTheStore() throws Exception {
        ReaderIntoStore school = sync(birchwood12().zip(temp.resolve("birchwood.zip")), "org-birch");

        Member tom = school.member("tp").orElseThrow();
        assertThat(tom.kind()).isEqualTo(MemberKind.STAFF);
        assertThat(tom.givenName() + " " + tom.familyName()).isEqualTo("Tom Hart");
        assertThat(school.state().people()).filteredOn(p -> p.id().equals("tp")).singleElement()
                .extracting(LinkedPerson::givenName).isEqualTo("Tom");
        assertThat(school.linksOf("s1")).filteredOn(l -> l.personId().equals("tp")).singleElement().satisfies(l -> {
            assertThat(l.priority()).isEqualTo(1);
            assertThat(l.prime()).isTrue();
            assertThat(l.parentalResponsibility()).isEqualTo(ParentalResponsibility.UNKNOWN);
        });
        // one owner id, as staff and as contact: the store holds each detail once, for both
        assertThat(school.detailsOf("tp")).extracting(ContactDetail::kind, ContactDetail::value).containsExactlyInAnyOrder(
                tuple(DetailKind.EMAIL, "tom.hart@birchwood.example"), tuple(DetailKind.MOBILE, "07700900201"));
        assertThat(school.state().memberships()).anyMatch(m -> m.memberId().equals("tp"));

        // a second sync of the same files, read and planned again (forced: unforced, it would not read), changes nothing
        var again = school.syncForced(DAY, clock -> new OneRosterCsvReader(SCHOOL, temp.resolve("birchwood.zip"), "org-birch",
                clock, Limits.defaults()));
        assertThat(again.created() + again.updated() + again.removed()).isZero();
    }

    @Test
    void oneRoster11RolesMeanTheSameAndATeacherListedAsAnAgentStaysStaffOnly() throws Exception {
        OneRosterFiles set = OneRosterFiles.v11("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_11,
                        "s1,,,true,org-birch,student,s1,,Sam,Hart,,,,,,\"t1,p1\",01,",
                        "t1,,,true,org-birch,teacher,t1,,Tom,Hart,,,tom.hart@birchwood.example,07700900201,,s1,,",
                        "adm,,,true,org-birch,administrator,adm,,Ada,Admin,,,ada@birchwood.example,,,,,",
                        "ta,,,true,org-birch,aide,ta,,Tia,Assist,,,,,,,,",
                        "inv,,,true,org-birch,proctor,inv,,Ivan,Gilator,,,,,,,,",
                        "head,,,true,org-birch,principal,head,,Helen,Head,,,,,,,,",
                        "p1,,,true,org-birch,parent,p1,,Paula,Hart,,,paula@home.example,07700900202,,s1,,",
                        "g1,,,true,org-birch,guardian,g1,,Gina,Hart,,,,,,s1,,",
                        "odd,,,true,org-birch,caretaker,odd,,Otto,Keeper,,,,,,,,")
                .csv("classes.csv", OneRosterFiles.CLASSES, "cls-1,,,Class 1,01,,C1,homeroom,,org-birch,,,,")
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, "e1,,,cls-1,org-birch,s1,student,false,,");
        ReaderIntoStore school = sync(set.folder(temp.resolve("v11")), null);

        assertThat(school.state().members()).filteredOn(m -> m.kind() == MemberKind.STAFF).extracting(Member::id)
                .containsExactlyInAnyOrder("t1", "adm", "ta", "inv", "head");
        // the teacher in Sam's agentSourcedIds is no contact in 1.1: Paula and Gina are
        assertThat(school.linksOf("s1")).extracting(Link::personId, Link::priority).containsExactlyInAnyOrder(
                tuple("p1", 1), tuple("g1", 2));
        assertThat(school.issues()).extracting(DataIssue::kind, DataIssue::memberId).containsExactly(tuple("unknown-role", "odd"));
        assertThat(school.issues().get(0).reason()).contains("users.csv", "row 10", "caretaker");
    }
}
