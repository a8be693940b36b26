package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;

/**
 * A district client's users: a person in several of its schools (a parent with children in two, a
 * teacher in both) is one user, with each school's roles (each naming its org), the union of their
 * agents and {@code misbridge.contactOf} entries, and the first school's {@code primaryOrg} and contact
 * details (in the order of the client's {@code schools}). Two records are one person only when the MIS
 * gave them the same sourcedId and the same given and family name: MIS ids are unique within a MIS, not
 * between two schools' MIS, so an id alone could join two people and show one's roles under the
 * other's name; records that share an id but not a name stay apart, one per school.
 */
final class DistrictUsers {
    private DistrictUsers() {
    }

    /**
     * The users with each person in several schools merged once. A tombstone of a user the client still
     * reads in another school becomes that user's current record (their roles at the school they left
     * are gone), dated no earlier than the tombstone, since the person is not gone.
     *
     * @param users the schools' user records (for a delta, those it looks at), in the client's school order
     */
    static List<Map<String, Object>> merge(List<Map<String, Object>> users, List<SchoolView> mine) {
        List<Map<String, Object>> out = new ArrayList<>(users.size());
        Set<Object> done = new HashSet<>();
        for (Map<String, Object> user : users) {
            Object id = user.get("sourcedId");
            List<Map<String, Object>> live = new ArrayList<>(mine.size());
            for (SchoolView view : mine) {
                Map<String, Object> record = view.record("users", (String) id);
                if (record != null) {
                    live.add(record);
                }
            }
            boolean tombstone = !"active".equals(user.get("status"));
            if (live.size() < (tombstone ? 1 : 2) || !samePerson(live)) {
                out.add(user);
            } else if (done.add(id)) {
                Map<String, Object> merged = merged(live);
                if (tombstone) { // leaving a school is the user's latest change, so a delta from before it sends them
                    Instant left = Instant.parse((String) user.get("dateLastModified"));
                    if (left.isAfter(Instant.parse((String) merged.get("dateLastModified")))) {
                        merged.put("dateLastModified", left.toString());
                    }
                }
                out.add(merged);
            }
        }
        return out;
    }

    private static boolean samePerson(List<Map<String, Object>> records) {
        Map<String, Object> first = records.get(0);
        for (Map<String, Object> other : records) {
            if (!sameName(first.get("givenName"), other.get("givenName"))
                    || !sameName(first.get("familyName"), other.get("familyName"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(@Nullable Object a, @Nullable Object b) {
        return a != null && b != null && a.toString().strip().toLowerCase(Locale.ROOT)
                .equals(b.toString().strip().toLowerCase(Locale.ROOT));
    }

    /** One user from the same person's records, the first school's first. */
    private static Map<String, Object> merged(List<Map<String, Object>> records) {
        Map<String, Object> user = new LinkedHashMap<>(records.get(0));
        List<Object> roles = new ArrayList<>();
        Set<Object> agents = new LinkedHashSet<>();
        Set<Object> grades = new LinkedHashSet<>();
        List<Object> contactOf = new ArrayList<>();
        Instant modified = Instant.EPOCH;
        boolean enabled = false;
        for (Map<String, Object> record : records) {
            roles.addAll(list(record.get("roles")));
            agents.addAll(list(record.get("agents")));
            grades.addAll(list(record.get("grades")));
            if (record.get("metadata") instanceof Map<?, ?> metadata) {
                contactOf.addAll(list(metadata.get(RosterMapper.CONTACT_OF)));
            }
            Instant at = Instant.parse((String) record.get("dateLastModified"));
            modified = at.isAfter(modified) ? at : modified;
            enabled |= Boolean.TRUE.equals(record.get("enabledUser"));
            for (String field : RosterViews.CONTACT_FIELDS) {
                if (!user.containsKey(field) && record.get(field) != null) {
                    user.put(field, record.get(field));
                }
            }
        }
        user.put("dateLastModified", modified.toString());
        user.put("enabledUser", enabled);
        user.put("roles", roles);
        user.put("agents", new ArrayList<>(agents));
        if (!grades.isEmpty()) {
            user.put("grades", new ArrayList<>(grades));
        }
        if (!contactOf.isEmpty()) {
            user.put("metadata", Map.of(RosterMapper.CONTACT_OF, contactOf));
        }
        if (user.get("sourcedId").equals(user.get("username")) && user.get("email") != null) {
            user.put("username", user.get("email")); // as the mapper names a user: the email where there is one
        }
        return user;
    }

    private static List<?> list(@Nullable Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
