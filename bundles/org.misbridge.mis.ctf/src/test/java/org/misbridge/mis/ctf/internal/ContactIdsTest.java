package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/** The contact id rule: normalised surname, forename and first telephone (else email), hashed; never the pupil unless there is no channel. */
class ContactIdsTest {

    private static final List<Telephone> MOBILE = List.of(new Telephone("07700 900101", TelephoneType.MOBILE));

    @TempDir
    Path temp;

    @Test
    void theIdIsStableAcrossReleases() {
        // pinned: changing the rule re-keys every CTF contact a school has, so it must be a deliberate change
        assertThat(ContactIds.of("Hughes", "Sarah", MOBILE, List.of(), "A999400100001"))
                .isEqualTo("ctf-872376f02dd84853a6b1e1ec"); // SHA-256 of "hughes\nsarah\ntel:07700900101", 24 hex
    }

    @Test
    void theSamePersonGetsTheSameIdWhicheverPupilListsThem() {
        assertThat(ContactIds.of("Hughes", "Sarah", MOBILE, List.of(), "A999400100001"))
                .isEqualTo(ContactIds.of("Hughes", "Sarah", MOBILE, List.of(), "A999400100002"));
    }

    @Test
    void caseSpacesAndNumberFormattingDoNotMatter() {
        String plain = ContactIds.of("Hughes", "Sarah", MOBILE, List.of(), "x");
        assertThat(ContactIds.of("  HUGHES ", "sarah", List.of(new Telephone("+44 (0)7700 900101", TelephoneType.HOME)), List.of(), "y"))
                .isEqualTo(plain);
        assertThat(ContactIds.of("Hughes", "Sarah", List.of(new Telephone("+447700900101", TelephoneType.MOBILE)), List.of(), "y"))
                .isEqualTo(plain);
        assertThat(ContactIds.of("Hughes", "Sarah", List.of(new Telephone("0044 7700 900101", TelephoneType.MOBILE)), List.of(), "y"))
                .isEqualTo(plain);
    }

    @Test
    void aDifferentPersonOrNumberGetsADifferentId() {
        String sarah = ContactIds.of("Hughes", "Sarah", MOBILE, List.of(), "x");
        assertThat(ContactIds.of("Hughes", "Sara", MOBILE, List.of(), "x")).isNotEqualTo(sarah);
        assertThat(ContactIds.of("Hughes", "Sarah", List.of(new Telephone("07700 900102", TelephoneType.MOBILE)), List.of(), "x"))
                .isNotEqualTo(sarah);
    }

    @Test
    void withoutATelephoneTheFirstEmailIsTheChannel() {
        List<Email> email = List.of(new Email("Sarah.Hughes@Example.org ", EmailLocation.HOME));
        assertThat(ContactIds.of("Hughes", "Sarah", List.of(), email, "x"))
                .isEqualTo(ContactIds.of("Hughes", "Sarah", List.of(), List.of(new Email("sarah.hughes@example.org", EmailLocation.HOME)), "y"));
    }

    @Test
    void aContactWithNoChannelIsScopedToThePupilSoStrangersAreNeverMerged() {
        assertThat(ContactIds.of("Smith", "John", List.of(), List.of(), "A999400100001"))
                .isNotEqualTo(ContactIds.of("Smith", "John", List.of(), List.of(), "A999400100002"));
    }

    @Test
    void detailsListedForOneSiblingOnlyAreMergedIntoTheOneContact() throws Exception {
        String mum = "<Contact><Order>1</Order><Surname>Lee</Surname><Forename>Ann</Forename><Responsible>true</Responsible>"
                + "<Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700900201</PhoneNo></Phone></Phones>%s</Contact>";
        Path file = CtfFixtures.write(temp.resolve("siblings.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil("A999400100011", "<Contacts>" + String.format(mum, "") + "</Contacts>"),
                CtfFixtures.pupil("A999400100012", "<Contacts>" + String.format(mum, "<Email>ann.lee@example.org</Email>") + "</Contacts>")));
        Snapshot snapshot = CtfFixtures.read(file);
        assertThat(snapshot.contacts()).hasSize(1);
        assertThat(snapshot.contacts().get(0).emails()).extracting(Email::address).containsExactly("ann.lee@example.org");
        assertThat(snapshot.links()).hasSize(2);
    }

    @Test
    void thePersonListedTwiceForOnePupilIsLinkedOnceAtTheirBestPriority() throws Exception {
        String twice = "<Contacts>"
                + "<Contact><Order>3</Order><Surname>Lee</Surname><Forename>Ann</Forename><Email>ann@example.org</Email></Contact>"
                + "<Contact><Order>1</Order><Surname>Lee</Surname><Forename>Ann</Forename><Email>ann@example.org</Email></Contact>"
                + "</Contacts>";
        Path file = CtfFixtures.write(temp.resolve("twice.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil("A999400100011", twice)));
        Snapshot snapshot = CtfFixtures.read(file);
        assertThat(snapshot.links()).hasSize(1);
        assertThat(snapshot.links().get(0).priority()).isEqualTo(1);
    }
}
