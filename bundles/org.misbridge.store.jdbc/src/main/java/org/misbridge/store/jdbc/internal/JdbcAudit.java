package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail table: the {@link AuditTrail} service, and the append that audited changes run in
 * their own transaction.
 */
final class JdbcAudit implements AuditTrail {

    private static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.audit");

    private final SchoolTransactions transactions;

    JdbcAudit(SchoolTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void audit(String schoolId, AuditRecord record) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(record, "record");
        transactions.write(school, "audit", c -> {
            append(c, school, record);
            return null;
        });
    }

    @Override
    public List<AuditRecord> auditTrail(String schoolId, int limit) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the audit trail", c -> newestFirst(c, school, limit));
    }

    /** The audit log line of a record once its transaction has committed. */
    static void log(String school, AuditRecord record) {
        AUDIT.info("user={} school={} action={} target={} count={}", record.actor(), school, record.action(),
                record.target(), record.affected());
    }

    static void append(Connection c, String school, AuditRecord record) throws SQLException {
        long next = DirectoryTables.nextNumber(c, "dir_audit", "seq", school, 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_audit (school_id, seq, at, actor, action, target,"
                + " affected) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setLong(2, next);
            ps.setObject(3, record.at().atOffset(ZoneOffset.UTC));
            ps.setString(4, clip(record.actor(), 128));
            ps.setString(5, clip(record.action(), 64));
            ps.setString(6, clip(record.target(), 512));
            ps.setInt(7, record.affected());
            ps.executeUpdate();
        }
    }

    static List<AuditRecord> newestFirst(Connection c, String school, int limit) throws SQLException {
        List<AuditRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, actor, action, target, affected FROM dir_audit"
                + " WHERE school_id = ? ORDER BY seq DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditRecord(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
