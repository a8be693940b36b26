package org.misbridge.leavers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.json.SafeJson;

/**
 * Each member's data as JSON, written before they are deleted so the school keeps a copy: the
 * member, their links, the adults and their details, groups, bookings and the adults' wallets.
 */
public final class MemberExport {

    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    private MemberExport() {
    }

    /** Writes the export into {@code out} as JSON (Jackson escapes every value, line breaks included). */
    public static void write(OutputStream target, DirectoryState state, List<Member> members, List<Wallet> wallets,
            List<Booking> bookings) throws IOException {
        // each row's place in its list, by the id it is found by: an export of a year's leavers looks each
        // one's rows up, where a walk of every list for each would grow with the square of the school
        RowsByKey<Link> links = new RowsByKey<>(state.links(), Link::memberId);
        RowsByKey<LinkedPerson> people = new RowsByKey<>(state.people(), LinkedPerson::id);
        RowsByKey<ContactDetail> details = new RowsByKey<>(state.details(), ContactDetail::ownerId);
        RowsByKey<GroupMembership> memberships = new RowsByKey<>(state.memberships(), GroupMembership::memberId);
        RowsByKey<Booking> booked = new RowsByKey<>(bookings, Booking::memberId);
        RowsByKey<Wallet> held = new RowsByKey<>(wallets, Wallet::personId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Member m : members) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("id", m.id());
            member.put("kind", m.kind().name());
            member.put("givenName", m.givenName());
            member.put("familyName", m.familyName());
            member.put("yearGroup", m.yearGroup());
            member.put("registrationGroup", m.registrationGroup());
            member.put("state", m.state().name());
            member.put("admissionDate", Objects.toString(m.admissionDate(), null));
            member.put("leavingDate", Objects.toString(m.leavingDate(), null));
            member.put("origin", m.origin().name());
            row.put("member", member);
            List<Link> theirLinks = links.of(Set.of(m.id()));
            row.put("links", theirLinks);
            Set<String> adults = new HashSet<>();
            theirLinks.forEach(l -> adults.add(l.personId()));
            row.put("adults", people.of(adults));
            Set<String> owners = new HashSet<>(adults);
            owners.add(m.id());
            row.put("details", details.of(owners));
            row.put("groups", memberships.of(Set.of(m.id())).stream().map(g -> g.groupId()).toList());
            row.put("bookings", booked.of(Set.of(m.id())).stream().map(b -> Map.of(
                    "date", b.date().toString(), "description", b.description(), "amount", Money.format(b.amount())))
                    .toList());
            row.put("wallets", held.of(adults).stream().map(w -> Map.of(
                    "id", w.id(), "holder", w.personId(), "status", w.status().name(), "balance", Money.format(w.balance())))
                    .toList());
            out.add(row);
        }
        JSON.writeValue(target, out);
    }
}
