package org.misbridge.api.directory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something the import could not take as it was, for the school to fix in its MIS: which member
 * and contact, which field, and why.
 */
public record DataIssue(
        String kind,
        @Nullable String memberId,
        @Nullable String personId,
        @Nullable String field,
        String reason) implements Keyed {

    public DataIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The issue a blocked detail raises, worded the same wherever it is raised: which student the
     * contact is linked to (the operator finds the contact through the student's linked people), the
     * contact, the field, and what to do about each cause.
     *
     * @param memberId the student the owner is linked to (the lowest id), or the staff member who owns it
     * @param causes the feedback that reached its limit; empty when no longer known
     */
    public static DataIssue blockedDetail(@Nullable String memberId, String ownerId, DetailKind kind, String value,
            Set<DeliveryFeedback> causes) {
        String field = kind == DetailKind.EMAIL ? "email" : "mobile";
        StringBuilder reason = new StringBuilder("'").append(value).append("' is blocked");
        List<DeliveryFeedback> ordered = causes.stream().sorted().toList();
        if (ordered.isEmpty()) {
            reason.append(" after delivery failures");
        }
        for (int i = 0; i < ordered.size(); i++) {
            reason.append(i == 0 ? ": " : "; and ").append(advice(ordered.get(i)));
        }
        reason.append(". school:reenable unblocks it once that is done");
        return new DataIssue("blocked-detail", memberId, ownerId, field, reason.toString());
    }

    /** What each cause means and what the school does about it (Schoolcomms, "Managing your data"). */
    private static String advice(DeliveryFeedback cause) {
        return switch (cause) {
            case PERMANENT_BOUNCE -> "at least " + cause.blocksAfter() + " emails to it bounced permanently;"
                    + " check with the contact that the address is still in use and that the school's sending address"
                    + " is in their safe senders";
            case SPAM_COMPLAINT -> "the contact marked the school's email as spam;"
                    + " check with them that they want the school's emails";
            case FAILED_TEXT -> "at least " + cause.blocksAfter() + " texts to it failed, most often because the number is"
                    + " wrong; correct it in the MIS and sync, or check with the contact that it is right";
        };
    }

    /**
     * The issue a blocked detail raised before issues named the student and the cause.
     *
     * @deprecated names no student and no cause; use {@link #blockedDetail(String, String, DetailKind, String, java.util.Set)}
     */
    @Deprecated
    public static DataIssue blockedDetail(String ownerId, DetailKind kind, String value) {
        return blockedDetail(null, ownerId, kind, value, Set.of());
    }

    @Override
    public String key() {
        return kind + '\u0000' + memberId + '\u0000' + personId + '\u0000' + field + '\u0000' + reason;
    }
}
