package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Snapshot;

/**
 * OneRoster states no contact priority; the one ranking it gives is the order of a student's own
 * {@code agentSourcedIds} (DOMAIN.md). Contacts that name the student only on their own row are
 * unranked: they share the priority after the student's listed ones (1 when the student lists
 * none), so the order of rows in {@code users.csv} never makes one of them the only prime parent.
 */
class UnrankedContactsTest {

    @TempDir
    Path temp;

    private Snapshot read(String name, String... users) throws Exception {
        Path set = OneRosterSets.write(temp.resolve(name), OneRosterSets.set(String.join("\r\n", users) + "\r\n", ""));
        return new OneRosterCsvReader("unranked", set, null, OneRosterSets.clockAt("2026-11-23"), Limits.defaults()).read();
    }

    private static final String PUPIL = "s1,,,true,org-1,student,s1,,Ava,Ash,,,,,,,07,";
    private static final String MUM = "p-ann,,,true,org-1,parent,ann,,Ann,Ash,,,ann@example.org,07700900401,,s1,,";
    private static final String DAD = "p-bob,,,true,org-1,parent,bob,,Bob,Ash,,,bob@example.org,07700900402,,s1,,";

    @Test
    void parentsWhoAloneNameTheStudentAreBothFirstWhicheverRowComesFirst() throws Exception {
        Snapshot annFirst = read("ann-first", PUPIL, MUM, DAD);
        Snapshot bobFirst = read("bob-first", PUPIL, DAD, MUM);

        assertThat(annFirst.links()).extracting(ContactLink::contactId, ContactLink::priority)
                .containsExactlyInAnyOrder(tuple("p-ann", 1), tuple("p-bob", 1));
        assertThat(bobFirst.links()).extracting(ContactLink::contactId, ContactLink::priority)
                .containsExactlyInAnyOrder(tuple("p-ann", 1), tuple("p-bob", 1));
    }

    @Test
    void theStudentsOwnListRanksAndTheRestShareThePlaceAfterIt() throws Exception {
        // the student lists Ann then Cal: 1 and 2; Bob and Dee name the student only on their rows: both 3
        String pupil = "s1,,,true,org-1,student,s1,,Ava,Ash,,,,,,\"p-ann,p-cal\",07,";
        String cal = "p-cal,,,true,org-1,guardian,cal,,Cal,Ash,,,,,,,,";
        String dee = "p-dee,,,true,org-1,relative,dee,,Dee,Ash,,,,,,s1,,";
        Snapshot snapshot = read("mixed", DAD, dee, pupil, MUM, cal);

        assertThat(snapshot.links()).extracting(ContactLink::contactId, ContactLink::priority).containsExactlyInAnyOrder(
                tuple("p-ann", 1), tuple("p-cal", 2), tuple("p-bob", 3), tuple("p-dee", 3));
    }
}
