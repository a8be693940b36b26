package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletion queue and the record of deleted members: the {@link DeletionQueue} service, and the
 * statements that other changes (a merge) run on a connection whose transaction they own.
 */
final class JdbcDeletion implements DeletionQueue {

    // the directory's logger: the host kill run turns it to DEBUG to see a deletion batch's transaction open
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeletion.class);

    private final SchoolTransactions transactions;

    JdbcDeletion(SchoolTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public int queueDeletion(String schoolId, List<String> memberIds, String actor) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "queueDeletion", c -> queue(c, school, memberIds, actor));
    }

    @Override
    public int queueDeletion(String schoolId, List<String> memberIds, String actor, String action, String target) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "queueDeletion", c -> {
            int queued = queue(c, school, memberIds, actor);
            JdbcAudit.append(c, school, new AuditRecord(Instant.now(), actor, action, target, queued));
            return queued;
        });
    }

    @Override
    public List<String> deletionQueue(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the deletion queue", c -> queued(c, school));
    }

    @Override
    public void applyDeletion(String schoolId, ChangeSet removal, List<OutboxEntry> outbox, List<String> dequeued) {
        String school = requireValidSchoolId(schoolId);
        transactions.write(school, "applyDeletion", c -> {
            LOG.debug("School {}: deleting {} queued member(s) and writing {} outbox entries in one transaction",
                    school, dequeued.size(), outbox.size());
            Instant now = Instant.now();
            RowWrites.applyRows(c, school, removal, now);
            JdbcDigests.invalidate(c, school);
            JdbcOutbox.append(c, school, outbox, now);
            done(c, school, dequeued, removal.members().removed().stream().map(Member::id).toList());
            JdbcErasures.record(c, school, removal, now);
            return null;
        });
    }

    @Override
    public Set<String> deletedMembers(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the deleted members", c -> deleted(c, school));
    }

    /** Queues the ids not queued yet; returns how many. */
    static int queue(Connection c, String school, List<String> memberIds, String actor) throws SQLException {
        Set<String> already = new HashSet<>(queued(c, school));
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_delete_queue (school_id, member_id, queued_at,"
                + " queued_by) VALUES (?, ?, ?, ?)")) {
            for (String id : new LinkedHashSet<>(memberIds)) {
                if (already.add(id)) {
                    ps.setString(1, school);
                    ps.setString(2, id);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setString(4, JdbcAudit.clip(actor, 128));
                    ps.addBatch();
                    added++;
                }
            }
            ps.executeBatch();
        }
        return added;
    }

    static List<String> queued(Connection c, String school) throws SQLException {
        return ids(c, "SELECT member_id FROM dir_delete_queue WHERE school_id = ? ORDER BY queued_at, member_id", school);
    }

    static Set<String> deleted(Connection c, String school) throws SQLException {
        return new HashSet<>(ids(c, "SELECT member_id FROM dir_deleted_member WHERE school_id = ?", school));
    }

    /** Takes {@code dequeued} off the queue and remembers {@code removed} as deleted. */
    static void done(Connection c, String school, List<String> dequeued, List<String> removed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_delete_queue WHERE school_id = ? AND member_id = ?")) {
            for (String id : dequeued) {
                ps.setString(1, school);
                ps.setString(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Set<String> known = deleted(c, school);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dir_deleted_member (school_id, member_id, deleted_at) VALUES (?, ?, ?)")) {
            for (String id : removed) {
                if (known.add(id)) {
                    ps.setString(1, school);
                    ps.setString(2, id);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The first column of a query on one school, as strings. */
    static List<String> ids(Connection c, String sql, String school) throws SQLException {
        return DirectoryTables.strings(c, sql, school);
    }
}
