package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.lifecycle.ArchivedGroup;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Erasure;
import org.misbridge.api.lifecycle.LeaverRecords;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.Wallets;

/**
 * Wallets, bookings, erasures and archived groups in the directory's database, each change in one
 * transaction of the school together with its audit record.
 */
public final class JdbcLifecycle implements Wallets, LeaverRecords {

    private final SchoolTransactions transactions;
    private final Clock clock;

    JdbcLifecycle(SchoolTransactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JdbcLifecycle(SchoolTransactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Wallet recordBalance(String schoolId, String personId, long balance) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(personId, "personId");
        return transactions.write(school, "recording a wallet balance",
                c -> JdbcWallets.recordBalance(c, school, personId, balance, clock.instant()));
    }

    @Override
    public List<Wallet> wallets(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the wallets", c -> JdbcWallets.all(c, school));
    }

    @Override
    public Optional<Wallet> wallet(String schoolId, String walletId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading a wallet", c -> JdbcWallets.find(c, school, walletId));
    }

    @Override
    public Wallet close(String schoolId, String walletId, String actor) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "closing a wallet", c -> {
            Instant now = clock.instant();
            Wallet closed = JdbcWallets.close(c, school, walletId, actor, now);
            JdbcAudit.append(c, school, new AuditRecord(now, actor, "close-wallet",
                    walletId + " owed " + closed.balance(), 1));
            return closed;
        });
    }

    @Override
    public Wallet settle(String schoolId, String walletId, LocalDate refundDate, String actor) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(refundDate, "refundDate");
        return transactions.write(school, "settling a wallet", c -> {
            Instant now = clock.instant();
            Wallet settled = JdbcWallets.settle(c, school, walletId, refundDate, actor, now);
            JdbcAudit.append(c, school, new AuditRecord(now, actor, "settle-wallet",
                    walletId + " refunded " + settled.refunded() + " on " + refundDate, 1));
            return settled;
        });
    }

    @Override
    public Booking recordBooking(String schoolId, String memberId, LocalDate date, String description, long amount) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "recording a booking",
                c -> JdbcWallets.recordBooking(c, school, memberId, date, description, amount, clock.instant()));
    }

    @Override
    public List<Booking> bookings(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the bookings", c -> JdbcWallets.bookings(c, school));
    }

    @Override
    public List<Erasure> erasures(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the erasures", c -> JdbcErasures.list(c, school));
    }

    @Override
    public int anonymise(String schoolId, Instant deletedBefore, String actor) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "anonymising deleted members", c -> {
            Instant now = clock.instant();
            List<String> done = JdbcErasures.anonymise(c, school, deletedBefore, now);
            if (!done.isEmpty()) {
                JdbcAudit.append(c, school, new AuditRecord(now, actor, "anonymise",
                        "members deleted by " + deletedBefore + ": " + String.join(",", done), done.size()));
            }
            return done.size();
        });
    }

    @Override
    public List<ArchivedGroup> groupsToArchive(String schoolId, Instant createdBefore) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the custom groups", c -> JdbcYearEnd.customGroupsBefore(c, school, createdBefore));
    }

    @Override
    public List<ArchivedGroup> archiveGroups(String schoolId, Instant createdBefore, String actor) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "archiving groups", c -> {
            Instant now = clock.instant();
            List<ArchivedGroup> archived = JdbcYearEnd.archive(c, school, createdBefore, actor, now);
            ChangedRows gone = new ChangedRows();
            archived.forEach(g -> gone.removedGroup(g.id(), g.memberIds()));
            ChangeLogWriter.record(c, school, gone, now);
            JdbcDigests.invalidate(c, school);
            JdbcAudit.append(c, school, new AuditRecord(now, actor, "archive-groups", "custom groups created before "
                    + createdBefore + ": " + String.join(",", archived.stream().map(ArchivedGroup::id).toList()),
                    archived.size()));
            return archived;
        });
    }

    @Override
    public List<ArchivedGroup> archivedGroups(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the archived groups", c -> JdbcYearEnd.archived(c, school));
    }

    @Override
    public void merge(String schoolId, String keepId, String duplicateId, ChangeSet rows, List<OutboxEntry> outbox,
            String actor) {
        String school = requireValidSchoolId(schoolId);
        transactions.write(school, "merging " + duplicateId + " into " + keepId, c -> {
            Instant now = clock.instant();
            RowWrites.applyRows(c, school, rows, now);
            JdbcDigests.invalidate(c, school);
            JdbcYearEnd.repoint(c, school, keepId, duplicateId);
            JdbcDeletion.done(c, school, List.of(duplicateId), List.of(duplicateId));
            JdbcOutbox.append(c, school, outbox, now);
            JdbcAudit.append(c, school, new AuditRecord(now, actor, "merge-students", duplicateId + " into " + keepId,
                    rows.created() + rows.updated() + rows.removed()));
            return null;
        });
    }
}
