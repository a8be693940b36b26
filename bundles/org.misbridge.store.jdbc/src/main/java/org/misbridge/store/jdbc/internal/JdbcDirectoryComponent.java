package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.lifecycle.ArchivedGroup;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Erasure;
import org.misbridge.api.lifecycle.LeaverRecords;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.Wallets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory service, and the leaver lifecycle's records in the same database: migrates the
 * schema on activation, then delegates to {@link JdbcDirectory} and {@link JdbcLifecycle}.
 */
@Component(
        service = {Directory.class, Wallets.class, LeaverRecords.class},
        configurationPid = "org.misbridge.store.jdbc",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfiguration.class)
public final class JdbcDirectoryComponent implements Directory, Wallets, LeaverRecords {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectoryComponent.class);

    private final JdbcDirectory directory;
    private final JdbcLifecycle lifecycle;

    @Activate
    public JdbcDirectoryComponent(@Reference(name = "dataSource") DataSource dataSource, StoreConfiguration config) {
        LOG.debug("directory store activating on DataSource {}", config.dataSource_target());
        this.directory = new JdbcDirectory(dataSource);
        this.lifecycle = directory.lifecycle();
        int version = directory.migrate();
        LOG.info("directory store ready on {} (schema version {})", productName(dataSource), version);
    }

    private static String productName(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new DirectoryException("reading the database product name failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DirectoryState load(String schoolId) {
        return directory.load(schoolId);
    }

    @Override
    public void apply(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox) {
        directory.apply(schoolId, changes, run, outbox);
    }

    @Override
    public SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress) {
        return directory.applySync(schoolId, changes, run, outbox, clock, progress);
    }

    @Override
    public SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, DigestUpdate digests) {
        return directory.applySync(schoolId, changes, run, outbox, clock, progress, digests);
    }

    @Override
    public Optional<SyncBase> loadSyncBase(String schoolId) {
        return directory.loadSyncBase(schoolId);
    }

    @Override
    public DirectoryState loadScope(String schoolId, SyncBase base, Set<String> memberIds, Set<String> personIds) {
        return directory.loadScope(schoolId, base, memberIds, personIds);
    }

    @Override
    public boolean initialiseFeed(String schoolId, String topic,
            Function<DirectoryState, List<OutboxEntry>> initial) {
        return directory.initialiseFeed(schoolId, topic, initial);
    }

    @Override
    public List<PendingEntry> pending(String schoolId, String topic, int limit) {
        return directory.pending(schoolId, topic, limit);
    }

    @Override
    public int pendingCount(String schoolId, String topic) {
        return directory.pendingCount(schoolId, topic);
    }

    @Override
    public int acknowledge(String schoolId, String topic, long throughSeq) {
        return directory.acknowledge(schoolId, topic, throughSeq);
    }

    @Override
    public FeedState feedState(String schoolId, String topic) {
        return directory.feedState(schoolId, topic);
    }

    @Override
    public void recordFeedState(String schoolId, String topic, FeedState state) {
        directory.recordFeedState(schoolId, topic, state);
    }

    @Override
    public void edit(String schoolId, ChangeSet changes) {
        directory.edit(schoolId, changes);
    }

    @Override
    public Optional<SyncRun> lastGoodRun(String schoolId) {
        return directory.lastGoodRun(schoolId);
    }

    @Override
    public void recordRun(String schoolId, SyncRun run) {
        directory.recordRun(schoolId, run);
    }

    @Override
    public Optional<SyncRun> lastRun(String schoolId) {
        return directory.lastRun(schoolId);
    }

    @Override
    public <T> T withSchoolLock(String schoolId, Supplier<T> work) {
        return directory.withSchoolLock(schoolId, work);
    }

    @Override
    public SchoolCounts counts(String schoolId) {
        return directory.counts(schoolId);
    }

    @Override
    public List<DataIssue> dataIssues(String schoolId) {
        return directory.dataIssues(schoolId);
    }

    @Override
    public Set<OptOut> optOuts(String schoolId) {
        return directory.optOuts(schoolId);
    }

    @Override
    public boolean setOptOut(String schoolId, OptOut optOut, boolean optedOut) {
        return directory.setOptOut(schoolId, optOut, optedOut);
    }

    @Override
    public int recordDelivery(String schoolId, DetailKind kind, String value,
            DeliveryFeedback feedback) {
        return directory.recordDelivery(schoolId, kind, value, feedback);
    }

    @Override
    public int reenable(String schoolId, DetailKind kind, String value) {
        return directory.reenable(schoolId, kind, value);
    }

    @Override
    public List<DeliveryBlock> deliveryBlocks(String schoolId) {
        return directory.deliveryBlocks(schoolId);
    }

    @Override
    public void audit(String schoolId, AuditRecord record) {
        directory.audit(schoolId, record);
    }

    @Override
    public List<AuditRecord> auditTrail(String schoolId, int limit) {
        return directory.auditTrail(schoolId, limit);
    }

    @Override
    public int queueDeletion(String schoolId, List<String> memberIds, String actor, String action, String target) {
        return directory.queueDeletion(schoolId, memberIds, actor, action, target);
    }

    @Override
    public int queueDeletion(String schoolId, List<String> memberIds, String actor) {
        return directory.queueDeletion(schoolId, memberIds, actor);
    }

    @Override
    public List<String> deletionQueue(String schoolId) {
        return directory.deletionQueue(schoolId);
    }

    @Override
    public void applyDeletion(String schoolId, ChangeSet removal, List<OutboxEntry> outbox, List<String> dequeued) {
        directory.applyDeletion(schoolId, removal, outbox, dequeued);
    }

    @Override
    public Set<String> deletedMembers(String schoolId) {
        return directory.deletedMembers(schoolId);
    }

    // --- the leaver lifecycle's records

    @Override
    public Wallet recordBalance(String schoolId, String personId, long balance) {
        return lifecycle.recordBalance(schoolId, personId, balance);
    }

    @Override
    public List<Wallet> wallets(String schoolId) {
        return lifecycle.wallets(schoolId);
    }

    @Override
    public Optional<Wallet> wallet(String schoolId, String walletId) {
        return lifecycle.wallet(schoolId, walletId);
    }

    @Override
    public Wallet close(String schoolId, String walletId, String actor) {
        return lifecycle.close(schoolId, walletId, actor);
    }

    @Override
    public Wallet settle(String schoolId, String walletId, LocalDate refundDate, String actor) {
        return lifecycle.settle(schoolId, walletId, refundDate, actor);
    }

    @Override
    public Booking recordBooking(String schoolId, String memberId, LocalDate date, String description,
            long amount) {
        return lifecycle.recordBooking(schoolId, memberId, date, description, amount);
    }

    @Override
    public List<Booking> bookings(String schoolId) {
        return lifecycle.bookings(schoolId);
    }

    @Override
    public List<Erasure> erasures(String schoolId) {
        return lifecycle.erasures(schoolId);
    }

    @Override
    public int anonymise(String schoolId, Instant deletedBefore, String actor) {
        return lifecycle.anonymise(schoolId, deletedBefore, actor);
    }

    @Override
    public List<ArchivedGroup> groupsToArchive(String schoolId, Instant createdBefore) {
        return lifecycle.groupsToArchive(schoolId, createdBefore);
    }

    @Override
    public List<ArchivedGroup> archiveGroups(String schoolId, Instant createdBefore, String actor) {
        return lifecycle.archiveGroups(schoolId, createdBefore, actor);
    }

    @Override
    public List<ArchivedGroup> archivedGroups(String schoolId) {
        return lifecycle.archivedGroups(schoolId);
    }

    @Override
    public void merge(String schoolId, String keepId, String duplicateId, ChangeSet rows, List<OutboxEntry> outbox,
            String actor) {
        lifecycle.merge(schoolId, keepId, duplicateId, rows, outbox, actor);
    }
}
