package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.Origin;
import org.slf4j.LoggerFactory;

/**
 * Migration V10 on every database: mobiles stored before the sync wrote them in one form are
 * rewritten to it. Each test stores rows as an older version wrote them, takes V10 out of the
 * version table and migrates again, as an upgrade from V9 does. Expected values are the rule worked
 * by hand: {@code 07} and nine digits for a UK mobile, separators gone for any other number.
 */
interface CanonicalMobilesContract {

    JdbcDirectory store();

    String school();

    String otherSchool();

    DataSource database();

    /** An upgrade from a directory at V9: V10 runs again over whatever the test stored. */
    default void upgradeFromV9() throws SQLException {
        try (Connection c = database().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + Migrations.VERSION_TABLE + " WHERE version = 10");
        }
        assertThat(store().migrate()).isEqualTo(Migrations.latest());
    }

    default void storeDetail(String school, String owner, String kind, String value, boolean blocked, String origin)
            throws SQLException {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dir_detail (school_id, owner_id, kind, detail_value, blocked, origin) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setString(2, owner);
            ps.setString(3, kind);
            ps.setString(4, value);
            ps.setBoolean(5, blocked);
            ps.setString(6, origin);
            ps.executeUpdate();
        }
    }

    default void storeFeedback(String school, String value, DeliveryFeedback feedback, int reports) throws SQLException {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dir_delivery_feedback (school_id, kind, detail_value, feedback, reports) VALUES (?, 'MOBILE', ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setString(2, value);
            ps.setString(3, feedback.name());
            ps.setInt(4, reports);
            ps.executeUpdate();
        }
    }

    @Test
    default void storedMobilesInOlderFormsBecomeTheCanonicalForm() throws SQLException {
        storeDetail(school(), "mum", "MOBILE", "+44 7700 900123", false, "IMPORT");
        storeDetail(school(), "gran", "MOBILE", "07700900789", false, "WEB");
        storeDetail(school(), "gran", "MOBILE", "+33 6 12 34 56 78", false, "WEB");
        storeDetail(school(), "uncle", "MOBILE", "0044 (0)7700-900.321", true, "MANUAL");
        storeDetail(school(), "mum", "EMAIL", " Ann@Example.org", false, "IMPORT"); // an email is no number
        storeDetail(otherSchool(), "mum", "MOBILE", "+447700900123", false, "IMPORT");

        upgradeFromV9();

        assertThat(store().load(school()).details()).containsExactlyInAnyOrder(
                new ContactDetail("mum", DetailKind.MOBILE, "07700900123", false, Origin.IMPORT),
                new ContactDetail("gran", DetailKind.MOBILE, "07700900789", false, Origin.WEB),
                new ContactDetail("gran", DetailKind.MOBILE, "+33612345678", false, Origin.WEB),
                new ContactDetail("uncle", DetailKind.MOBILE, "07700900321", true, Origin.MANUAL),
                new ContactDetail("mum", DetailKind.EMAIL, " Ann@Example.org", false, Origin.IMPORT));
        assertThat(store().load(otherSchool()).details()).containsExactly(
                new ContactDetail("mum", DetailKind.MOBILE, "07700900123", false, Origin.IMPORT));
    }

    @Test
    default void twoFormsOfOneOwnersNumberBecomeOneRowBlockedAndOwnedAsEitherWas() throws SQLException {
        // the import's row and a hand-typed one, blocked: one row, blocked, the school's (MANUAL)
        storeDetail(school(), "dad", "MOBILE", "0044 7700 900456", false, "IMPORT");
        storeDetail(school(), "dad", "MOBILE", "07700 900456", true, "MANUAL");
        storeDetail(school(), "dad", "MOBILE", "07700900456", false, "IMPORT");

        upgradeFromV9();

        assertThat(store().load(school()).details()).containsExactly(
                new ContactDetail("dad", DetailKind.MOBILE, "07700900456", true, Origin.MANUAL));
    }

    @Test
    default void aBlockRecordedForAnOlderFormBlocksTheCanonicalNumber() throws SQLException {
        storeDetail(school(), "mum", "MOBILE", "+44 7700 900123", true, "IMPORT");
        storeFeedback(school(), "+44 7700 900123", DeliveryFeedback.FAILED_TEXT, 3);
        // two forms, two reports and one: three failed texts to one number, the limit
        storeDetail(school(), "aunt", "MOBILE", "07700 900999", false, "IMPORT");
        storeFeedback(school(), "+44 7700 900999", DeliveryFeedback.FAILED_TEXT, 2);
        storeFeedback(school(), "07700900999", DeliveryFeedback.FAILED_TEXT, 1);
        // one report, still under the limit
        storeFeedback(school(), "+44 7700 900555", DeliveryFeedback.FAILED_TEXT, 1);
        try (Connection c = database().getConnection()) {
            JdbcDeliveryFeedback.appendDataIssue(c, school(), DataIssue.blockedDetail("s1", "mum", DetailKind.MOBILE,
                    "+44 7700 900123", Set.of(DeliveryFeedback.FAILED_TEXT)));
        }

        upgradeFromV9();

        assertThat(store().preferences().deliveryBlocks(school())).containsExactlyInAnyOrder(
                new DeliveryBlock(DetailKind.MOBILE, "07700900123", Set.of(DeliveryFeedback.FAILED_TEXT)),
                new DeliveryBlock(DetailKind.MOBILE, "07700900999", Set.of(DeliveryFeedback.FAILED_TEXT)));
        assertThat(store().load(school()).details()).extracting(ContactDetail::ownerId, ContactDetail::value, ContactDetail::blocked)
                .containsExactlyInAnyOrder(tuple("mum", "07700900123", true), tuple("aunt", "07700900999", true));
        assertThat(store().dataIssues(school())).containsExactly(DataIssue.blockedDetail("s1", "mum", DetailKind.MOBILE,
                "07700900123", Set.of(DeliveryFeedback.FAILED_TEXT)));

        // the number is now one: a fourth failed text counts on, and re-enabling it clears the issue
        store().preferences().recordDelivery(school(), DetailKind.MOBILE, "07700900555", DeliveryFeedback.FAILED_TEXT);
        store().preferences().recordDelivery(school(), DetailKind.MOBILE, "07700900555", DeliveryFeedback.FAILED_TEXT);
        assertThat(store().preferences().deliveryBlocks(school())).extracting(DeliveryBlock::value).contains("07700900555");
        assertThat(store().preferences().reenable(school(), DetailKind.MOBILE, "07700900123", "admin")).isEqualTo(1);
        assertThat(store().dataIssues(school())).isEmpty();
    }

    @Test
    default void migratingATableOfOlderFormsTakesOneTransactionAndLeavesEveryRowCanonical() throws SQLException {
        // -Dmisbridge.v10.rows=300000 is the measurement in BENCHMARKS.md; a build runs 3,000
        int rows = Integer.getInteger("misbridge.v10.rows", 3_000);
        try (Connection c = database().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_detail (school_id, owner_id, kind, detail_value,"
                    + " blocked, origin) VALUES (?, ?, 'MOBILE', ?, FALSE, 'IMPORT')")) {
                for (int i = 0; i < rows; i++) {
                    String digits = String.format("%06d", i % 1_000_000);
                    ps.setString(1, school());
                    ps.setString(2, "p" + i);
                    // a third each: +44 with spaces, national with a space, already canonical
                    ps.setString(3, switch (i % 3) {
                        case 0 -> "+44 7700 " + digits;
                        case 1 -> "07700 " + digits;
                        default -> "07700" + digits;
                    });
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        long start = System.nanoTime();
        upgradeFromV9();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LoggerFactory.getLogger(CanonicalMobilesContract.class).info("V10 over {} stored mobiles on {}: {} ms", rows,
                getClass().getSimpleName(), millis);

        List<ContactDetail> details = store().load(school()).details();
        assertThat(details).hasSize(rows);
        assertThat(details).allSatisfy(d -> assertThat(d.value()).matches("07700\\d{6}"));
        assertThat(details).filteredOn(d -> d.ownerId().equals("p0")).extracting(ContactDetail::value).containsExactly("07700000000");
    }
}
