package org.misbridge.api;

import java.util.List;
import java.util.Set;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.OptOut;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Whom a school may contact, and at which details: opt-outs, and emails and mobiles blocked by
 * delivery feedback. The sync reads them; people and delivery reports change them.
 */
@ProviderType
public interface ContactPreferences {

    /** The school's opted-out students and contacts. */
    Set<OptOut> optOuts(String schoolId);

    /**
     * Opts a student or contact out ({@code optedOut} true) or back in; takes effect at the next sync.
     *
     * @return whether anything changed
     */
    boolean setOptOut(String schoolId, OptOut optOut, boolean optedOut);

    /**
     * Records delivery feedback about an email address or mobile number of the school; once the
     * feedback reaches its limit every matching detail is blocked (kept and flagged) and a data issue
     * is raised. Import never unblocks a detail; only {@link #reenable} does.
     *
     * @return the number of details now blocked for that value (0 while under the limit or unknown)
     */
    int recordDelivery(String schoolId, DetailKind kind, String value, DeliveryFeedback feedback);

    /**
     * The school's blocked values: each email or mobile whose delivery feedback reached its limit and
     * has not been re-enabled, with the feedback that blocked it. Import creates a detail with such a
     * value blocked, so an opt-out and an opt-in (or a contact removed and imported again) never
     * unblock it.
     */
    List<DeliveryBlock> deliveryBlocks(String schoolId);

    /**
     * Unblocks every detail with that value and forgets its feedback, as {@code actor}; when it
     * unblocked any, appends the record of it ({@code reenable}, the value, how many) to the school's
     * {@link AuditTrail} in the same transaction.
     *
     * @return how many details were unblocked
     */
    int reenable(String schoolId, DetailKind kind, String value, String actor);
}
