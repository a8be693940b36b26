package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.misbridge.api.directory.OptOut;

/** Who opted out of what (the {@code dir_opt_out} table), for {@link JdbcDeliveryFeedback}'s ContactPreferences service. */
final class JdbcOptOuts {

    private final SchoolTransactions transactions;

    JdbcOptOuts(SchoolTransactions transactions) {
        this.transactions = transactions;
    }

    /** The school's opt-outs. */
    Set<OptOut> optOuts(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the opt-outs", c -> {
            Set<OptOut> optOuts = new HashSet<>();
            try (PreparedStatement q = c.prepareStatement("SELECT kind, id FROM dir_opt_out WHERE school_id = ?")) {
                q.setString(1, school);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        optOuts.add(new OptOut(OptOut.Kind.valueOf(rs.getString(1)), rs.getString(2)));
                    }
                }
            }
            return Set.copyOf(optOuts);
        });
    }

    /** Opts out (or back in); whether that changed anything. */
    boolean set(String schoolId, OptOut optOut, boolean optedOut) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, optedOut ? "opt out" : "opt in", c -> {
            boolean wasOptedOut;
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dir_opt_out WHERE school_id = ? AND kind = ? AND id = ?")) {
                delete.setString(1, school);
                delete.setString(2, optOut.kind().name());
                delete.setString(3, optOut.id());
                wasOptedOut = delete.executeUpdate() > 0;
            }
            if (optedOut) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO dir_opt_out (school_id, kind, id, opted_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, school);
                    insert.setString(2, optOut.kind().name());
                    insert.setString(3, optOut.id());
                    insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            return optedOut != wasOptedOut; // changed unless it already was as asked
        });
    }
}
