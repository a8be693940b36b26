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

    /**
     * The encoding's bytes are pinned: the stored digests of every school depend on them. The expected
     * bytes are written here field by field with {@code DataOutputStream}, from the format the class
     * documents, for a family with two links (one to no imported person), unsorted details, non-ASCII
     * text, a null relationship and three groups.
     */
    @Test
    void theEncodingIsTheDocumentedFormatByteForByte() throws Exception {
        Link toAnne = new Link("s1", "c2", 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT);
        Link toNoOne = new Link("s1", "c1", 2, false, null, ParentalResponsibility.UNKNOWN, Origin.IMPORT);
        LinkedPerson anne = new LinkedPerson("c2", "Zoë", "王 O’Brien 😀", Origin.IMPORT);
        List<ContactDetail> details = List.of(
                new ContactDetail("c2", DetailKind.MOBILE, "07700900313", true, Origin.IMPORT),
                new ContactDetail("c2", DetailKind.EMAIL, "z@example.org", false, Origin.IMPORT),
                new ContactDetail("s1", DetailKind.EMAIL, "s@example.org", false, Origin.IMPORT));
        FamilyDigests f = new FamilyDigests(List.of(toAnne, toNoOne), List.of(anne), details,
                List.of(new GroupMembership("g2", "s1"), new GroupMembership("g10", "s1"), new GroupMembership("g1", "s1")));

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeByte('L'); // c1 sorts before c2
        text(out, "c1");
        out.writeInt(2);
        out.writeBoolean(false);
        out.writeInt(-1); // no relationship
        text(out, "UNKNOWN");
        out.writeByte('-');
        out.writeByte('L');
        text(out, "c2");
        out.writeInt(1);
        out.writeBoolean(true);
        text(out, "Mother");
        text(out, "YES");
        out.writeByte('P');
        text(out, "Zoë");
        text(out, "王 O’Brien 😀");
        out.writeInt(2); // EMAIL before MOBILE
        text(out, "EMAIL");
        text(out, "z@example.org");
        out.writeBoolean(false);
        text(out, "MOBILE");
        text(out, "07700900313");
        out.writeBoolean(true);
        out.writeByte('O');
        out.writeInt(1);
        text(out, "EMAIL");
        text(out, "s@example.org");
        out.writeBoolean(false);
        out.writeByte('G');
        out.writeInt(3);
        text(out, "g1");
        text(out, "g10");
        text(out, "g2");

        assertThat(f.encoding("s1")).isEqualTo(bytes.toByteArray());
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        assertThat(f.of(List.of("s1")).get("s1")).isEqualTo(java.util.HexFormat.of().formatHex(sha));
    }

    private static void text(java.io.DataOutputStream out, String s) throws java.io.IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
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

    /**
     * A large school's digests split between two threads are those one thread makes, member by member,
     * and each is the SHA-256 of that member's encoding (non-ASCII names included).
     */
    @Test
    void digestsSplitAcrossThreadsAreThoseOfOneThread() throws Exception {
        List<Link> links = new java.util.ArrayList<>();
        List<LinkedPerson> people = new java.util.ArrayList<>();
        List<ContactDetail> details = new java.util.ArrayList<>();
        List<GroupMembership> memberships = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5_001; i++) {
            String student = "s" + i;
            String contact = "c" + i;
            ids.add(student);
            links.add(new Link(student, contact, 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT));
            people.add(new LinkedPerson(contact, i % 7 == 0 ? "Zoë" : "Ann", "Smith " + i, Origin.IMPORT));
            details.add(new ContactDetail(contact, DetailKind.EMAIL, "p" + i + "@example.org", false, Origin.IMPORT));
            memberships.add(new GroupMembership("g" + (i % 30), student));
        }
        FamilyDigests f = new FamilyDigests(links, people, details, memberships);
        java.util.concurrent.ForkJoinPool beside = new java.util.concurrent.ForkJoinPool(1);
        try {
            FamilyDigests twoThreads = new FamilyDigests(links, people, details, memberships, beside);
            Map<String, String> split = twoThreads.of(ids, beside);
            assertThat(split).hasSize(ids.size()).isEqualTo(f.of(ids));
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String id : List.of("s0", "s1", "s2500", "s5000")) {
                assertThat(split.get(id)).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest(f.encoding(id))));
            }
        } finally {
            beside.shutdown();
        }
    }
}
