package org.misbridge.sync.plan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Origin;

/**
 * The digest of each member's family: the member's imported links, the imported linked people they
 * name with those people's imported details, the member's own imported details (staff) and its group
 * memberships. The member's own row is not in it (members are diffed whole). Two families have the same
 * digest only if they have the same rows: the digest is SHA-256 over a canonical encoding in which
 * every record has a tag, every string its length and every field its place, rows sorted by key.
 * A sync computes it the same way from the rows it wants and from the rows stored.
 */
public final class FamilyDigests {

    private final Map<String, List<Link>> links = new HashMap<>();
    private final Map<String, LinkedPerson> people = new HashMap<>();
    private final Map<String, List<ContactDetail>> details = new HashMap<>();
    private final Map<String, List<String>> groups = new HashMap<>();

    public FamilyDigests(Collection<Link> links, Collection<LinkedPerson> people, Collection<ContactDetail> details,
            Collection<GroupMembership> memberships) {
        for (Link l : links) {
            if (l.origin() == Origin.IMPORT) {
                this.links.computeIfAbsent(l.memberId(), k -> new ArrayList<>(2)).add(l);
            }
        }
        for (LinkedPerson p : people) {
            if (p.origin() == Origin.IMPORT) {
                this.people.put(p.id(), p);
            }
        }
        for (ContactDetail d : details) {
            if (d.origin() == Origin.IMPORT) {
                this.details.computeIfAbsent(d.ownerId(), k -> new ArrayList<>(2)).add(d);
            }
        }
        for (GroupMembership m : memberships) {
            groups.computeIfAbsent(m.memberId(), k -> new ArrayList<>(4)).add(m.groupId());
        }
    }

    /** Member id to the hex SHA-256 of its family, for each of {@code memberIds}. */
    public Map<String, String> of(Collection<String> memberIds) {
        MessageDigest sha = sha256();
        Encoder out = new Encoder();
        Map<String, String> digests = new HashMap<>(memberIds.size() * 2);
        for (String id : memberIds) {
            out.reset();
            encode(id, out);
            digests.put(id, HexFormat.of().formatHex(sha.digest(out.bytes())));
        }
        return digests;
    }

    /** The canonical encoding of one member's family (tested for being unambiguous). */
    byte[] encoding(String memberId) {
        Encoder out = new Encoder();
        encode(memberId, out);
        return out.bytes();
    }

    private void encode(String memberId, Encoder out) {
        List<Link> own = new ArrayList<>(links.getOrDefault(memberId, List.of()));
        own.sort(Comparator.comparing(Link::personId));
        for (Link l : own) {
            out.tag('L');
            out.text(l.personId());
            out.number(l.priority());
            out.flag(l.prime());
            out.text(l.relationship());
            out.text(l.parentalResponsibility().name());
            LinkedPerson p = people.get(l.personId());
            if (p == null) {
                out.tag('-'); // linked to no imported person
            } else {
                out.tag('P');
                out.text(p.givenName());
                out.text(p.familyName());
                details(l.personId(), out);
            }
        }
        out.tag('O');
        details(memberId, out);
        out.tag('G');
        List<String> in = new ArrayList<>(groups.getOrDefault(memberId, List.of()));
        in.sort(null);
        out.number(in.size());
        in.forEach(out::text);
    }

    private void details(String ownerId, Encoder out) {
        List<ContactDetail> owned = new ArrayList<>(details.getOrDefault(ownerId, List.of()));
        owned.sort(Comparator.comparing(ContactDetail::kind).thenComparing(ContactDetail::value));
        out.number(owned.size());
        for (ContactDetail d : owned) {
            out.text(d.kind().name());
            out.text(d.value());
            out.flag(d.blocked());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Length-prefixed fields: no two different field lists encode to the same bytes. */
    private static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        void reset() {
            bytes.reset();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        void tag(char tag) {
            write(() -> out.writeByte(tag));
        }

        void number(int n) {
            write(() -> out.writeInt(n));
        }

        void flag(boolean b) {
            write(() -> out.writeBoolean(b));
        }

        /** A string as its UTF-8 length and bytes; null as length -1. */
        void text(@Nullable String s) {
            write(() -> {
                if (s == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            });
        }

        private void write(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array never fails
            }
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }
}
