package org.misbridge.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/** The details a plan wants do not depend on which snapshot its value checks were made from. */
class DesiredDetailsTest {

    private static Contact contact(String id, String email, String mobile) {
        return new Contact(id, "A", "B", List.of(new Email(email, EmailLocation.HOME)),
                List.of(new Telephone(mobile, TelephoneType.MOBILE)));
    }

    private static Snapshot snapshot(List<Contact> contacts, List<Staff> staff) {
        return new Snapshot("s1", "test", Coverage.WHOLE_ROLL, Instant.EPOCH, List.of(), staff, contacts, List.of(),
                List.of(), List.of());
    }

    private static List<ContactDetail> details(Snapshot snapshot, DesiredDetails.Checks checks, List<DataIssue> issues) {
        Map<String, LinkedPerson> people = new java.util.LinkedHashMap<>();
        for (Contact c : snapshot.contacts()) {
            people.put(c.id(), new LinkedPerson(c.id(), c.givenName(), c.familyName(), Origin.IMPORT));
        }
        return new DesiredDetails(ImportSettings.defaults(), Map.of(), id -> false, new LeftOut())
                .of(snapshot, people, Map.of("c1", "st1", "c2", "st2"), issues, checks);
    }

    @Test
    void checksOfAnotherSnapshotAreMadeAgainNotTaken() {
        // the same places hold other values: c1's valid email and mobile where c2's are broken, and
        // the reverse, so a check taken by place alone would keep the broken values and drop the good
        Snapshot now = snapshot(List.of(contact("c1", "ok@example.org", "07700900001"),
                contact("c2", "broken@@example", "0770090000")),
                List.of(new Staff("t1", "T", "One", " staff@example.org ", "07700 900003", (LocalDate) null)));
        Snapshot other = snapshot(List.of(contact("c1", "broken@@example", "0770090000"),
                contact("c2", "ok@example.org", "07700900001")),
                List.of(new Staff("t1", "T", "One", "no-at", "123", (LocalDate) null)));

        List<DataIssue> ownIssues = new ArrayList<>();
        List<ContactDetail> own = details(now, DesiredDetails.Checks.of(now), ownIssues);
        List<DataIssue> otherIssues = new ArrayList<>();
        List<ContactDetail> fromOther = details(now, DesiredDetails.Checks.of(other), otherIssues);

        // worked out from DetailRules by hand: c1's pair is valid, c2's email has two @ and its mobile
        // ten digits; the staff email is trimmed and the mobile's space goes
        assertThat(own).extracting(ContactDetail::ownerId, ContactDetail::value).containsExactly(
                tuple("c1", "ok@example.org"), tuple("c1", "07700900001"),
                tuple("t1", "staff@example.org"), tuple("t1", "07700900003"));
        assertThat(ownIssues).extracting(DataIssue::kind, DataIssue::personId).containsExactly(
                tuple("invalid-email", "c2"), tuple("invalid-mobile", "c2"));
        assertThat(fromOther).isEqualTo(own);
        assertThat(otherIssues).isEqualTo(ownIssues);
        // and checks of an empty snapshot (no place at all) give the same again
        List<DataIssue> noneIssues = new ArrayList<>();
        assertThat(details(now, DesiredDetails.Checks.of(snapshot(List.of(), List.of())), noneIssues)).isEqualTo(own);
        assertThat(noneIssues).isEqualTo(ownIssues);
    }
}
