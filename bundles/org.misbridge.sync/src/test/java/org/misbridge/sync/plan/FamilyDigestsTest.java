package org.misbridge.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.ParentalResponsibility;

/** The family digest is SHA-256 over an unambiguous encoding: values a plain concatenation confuses stay apart. */
class FamilyDigestsTest {

    private static FamilyDigests family(String given, String family, String relationship, List<String> groups) {
        Link link = new Link("s1", "c1", 1, true, relationship, ParentalResponsibility.YES, Origin.IMPORT);
        LinkedPerson person = new LinkedPerson("c1", given, family, Origin.IMPORT);
        ContactDetail email = new ContactDetail("c1", DetailKind.EMAIL, "a@example.org", false, Origin.IMPORT);
        return new FamilyDigests(List.of(link), List.of(person), List.of(email),
                groups.stream().map(g -> new GroupMembership(g, "s1")).toList());
    }

    private static String digest(FamilyDigests f) {
        Map<String, String> d = f.of(List.of("s1"));
        return d.get("s1");
    }

    @Test
    void namesThatConcatenateAlikeHaveDifferentEncodingsAndDigests() {
        // "Ann" + "eSmith" and "Anne" + "Smith" are the same string run together
        FamilyDigests one = family("Ann", "eSmith", "Mother", List.of("g1"));
        FamilyDigests two = family("Anne", "Smith", "Mother", List.of("g1"));
        assertThat(one.encoding("s1")).isNotEqualTo(two.encoding("s1"));
        assertThat(digest(one)).isNotEqualTo(digest(two));
    }

    @Test
    void groupListsThatConcatenateAlikeDiffer() {
        assertThat(digest(family("A", "B", "Mother", List.of("g1", "g2"))))
                .isNotEqualTo(digest(family("A", "B", "Mother", List.of("g1g2"))));
    }

    @Test
    void anUnknownRelationshipIsNotAnEmptyOne() {
        assertThat(digest(family("A", "B", null, List.of()))).isNotEqualTo(digest(family("A", "B", "", List.of())));
    }

    @Test
    void theDigestIsTheHexSha256OfTheEncodingAndDoesNotDependOnRowOrder() throws Exception {
        FamilyDigests f = family("A", "B", "Mother", List.of("g2", "g1"));
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(f.encoding("s1"));
        assertThat(digest(f)).isEqualTo(java.util.HexFormat.of().formatHex(sha)).hasSize(64);
        assertThat(digest(f)).isEqualTo(digest(family("A", "B", "Mother", List.of("g1", "g2"))));
    }

    @Test
    void rowsPeopleMadeAreNotInTheDigest() {
        FamilyDigests plain = family("A", "B", "Mother", List.of());
        Link byHand = new Link("s1", "c9", 2, false, null, ParentalResponsibility.UNKNOWN, Origin.MANUAL);
        Link imported = new Link("s1", "c1", 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT);
        FamilyDigests withHandMade = new FamilyDigests(List.of(imported, byHand),
                List.of(new LinkedPerson("c1", "A", "B", Origin.IMPORT)),
                List.of(new ContactDetail("c1", DetailKind.EMAIL, "a@example.org", false, Origin.IMPORT)), List.of());
        assertThat(digest(withHandMade)).isEqualTo(digest(plain));
    }
}
