package org.misbridge.api.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Parents' wallets and members' bookings, as a payments system reports them. Every method takes the
 * school id and touches only that school's records; each change is one transaction.
 */
@ProviderType
public interface Wallets {

    /**
     * Records the balance of a linked adult's wallet, opening the wallet on the first record.
     *
     * @throws IllegalArgumentException if the adult is not in the school's directory
     * @throws IllegalStateException if the adult's wallet is closed: a closed wallet never reopens
     */
    Wallet recordBalance(String schoolId, String personId, long balance);

    /** The school's wallets, oldest first. */
    List<Wallet> wallets(String schoolId);

    Optional<Wallet> wallet(String schoolId, String walletId);

    /**
     * Closes an open wallet for good; its balance is then what the school owes. Audited as {@code actor}.
     *
     * @throws IllegalStateException if the wallet is not open
     */
    Wallet close(String schoolId, String walletId, String actor);

    /**
     * Marks a closed wallet settled: the balance owed was refunded on {@code refundDate} and is now zero.
     * Audited as {@code actor}.
     *
     * @throws IllegalStateException if the wallet is not closed
     */
    Wallet settle(String schoolId, String walletId, LocalDate refundDate, String actor);

    /**
     * Records a booking against a member of the directory.
     *
     * @throws IllegalArgumentException if the member is not in the school's directory
     */
    Booking recordBooking(String schoolId, String memberId, LocalDate date, String description, long amount);

    /** The school's bookings, by date. */
    List<Booking> bookings(String schoolId);
}
