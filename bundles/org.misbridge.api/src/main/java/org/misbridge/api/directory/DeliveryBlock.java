package org.misbridge.api.directory;

import java.util.Objects;
import java.util.Set;

/**
 * An email address or mobile number of a school that delivery feedback has blocked, and which
 * feedback reached its limit. Blocking belongs to the value: a detail with a blocked value is
 * imported blocked, for whichever contact and however often it comes and goes (an opt-out and an
 * opt-in, say), until {@code reenable} forgets the feedback.
 */
public record DeliveryBlock(DetailKind kind, String value, Set<DeliveryFeedback> causes) {

    public DeliveryBlock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        causes = Set.copyOf(causes);
    }
}
