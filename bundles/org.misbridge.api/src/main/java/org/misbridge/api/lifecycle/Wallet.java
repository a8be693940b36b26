package org.misbridge.api.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parent's payments wallet at a school. Amounts are in minor units (pence).
 *
 * @param id the school's wallet id, e.g. {@code w-3}
 * @param personId the linked adult who holds it
 * @param holderName the holder's name as it was when the wallet was opened ({@code XXXX} once anonymised)
 * @param balance what the school holds for the parent; on a closed wallet, what the school owes
 * @param refunded what was refunded when the wallet was settled
 */
public record Wallet(String id, String personId, String holderName, long balance, WalletStatus status,
        Instant openedAt, @Nullable Instant closedAt, @Nullable Instant settledAt, @Nullable LocalDate refundDate,
        long refunded) {

    public Wallet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
    }
}
