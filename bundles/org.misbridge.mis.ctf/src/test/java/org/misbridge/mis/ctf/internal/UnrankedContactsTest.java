package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Snapshot;

/**
 * A contact without an {@code Order} is unranked: the place it is listed in says nothing about who
 * to call first. Unranked contacts of a pupil share one priority, the one after the last
 * {@code Order} the pupil's list gives (1 when it gives none), so the file's order never makes one
 * of them the only prime parent (docs/configuration.md, "Unranked contacts").
 */
class UnrankedContactsTest {

    @TempDir
    Path temp;

    private static String contact(String order, String forename, String mobile) {
        return "<Contact>" + order + "<Surname>Lee</Surname><Forename>" + forename + "</Forename>"
                + "<Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>" + mobile + "</PhoneNo></Phone></Phones></Contact>";
    }

    private Snapshot read(String name, String contacts) throws Exception {
        Path file = CtfFixtures.write(temp.resolve(name), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil("A999400100011", "<Contacts>" + contacts + "</Contacts>")));
        return CtfFixtures.read(file);
    }

    private static java.util.Map<String, Integer> priorityByForename(Snapshot snapshot) {
        java.util.Map<String, String> forename = new java.util.HashMap<>();
        snapshot.contacts().forEach(c -> forename.put(c.id(), c.givenName()));
        java.util.Map<String, Integer> priorities = new java.util.HashMap<>();
        for (ContactLink l : snapshot.links()) {
            priorities.put(forename.get(l.contactId()), l.priority());
        }
        return priorities;
    }

    @Test
    void contactsWithoutAnOrderAreAllFirstWhicheverWayTheyAreListed() throws Exception {
        Snapshot annFirst = read("ann-first.xml", contact("", "Ann", "07700900301") + contact("", "Bob", "07700900302"));
        Snapshot bobFirst = read("bob-first.xml", contact("", "Bob", "07700900302") + contact("", "Ann", "07700900301"));

        assertThat(priorityByForename(annFirst)).containsOnly(java.util.Map.entry("Ann", 1), java.util.Map.entry("Bob", 1));
        assertThat(priorityByForename(bobFirst)).isEqualTo(priorityByForename(annFirst));
        assertThat(annFirst.contacts()).extracting(Contact::givenName).containsExactlyInAnyOrder("Ann", "Bob");
    }

    @Test
    void contactsWithoutAnOrderComeTogetherAfterTheLastOrderGiven() throws Exception {
        // Order 1 and 2 given; two more without: both 3, neither before the other
        Snapshot snapshot = read("mixed.xml", contact("", "Cat", "07700900303") + contact("<Order>2</Order>", "Bob", "07700900302")
                + contact("<Order>1</Order>", "Ann", "07700900301") + contact("", "Dan", "07700900304"));

        assertThat(snapshot.links()).extracting(ContactLink::priority).hasSize(4);
        assertThat(priorityByForename(snapshot)).containsOnly(java.util.Map.entry("Ann", 1), java.util.Map.entry("Bob", 2),
                java.util.Map.entry("Cat", 3), java.util.Map.entry("Dan", 3));
        assertThat(snapshot.links()).extracting(ContactLink::studentId, ContactLink::priority)
                .contains(tuple("A999400100011", 1));
    }
}
