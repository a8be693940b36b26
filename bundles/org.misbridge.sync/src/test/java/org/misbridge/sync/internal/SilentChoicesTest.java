package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 23, item 5: no silent choices. A setting that leaves out every contact of a kind says so
 * when the school is configured and in the message of each run that left some out; and which
 * contacts are prime follows the priorities the snapshot states, never the order the MIS listed
 * them in.
 */
class SilentChoicesTest {

    /** Only contacts with parental responsibility, and "unknown" does not count. */
    private static final ImportSettings RESPONSIBLE_ONLY = new ImportSettings(false, false, Set.of(1), 1, true, false, true, true);

    /** A OneRoster-like school: no source states parental responsibility. */
    private static RecordedSchool responsibilityUnknown() {
        RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2);
        for (String s : List.of("s1", "s2", "s3")) {
            school.onRoll(s);
            school.contact("p-" + s, "p-" + s + "@example.org", null);
            school.links.add(new ContactLink(s, "p-" + s, 1, ParentalResponsibility.UNKNOWN, "parent"));
        }
        return school;
    }

    @Test
    void requiringResponsibilityWithoutCountingUnknownSaysInTheRunMessageWhoWasLeftOut() throws Exception {
        try (RecordedSchool school = responsibilityUnknown()) {
            SyncRun run = school.sync(RESPONSIBLE_ONLY);

            assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(school.state().links()).isEmpty();
            assertThat(run.message()).isNotNull()
                    .contains("3 contact links")
                    .contains("parental responsibility is unknown")
                    .contains("contacts.unknownResponsibilityCounts");
            assertThat(school.directory.lastRun(RecordedSchool.ID).orElseThrow().message()).isEqualTo(run.message());
        }
    }

    @Test
    void switchingOffEmailsOrMobilesSaysHowManyTheMisHadInTheRunMessage() throws Exception {
        try (RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2)) {
            school.onRoll("s1");
            school.contact("mum", "mum@example.org", "07700900001");
            school.link("s1", "mum", 1);

            SyncRun run = school.sync(new ImportSettings(false, false, Set.of(1), 1, false, true, false, false));

            assertThat(run.message()).contains("1 email not imported (contacts.importEmails=false)")
                    .contains("1 mobile not imported (contacts.importMobiles=false)");
        }
    }

    @Test
    void requiringResponsibilityWithoutCountingUnknownSaysSoWhenTheSchoolIsConfigured() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("school_id", RecordedSchool.ID);
        values.put("schedule", "");
        values.put("contacts_requireParentalResponsibility", true);
        values.put("contacts_unknownResponsibilityCounts", false);
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        try (RecordedSchool school = responsibilityUnknown()) {
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            new SchoolSyncComponent(SchoolHarness.config(values),
                    Map.entry(Map.of(SchoolProperties.SCHOOL_ID, RecordedSchool.ID), school.mis), school.directory, school.directory.preferences(), school.directory.deletions(), scheduler, new SchoolClaimsRegistry());
        } finally {
            System.setErr(err);
            scheduler.stop();
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("WARN")
                .contains("contacts.unknownResponsibilityCounts=false")
                .contains("no contact whose parental responsibility the MIS does not state");
    }

    @Test
    void contactsTheMisRanksEquallyAreChosenAlikeWhateverTheOrderTheyAreListedIn() throws Exception {
        DirectoryState[] states = new DirectoryState[2];
        for (int order = 0; order < 2; order++) {
            try (RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2)) {
                school.onRoll("s1");
                List<String> parents = order == 0 ? List.of("ann", "bob") : List.of("bob", "ann");
                for (String p : parents) {
                    school.contact(p, p + "@example.org", null);
                    school.link("s1", p, 1); // the MIS gives both the same priority
                }
                school.sync();
                states[order] = school.state();
            }
        }
        assertThat(states[0].links()).extracting(Link::personId, Link::prime)
                .containsExactlyInAnyOrder(tuple("ann", true), tuple("bob", true));
        assertThat(Set.copyOf(states[1].links())).isEqualTo(Set.copyOf(states[0].links()));
        assertThat(Set.copyOf(states[1].people())).isEqualTo(Set.copyOf(states[0].people()));
    }
}
