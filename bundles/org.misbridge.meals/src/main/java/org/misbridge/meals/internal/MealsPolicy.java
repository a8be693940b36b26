package org.misbridge.meals.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.model.EnrolmentState;

/**
 * Which directory changes the meal manager hears about, and as what: students (and staff when
 * wanted) Open, pre-admissions flagged, deleted members Closed, and leavers Closed on their leave
 * date or, by choice, only once deleted.
 */
final class MealsPolicy {

    static final String TOPIC = "meals";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum CloseLeavers { ON_LEAVE_DATE, ON_DELETE }

    private final boolean includeStaff;
    private final CloseLeavers closeLeavers;

    MealsPolicy(boolean includeStaff, CloseLeavers closeLeavers) {
        this.includeStaff = includeStaff;
        this.closeLeavers = closeLeavers;
    }

    static CloseLeavers parseCloseLeavers(String value) {
        return switch (value == null ? "" : value.strip()) {
            case "onLeaveDate", "" -> CloseLeavers.ON_LEAVE_DATE;
            case "onDelete" -> CloseLeavers.ON_DELETE;
            default -> throw new IllegalArgumentException("meals.closeLeavers '" + value + "' is not known; expected onLeaveDate or onDelete");
        };
    }

    /** The first full export: everyone the meal manager should have now, Open. */
    List<OutboxEntry> initial(DirectoryState state) {
        List<OutboxEntry> out = new ArrayList<>();
        for (Member m : state.members()) {
            if (exported(m) && MealRecord.OPEN.equals(status(m))) {
                out.add(entry(record(m, MealRecord.OPEN)));
            }
        }
        return out;
    }

    List<OutboxEntry> entriesFor(DirectoryState before, ChangeSet changes) {
        Map<String, Member> previous = new HashMap<>();
        before.members().forEach(m -> previous.put(m.id(), m));
        List<OutboxEntry> out = new ArrayList<>();
        for (Member m : changes.members().created()) {
            if (exported(m) && MealRecord.OPEN.equals(status(m))) {
                out.add(entry(record(m, MealRecord.OPEN)));
            }
        }
        for (Member m : changes.members().updated()) {
            Member was = previous.get(m.id());
            if (!exported(m) || was == null) {
                continue;
            }
            String now = status(m);
            String then = status(was);
            boolean statusChanged = !now.equals(then);
            if (!statusChanged && MealRecord.CLOSED.equals(now)) {
                // a closed leaver's new name matters to no one, and a change without a status would
                // reach a meal manager that never had them (imported as a leaver) as a new Open pupil
                continue;
            }
            if (statusChanged || !sameFields(was, m)) {
                out.add(entry(record(m, statusChanged ? now : null)));
            }
        }
        for (Member m : changes.members().removed()) {
            if (exported(m) && MealRecord.OPEN.equals(status(m))) { // a closed leaver needs no second Closed
                out.add(entry(record(m, MealRecord.CLOSED)));
            }
        }
        return out;
    }

    private boolean exported(Member m) {
        return m.kind() == MemberKind.STUDENT || (includeStaff && m.kind() == MemberKind.STAFF);
    }

    /** Open or Closed as the policy sees the member now (deletion is handled by the caller). */
    private String status(Member m) {
        return m.state() == EnrolmentState.LEAVER && closeLeavers == CloseLeavers.ON_LEAVE_DATE
                ? MealRecord.CLOSED : MealRecord.OPEN;
    }

    private static boolean sameFields(Member a, Member b) {
        return a.givenName().equals(b.givenName()) && a.familyName().equals(b.familyName())
                && Objects.equals(a.yearGroup(), b.yearGroup()) && Objects.equals(a.registrationGroup(), b.registrationGroup())
                && (a.state() == EnrolmentState.PRE_ADMISSION) == (b.state() == EnrolmentState.PRE_ADMISSION)
                && Objects.equals(a.admissionDate(), b.admissionDate());
    }

    private static MealRecord record(Member m, @Nullable String status) {
        return new MealRecord(m.id(), m.kind() == MemberKind.STAFF ? "Staff" : "Student", m.givenName(), m.familyName(),
                m.yearGroup(), m.registrationGroup(), status, m.state() == EnrolmentState.PRE_ADMISSION,
                m.admissionDate() == null ? null : m.admissionDate().toString());
    }

    private static OutboxEntry entry(MealRecord r) {
        try {
            return new OutboxEntry(TOPIC, r.memberId(), JSON.writeValueAsString(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the meal record of " + r.memberId(), e);
        }
    }

    static MealRecord read(String payload) {
        try {
            return JSON.readValue(payload, MealRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox entry is not a meal record: " + e.getOriginalMessage(), e);
        }
    }
}
