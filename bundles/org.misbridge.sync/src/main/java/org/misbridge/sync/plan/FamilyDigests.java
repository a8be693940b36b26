package org.misbridge.sync.plan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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

    private static final HexFormat HEX = HexFormat.of();
    /** Below so many members one thread digests them all: the split costs more than it saves. */
    private static final int SPLIT_FROM = 2_000;
    private static final Comparator<Link> BY_PERSON = Comparator.comparing(Link::personId);
    private static final Comparator<ContactDetail> BY_KIND_AND_VALUE = Comparator.comparing(ContactDetail::kind)
            .thenComparing(ContactDetail::value);

    private final Map<String, List<Link>> links;
    private final Map<String, LinkedPerson> people;
    private final Map<String, List<ContactDetail>> details;
    private final Map<String, List<String>> groups;

    public FamilyDigests(Collection<Link> links, Collection<LinkedPerson> people, Collection<ContactDetail> details,
            Collection<GroupMembership> memberships) {
        this(linksByMember(links), peopleById(people), detailsByOwner(details), groupsByMember(memberships));
    }

    /**
     * As the plain constructor, with the links and memberships grouped on {@code beside} meanwhile:
     * for a plan that waits on the digests. Work the common pool has not begun by the time this thread
     * needs it is done on this thread, so a pool busy with other schools' plans costs little more than
     * no pool.
     */
    public FamilyDigests(Collection<Link> links, Collection<LinkedPerson> people, Collection<ContactDetail> details,
            Collection<GroupMembership> memberships, ForkJoinPool beside) {
        this(Split.of(links, people, details, memberships, beside));
    }

    private FamilyDigests(Split maps) {
        this(maps.links(), maps.people(), maps.details(), maps.groups());
    }

    private FamilyDigests(Map<String, List<Link>> links, Map<String, LinkedPerson> people,
            Map<String, List<ContactDetail>> details, Map<String, List<String>> groups) {
        this.links = links;
        this.people = people;
        this.details = details;
        this.groups = groups;
    }

    /** The four maps, two of them made on another thread (or two). */
    private record Split(Map<String, List<Link>> links, Map<String, LinkedPerson> people,
            Map<String, List<ContactDetail>> details, Map<String, List<String>> groups) {

        static Split of(Collection<Link> links, Collection<LinkedPerson> people, Collection<ContactDetail> details,
                Collection<GroupMembership> memberships, ForkJoinPool beside) {
            // about half the rows each way: a school has about as many details as memberships
            ForkJoinTask<Map<String, List<Link>>> linked = beside.submit(() -> linksByMember(links));
            ForkJoinTask<Map<String, List<String>>> in = beside.submit(() -> groupsByMember(memberships));
            Map<String, List<ContactDetail>> owned = detailsByOwner(details);
            Map<String, LinkedPerson> byId = peopleById(people);
            Map<String, List<String>> groups = in.join(); // the last submitted first: if not begun, it is run here
            return new Split(linked.join(), byId, owned, groups);
        }
    }

    // each map sized for the worst case (one key a row): a whole school's maps then never grow

    private static Map<String, List<Link>> linksByMember(Collection<Link> links) {
        Map<String, List<Link>> byMember = new HashMap<>(MapSizes.forEntries(links.size()));
        for (Link l : links) {
            if (l.origin() == Origin.IMPORT) {
                byMember.computeIfAbsent(l.memberId(), k -> new ArrayList<>(2)).add(l);
            }
        }
        return byMember;
    }

    private static Map<String, LinkedPerson> peopleById(Collection<LinkedPerson> people) {
        Map<String, LinkedPerson> byId = new HashMap<>(MapSizes.forEntries(people.size()));
        for (LinkedPerson p : people) {
            if (p.origin() == Origin.IMPORT) {
                byId.put(p.id(), p);
            }
        }
        return byId;
    }

    private static Map<String, List<ContactDetail>> detailsByOwner(Collection<ContactDetail> details) {
        Map<String, List<ContactDetail>> byOwner = new HashMap<>(MapSizes.forEntries(details.size()));
        for (ContactDetail d : details) {
            if (d.origin() == Origin.IMPORT) {
                byOwner.computeIfAbsent(d.ownerId(), k -> new ArrayList<>(2)).add(d);
            }
        }
        return byOwner;
    }

    private static Map<String, List<String>> groupsByMember(Collection<GroupMembership> memberships) {
        Map<String, List<String>> byMember = new HashMap<>(MapSizes.forEntries(memberships.size()));
        for (GroupMembership m : memberships) {
            byMember.computeIfAbsent(m.memberId(), k -> new ArrayList<>(4)).add(m.groupId());
        }
        return byMember;
    }

    /** Member id to the hex SHA-256 of its family, for each of {@code memberIds}. */
    public Map<String, String> of(Collection<String> memberIds) {
        Map<String, String> digests = new HashMap<>(MapSizes.forEntries(memberIds.size()));
        digest(memberIds, digests);
        return digests;
    }

    /**
     * As {@link #of(Collection)}, with half of a large school's members digested on {@code beside}
     * meanwhile: for a plan that waits on the digests (the maps are only read once built). If the common
     * pool has not begun that half by the time this thread needs it, this thread does it.
     */
    public Map<String, String> of(Collection<String> memberIds, ForkJoinPool beside) {
        if (memberIds.size() < SPLIT_FROM) {
            return of(memberIds);
        }
        List<String> ids = List.copyOf(memberIds);
        List<String> first = ids.subList(0, ids.size() / 2);
        ForkJoinTask<Map<String, String>> other = beside.submit(() -> of(first));
        Map<String, String> digests = new HashMap<>(MapSizes.forEntries(ids.size()));
        digest(ids.subList(ids.size() / 2, ids.size()), digests);
        digests.putAll(other.join());
        return digests;
    }

    private void digest(Collection<String> memberIds, Map<String, String> into) {
        MessageDigest sha = sha256();
        FieldEncoder out = new FieldEncoder();
        for (String id : memberIds) {
            out.reset();
            encode(id, out);
            out.digestInto(sha);
            into.put(id, HEX.formatHex(sha.digest()));
        }
    }

    /** The canonical encoding of one member's family (tested for being unambiguous). */
    byte[] encoding(String memberId) {
        FieldEncoder out = new FieldEncoder();
        encode(memberId, out);
        return out.bytes();
    }

    private void encode(String memberId, FieldEncoder out) {
        for (Link l : sorted(links.get(memberId), BY_PERSON)) {
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
        List<String> in = sorted(groups.get(memberId), Comparator.naturalOrder());
        out.number(in.size());
        in.forEach(out::text);
    }

    private void details(String ownerId, FieldEncoder out) {
        List<ContactDetail> owned = sorted(details.get(ownerId), BY_KIND_AND_VALUE);
        out.number(owned.size());
        for (ContactDetail d : owned) {
            out.text(d.kind().name());
            out.text(d.value());
            out.flag(d.blocked());
        }
    }

    /** The rows in the order the encoding takes them; most families have one row of a kind or none, which need no copy. */
    private static <T> List<T> sorted(@Nullable List<T> rows, Comparator<? super T> order) {
        if (rows == null) {
            return List.of();
        }
        if (rows.size() < 2) {
            return rows;
        }
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
