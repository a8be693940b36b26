package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;
import org.misbridge.api.model.EnrolmentState;

/**
 * Wallets, their history, and bookings, on a connection whose transaction the caller owns. The
 * rules live here, next to the rows: a closed wallet never reopens, and a wallet closes only when
 * its holder has no child staying.
 */
final class JdbcWallets {

    private static final String COLUMNS = "id, person_id, holder_name, balance, status, opened_at, closed_at,"
            + " settled_at, refund_date, refunded";

    private JdbcWallets() {
    }

    static Wallet recordBalance(Connection c, String school, String personId, long balance, Instant now)
            throws SQLException {
        Optional<Wallet> latest = latestOf(c, school, personId);
        if (latest.isPresent() && latest.get().status() != WalletStatus.OPEN) {
            throw new IllegalStateException("wallet " + latest.get().id() + " of " + personId + " is "
                    + latest.get().status().name().toLowerCase() + ": a closed wallet never reopens, so no balance"
                    + " is recorded");
        }
        String holder = latest.isPresent() ? latest.get().holderName() : holderName(c, school, personId);
        String id;
        if (latest.isPresent()) {
            id = latest.get().id();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dir_wallet SET balance = ? WHERE school_id = ? AND id = ?")) {
                ps.setLong(1, balance);
                ps.setString(2, school);
                ps.setString(3, id);
                ps.executeUpdate();
            }
        } else {
            long seq = DirectoryTables.nextNumber(c, "dir_wallet", "seq", school, 1);
            id = "w-" + seq;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_wallet (school_id, id, seq, person_id,"
                    + " holder_name, balance, status, opened_at, refunded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                ps.setString(1, school);
                ps.setString(2, id);
                ps.setLong(3, seq);
                ps.setString(4, personId);
                ps.setString(5, JdbcAudit.clip(holder, 512));
                ps.setLong(6, balance);
                ps.setString(7, WalletStatus.OPEN.name());
                ps.setObject(8, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
        event(c, school, id, "BALANCE", balance, "payments", now);
        return find(c, school, id).orElseThrow();
    }

    static Wallet close(Connection c, String school, String walletId, String actor, Instant now) throws SQLException {
        Wallet w = require(c, school, walletId);
        if (w.status() != WalletStatus.OPEN) {
            throw new IllegalStateException("wallet " + walletId + " is " + w.status().name().toLowerCase()
                    + " already; a closed wallet never reopens");
        }
        List<String> staying = stayingChildren(c, school, w.personId());
        if (!staying.isEmpty()) {
            throw new IllegalStateException("wallet " + walletId + " stays open: its holder " + w.personId()
                    + " has children staying (" + String.join(", ", staying) + ")");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_wallet SET status = ?, closed_at = ? WHERE school_id = ? AND id = ?")) {
            ps.setString(1, WalletStatus.CLOSED.name());
            ps.setObject(2, now.atOffset(ZoneOffset.UTC));
            ps.setString(3, school);
            ps.setString(4, walletId);
            ps.executeUpdate();
        }
        event(c, school, walletId, "CLOSED", w.balance(), actor, now);
        return find(c, school, walletId).orElseThrow();
    }

    static Wallet settle(Connection c, String school, String walletId, LocalDate refundDate, String actor, Instant now)
            throws SQLException {
        Wallet w = require(c, school, walletId);
        if (w.status() != WalletStatus.CLOSED) {
            throw new IllegalStateException("wallet " + walletId + " is " + w.status().name().toLowerCase()
                    + (w.status() == WalletStatus.OPEN ? ": close it first (school:close-wallet)" : " already"));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dir_wallet SET status = ?, settled_at = ?, refund_date = ?,"
                + " refunded = balance, balance = 0 WHERE school_id = ? AND id = ?")) {
            ps.setString(1, WalletStatus.SETTLED.name());
            ps.setObject(2, now.atOffset(ZoneOffset.UTC));
            ps.setObject(3, refundDate);
            ps.setString(4, school);
            ps.setString(5, walletId);
            ps.executeUpdate();
        }
        event(c, school, walletId, "SETTLED", -w.balance(), actor, now);
        return find(c, school, walletId).orElseThrow();
    }

    /** The members linked to the person who are staying: {@link EnrolmentState#staying()} decides, not SQL. */
    static List<String> stayingChildren(Connection c, String school, String personId) throws SQLException {
        List<String> staying = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.member_id, m.state FROM dir_link l JOIN dir_member m"
                + " ON m.school_id = l.school_id AND m.id = l.member_id"
                + " WHERE l.school_id = ? AND l.person_id = ? ORDER BY l.member_id")) {
            ps.setString(1, school);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (EnrolmentState.valueOf(rs.getString(2)).staying()) {
                        staying.add(rs.getString(1));
                    }
                }
            }
        }
        return staying;
    }

    static List<Wallet> all(Connection c, String school) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM dir_wallet WHERE school_id = ? ORDER BY seq", school);
    }

    static Optional<Wallet> find(Connection c, String school, String walletId) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM dir_wallet WHERE school_id = ? AND id = ?", school, walletId)
                .stream().findFirst();
    }

    private static Wallet require(Connection c, String school, String walletId) throws SQLException {
        return find(c, school, walletId).orElseThrow(() -> new IllegalArgumentException(
                "no wallet '" + walletId + "' in school " + school + " (see school:wallets)"));
    }

    private static Optional<Wallet> latestOf(Connection c, String school, String personId) throws SQLException {
        List<Wallet> held = select(c, "SELECT " + COLUMNS + " FROM dir_wallet WHERE school_id = ? AND person_id = ?"
                + " ORDER BY seq DESC", school, personId);
        return held.stream().findFirst();
    }

    private static String holderName(Connection c, String school, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT given_name, family_name FROM dir_person WHERE school_id = ? AND id = ?")) {
            ps.setString(1, school);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no linked adult '" + personId + "' in school " + school
                            + ": a wallet belongs to a parent or carer in the directory");
                }
                return (rs.getString(1) + " " + rs.getString(2)).strip();
            }
        }
    }

    private static List<Wallet> select(Connection c, String sql, String... params) throws SQLException {
        List<Wallet> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Wallet(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            WalletStatus.valueOf(rs.getString(5)), instant(rs.getObject(6, OffsetDateTime.class)),
                            instantOrNull(rs.getObject(7, OffsetDateTime.class)),
                            instantOrNull(rs.getObject(8, OffsetDateTime.class)), rs.getObject(9, LocalDate.class),
                            rs.getLong(10)));
                }
            }
        }
        return out;
    }

    private static void event(Connection c, String school, String walletId, String kind, long amount, String actor,
            Instant now) throws SQLException {
        long seq = DirectoryTables.nextNumber(c, "dir_wallet_event", "seq", school, 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_wallet_event (school_id, seq, wallet_id, at,"
                + " kind, amount, actor) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setLong(2, seq);
            ps.setString(3, walletId);
            ps.setObject(4, now.atOffset(ZoneOffset.UTC));
            ps.setString(5, kind);
            ps.setLong(6, amount);
            ps.setString(7, JdbcAudit.clip(actor, 128));
            ps.executeUpdate();
        }
    }

    static Booking recordBooking(Connection c, String school, String memberId, LocalDate date, String description,
            long amount, Instant now) throws SQLException {
        if (!memberExists(c, school, memberId)) {
            throw new IllegalArgumentException("no member '" + memberId + "' in school " + school);
        }
        long seq = DirectoryTables.nextNumber(c, "dir_booking", "seq", school, 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_booking (school_id, seq, member_id, booking_date,"
                + " description, amount, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setLong(2, seq);
            ps.setString(3, memberId);
            ps.setObject(4, date);
            ps.setString(5, JdbcAudit.clip(description, 512));
            ps.setLong(6, amount);
            ps.setObject(7, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return new Booking(seq, memberId, date, description, amount);
    }

    static boolean memberExists(Connection c, String school, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dir_member WHERE school_id = ? AND id = ?")) {
            ps.setString(1, school);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<Booking> bookings(Connection c, String school) throws SQLException {
        List<Booking> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, member_id, booking_date, description, amount"
                + " FROM dir_booking WHERE school_id = ? ORDER BY booking_date, seq")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Booking(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    private static Instant instant(OffsetDateTime t) {
        return t.toInstant();
    }

    private static Instant instantOrNull(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
