package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;
import static org.misbridge.store.jdbc.internal.DirectoryTables.DETAILS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.GROUPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.ISSUE_READER;
import static org.misbridge.store.jdbc.internal.DirectoryTables.LINKS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERSHIPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.PEOPLE;
import static org.misbridge.store.jdbc.internal.DirectoryTables.SELECT_GOOD_RUN;
import static org.misbridge.store.jdbc.internal.DirectoryTables.SELECT_ISSUES;
import static org.misbridge.store.jdbc.internal.DirectoryTables.SELECT_RUN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.Outbox;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.store.jdbc.internal.DirectoryTables.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The school directory on plain JDBC: every statement is filtered by {@code school_id}, and a change
 * set is applied in one transaction with batched statements.
 */
public final class JdbcDirectory implements Directory {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectory.class);
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final SchoolTransactions transactions;
    private final JdbcLifecycle lifecycle;
    private final JdbcOutbox outbox;
    private final JdbcDeliveryFeedback preferences;
    private final JdbcAudit audit;
    private final JdbcDeletion deletions;
    private final JdbcSchoolLock schoolLock;
    private final JdbcChangeLog changeLog;
    /** How often a sync's write says how far it got. */
    private volatile Duration progressEvery = Duration.ofSeconds(2);

    public JdbcDirectory(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactions = new SchoolTransactions(dataSource);
        this.changeLog = new JdbcChangeLog(transactions);
        this.lifecycle = new JdbcLifecycle(transactions);
        this.outbox = new JdbcOutbox(transactions);
        this.preferences = new JdbcDeliveryFeedback(transactions, Clock.systemUTC());
        this.audit = new JdbcAudit(transactions);
        this.deletions = new JdbcDeletion(transactions);
        this.schoolLock = new JdbcSchoolLock(dataSource);
    }

    /** Tells a sync's progress listener how far its write got every {@code interval} (default 2 s). */
    public JdbcDirectory progressEvery(Duration interval) {
        this.progressEvery = interval;
        return this;
    }

    /** Wallets, bookings, erasures and archived groups, in the same database and under the same school locks. */
    public JdbcLifecycle lifecycle() {
        return lifecycle;
    }

    /** The school's outbox, in the same database and under the same school locks. */
    public Outbox outbox() {
        return outbox;
    }

    /** Opt-outs and blocked details, in the same database and under the same school locks. */
    public ContactPreferences preferences() {
        return preferences;
    }

    /** The audit trail, in the same database and under the same school locks. */
    public AuditTrail auditTrail() {
        return audit;
    }

    /** The deletion queue, in the same database and under the same school locks. */
    public DeletionQueue deletions() {
        return deletions;
    }

    /** Which rows changed and when, written with each change (V13). */
    public JdbcChangeLog changeLog() {
        return changeLog;
    }

    /** Applies every missing schema migration and returns the schema version. */
    public int migrate() {
        return new Migrations(dataSource).migrate();
    }

    @Override
    public DirectoryState load(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return readAll(school, "loading the directory", c -> load(c, school));
    }

    @Override
    public Optional<SyncBase> loadSyncBase(String schoolId) {
        return loadSyncBase(schoolId, true);
    }

    @Override
    public Optional<SyncBase> loadSyncBase(String schoolId, boolean complete) {
        String school = requireValidSchoolId(schoolId);
        return readAll(school, "loading the digests", c -> JdbcDigests.base(c, school, complete));
    }

    @Override
    public Optional<String> syncToken(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return readAll(school, "reading the sync token", c -> JdbcDigests.token(c, school));
    }

    @Override
    public DirectoryState loadScope(String schoolId, SyncBase base, Set<String> memberIds, Set<String> personIds) {
        String school = requireValidSchoolId(schoolId);
        return readAll(school, "loading the changed members", c -> JdbcDigests.scope(c, school, base, memberIds, personIds));
    }

    /** One read-only transaction, so the rows of all tables are from the same moment on PostgreSQL. */
    private <T> T readAll(String school, String what, SchoolTransactions.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DirectoryException(what + " of school " + school + " failed: " + e.getMessage(), e);
        }
    }

    private static DirectoryState load(Connection c, String school) throws SQLException {
        return new DirectoryState(school,
                query(c, MEMBERS.name(), MEMBERS.select(), school, MEMBERS.reader()),
                query(c, PEOPLE.name(), PEOPLE.select(), school, PEOPLE.reader()),
                query(c, LINKS.name(), LINKS.select(), school, LINKS.reader()),
                query(c, DETAILS.name(), DETAILS.select(), school, DETAILS.reader()),
                query(c, GROUPS.name(), GROUPS.select(), school, GROUPS.reader()),
                query(c, MEMBERSHIPS.name(), MEMBERSHIPS.select(), school, MEMBERSHIPS.reader()),
                query(c, "dir_data_issue", SELECT_ISSUES, school, ISSUE_READER));
    }


    @Override
    public void apply(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(run, "run");
        inTransaction(school, "apply", c -> {
            // DEBUG marks the open transaction; the host kill test (benchmarks) waits for this line
            LOG.debug("School {}: writing a sync's {} row changes, its run and {} outbox entries in one transaction",
                    school, changes.created() + changes.updated() + changes.removed(), outbox.size());
            RowWrites.applyRows(c, school, changes, run.finishedAt());
            if (!changes.isEmpty()) {
                JdbcDigests.invalidate(c, school);
            }
            RowWrites.replaceDataIssues(c, school, changes.dataIssues());
            insertRun(c, school, run);
            JdbcOutbox.append(c, school, outbox, run.finishedAt());
        });
    }

    @Override
    public SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit) {
        return applySync(schoolId, changes, run, outbox, clock, progress, audit, DigestUpdate.invalidate());
    }

    @Override
    public SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit, DigestUpdate digests) {
        Objects.requireNonNull(digests, "digests");
        return applySync(schoolId, changes, run, outbox, clock, progress, audit, () -> digests);
    }

    @Override
    public SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit, Supplier<DigestUpdate> digests) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(run, "run");
        long total = rowChanges(changes) + outbox.size();
        long runNo = withTransaction(school, "apply", c -> {
            LOG.debug("School {}: writing a sync's {} row changes, its run and {} outbox entries in one transaction",
                    school, changes.created() + changes.updated() + changes.removed(), outbox.size());
            WriteProgress written = new WriteProgress(total, progress, progressEvery.toNanos());
            Instant now = clock.instant();
            RowWrites.applyRows(c, school, changes, now, written);
            changeLog.purge(c, school, now);
            // asked for only now: a caller may have worked the digests out while the rows went in
            JdbcDigests.write(c, school, Objects.requireNonNull(digests.get(), "digests"), run.finishedAt());
            RowWrites.replaceDataIssues(c, school, changes.dataIssues());
            JdbcOutbox.append(c, school, outbox, run.finishedAt());
            written.written("the meal outbox", outbox.size());
            long no = insertRun(c, school, finished(run, clock));
            if (audit != null) {
                JdbcAudit.append(c, school, audit);
            }
            written.committing();
            return no;
        });
        // stamped once committed, so the run's times span the whole write; a crash before this keeps the
        // time the write ended, which is what the run row already holds
        SyncRun recorded = finished(run, clock);
        inTransaction(school, "finish run", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dir_sync_run SET finished_at = ? WHERE school_id = ? AND run_no = ?")) {
                ps.setObject(1, recorded.finishedAt().atOffset(ZoneOffset.UTC));
                ps.setString(2, school);
                ps.setLong(3, runNo);
                ps.executeUpdate();
            }
        });
        if (audit != null) {
            JdbcAudit.log(school, audit);
        }
        return recorded;
    }

    /** The run finished now by {@code clock} (never before the time it already had). */
    private static SyncRun finished(SyncRun run, Clock clock) {
        Instant now = clock.instant();
        return new SyncRun(run.startedAt(), now.isAfter(run.finishedAt()) ? now : run.finishedAt(), run.outcome(),
                run.created(), run.updated(), run.removed(), run.message(), run.host(), run.scheduledFor(), run.rows());
    }

    /** Every row a change set creates, updates or removes, memberships included. */
    private static long rowChanges(ChangeSet changes) {
        long rows = 0;
        for (Changes<?> kind : List.of(changes.members(), changes.people(), changes.links(), changes.details(),
                changes.groups(), changes.memberships())) {
            rows += kind.created().size() + kind.updated().size() + kind.removed().size();
        }
        return rows;
    }

    @Override
    public boolean initialiseFeed(String schoolId, String topic, Function<DirectoryState, List<OutboxEntry>> initial) {
        String school = requireValidSchoolId(schoolId);
        return withTransaction(school, "initialiseFeed", c -> {
            FeedState state = JdbcOutbox.state(c, school, topic);
            if (state.initialised()) {
                return false;
            }
            JdbcOutbox.append(c, school, initial.apply(load(c, school)), Instant.now());
            JdbcOutbox.writeState(c, school, topic, new FeedState(true, state.lastPushAt(), state.lastPushCount(),
                    state.lastErrorAt(), state.lastError()));
            return true;
        });
    }

    @Override
    public void edit(String schoolId, ChangeSet changes) {
        String school = requireValidSchoolId(schoolId);
        requireHandMade(changes);
        inTransaction(school, "edit", c -> {
            RowWrites.applyRows(c, school, changes, Instant.now());
            JdbcDigests.invalidate(c, school);
        });
    }

    /** Refuses a hand edit that touches a row from import. */
    private static void requireHandMade(ChangeSet changes) {
        Objects.requireNonNull(changes, "changes");
        for (Changes<?> kind : List.of(changes.members(), changes.people(), changes.links(), changes.details(),
                changes.groups())) {
            for (List<?> rows : List.of(kind.created(), kind.updated(), kind.removed())) {
                for (Object row : rows) {
                    if (originOf(row) == Origin.IMPORT) {
                        throw new IllegalArgumentException("a hand edit may not touch a row that came from the MIS: " + row);
                    }
                }
            }
        }
    }

    @Override
    public void edit(String schoolId, ChangeSet changes, AuditRecord audit) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(audit, "audit");
        requireHandMade(changes);
        inTransaction(school, "edit", c -> {
            RowWrites.applyRows(c, school, changes, audit.at());
            JdbcDigests.invalidate(c, school);
            JdbcAudit.append(c, school, audit);
        });
        JdbcAudit.log(school, audit);
    }

    private static Origin originOf(Object row) {
        if (row instanceof Member m) {
            return m.origin();
        } else if (row instanceof LinkedPerson p) {
            return p.origin();
        } else if (row instanceof Link l) {
            return l.origin();
        } else if (row instanceof ContactDetail d) {
            return d.origin();
        } else if (row instanceof DirectoryGroup g) {
            return g.origin();
        }
        throw new IllegalStateException("unknown row " + row);
    }

    @Override
    public void recordRun(String schoolId, SyncRun run) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(run, "run");
        inTransaction(school, "recordRun", c -> insertRun(c, school, run));
    }

    @Override
    public Optional<SyncRun> lastRun(String schoolId) {
        return lastRun(schoolId, SELECT_RUN);
    }

    @Override
    public Optional<SyncRun> lastGoodRun(String schoolId) {
        return lastRun(schoolId, SELECT_GOOD_RUN);
    }

    @Override
    public <T> T withSchoolLock(String schoolId, Supplier<T> work) {
        return schoolLock.holding(requireValidSchoolId(schoolId), work);
    }

    private Optional<SyncRun> lastRun(String schoolId, String sql) {
        String school = requireValidSchoolId(schoolId);
        try (Connection c = dataSource.getConnection()) {
            List<SyncRun> runs = query(c, "dir_sync_run", sql, school, rs -> new SyncRun(
                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                    SyncOutcome.valueOf(rs.getString(3)),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getInt(6),
                    rs.getString(7),
                    rs.getString(8),
                    Optional.ofNullable(rs.getObject(9, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                    rs.getObject(10) == null ? null
                            : new RowCounts(rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13))));
            return runs.stream().findFirst();
        } catch (SQLException e) {
            throw new DirectoryException("reading the last run of school " + school + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public SchoolCounts counts(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        String sql = "SELECT"
                + " (SELECT COUNT(*) FROM dir_member WHERE school_id = ? AND kind = ? AND state = ?),"
                + " (SELECT COUNT(*) FROM dir_member WHERE school_id = ? AND kind = ? AND state <> ?),"
                + " (SELECT COUNT(*) FROM dir_member WHERE school_id = ? AND state = ?),"
                + " (SELECT COUNT(*) FROM dir_member WHERE school_id = ? AND state = ?),"
                + " (SELECT COUNT(*) FROM dir_person WHERE school_id = ?),"
                + " (SELECT COUNT(DISTINCT person_id) FROM dir_link WHERE school_id = ? AND prime = TRUE),"
                + " (SELECT COUNT(*) FROM dir_group WHERE school_id = ?),"
                + " (SELECT COUNT(*) FROM dir_data_issue WHERE school_id = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, school);
            ps.setString(i++, MemberKind.STUDENT.name());
            ps.setString(i++, EnrolmentState.ON_ROLL.name());
            ps.setString(i++, school);
            ps.setString(i++, MemberKind.STAFF.name());
            ps.setString(i++, EnrolmentState.LEAVER.name());
            ps.setString(i++, school);
            ps.setString(i++, EnrolmentState.PRE_ADMISSION.name());
            ps.setString(i++, school);
            ps.setString(i++, EnrolmentState.LEAVER.name());
            ps.setString(i++, school);
            ps.setString(i++, school);
            ps.setString(i++, school);
            ps.setString(i, school);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SchoolCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
            }
        } catch (SQLException e) {
            throw new DirectoryException("counting the directory of school " + school + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DataIssue> dataIssues(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        try (Connection c = dataSource.getConnection()) {
            return List.copyOf(query(c, "dir_data_issue", SELECT_ISSUES, school, ISSUE_READER));
        } catch (SQLException e) {
            throw new DirectoryException("reading the data issues of school " + school + " failed: " + e.getMessage(), e);
        }
    }

    /** Work done inside one transaction; any exception rolls all of it back. */
    @FunctionalInterface
    private interface Step {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String school, String operation, Step step) {
        transactions.write(school, operation, c -> {
            step.run(c);
            return null;
        });
    }

    private <T> T withTransaction(String school, String operation, SchoolTransactions.Work<T> work) {
        return transactions.write(school, operation, work);
    }

    private static <T> List<T> query(Connection c, String table, String sql, String school, Reader<T> reader)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, school);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DirectoryException("select from " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Inserts the run and returns its number within the school. */
    private static long insertRun(Connection c, String school, SyncRun run) throws SQLException {
        long next = DirectoryTables.nextNumber(c, "dir_sync_run", "run_no", school, 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_sync_run (school_id, run_no, started_at,"
                + " finished_at, outcome, created, updated, removed, message, host, scheduled_for, rows_read,"
                + " rows_compared, rows_loaded, rows_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setLong(2, next);
            ps.setObject(3, run.startedAt().atOffset(ZoneOffset.UTC));
            ps.setObject(4, run.finishedAt().atOffset(ZoneOffset.UTC));
            ps.setString(5, run.outcome().name());
            ps.setInt(6, run.created());
            ps.setInt(7, run.updated());
            ps.setInt(8, run.removed());
            ps.setString(9, StoredText.fit(run.message(), StoredText.RUN_MESSAGE));
            ps.setString(10, run.host());
            ps.setObject(11, run.scheduledFor() == null ? null : run.scheduledFor().atOffset(ZoneOffset.UTC));
            RowCounts rows = run.rows();
            ps.setObject(12, rows == null ? null : rows.read());
            ps.setObject(13, rows == null ? null : rows.compared());
            ps.setObject(14, rows == null ? null : rows.loaded());
            ps.setObject(15, rows == null ? null : rows.written());
            ps.executeUpdate();
            return next;
        } catch (SQLException e) {
            throw new DirectoryException("insert on dir_sync_run failed: " + e.getMessage(), e);
        }
    }
}
