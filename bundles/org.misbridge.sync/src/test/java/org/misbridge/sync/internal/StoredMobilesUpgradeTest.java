package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;

/**
 * A directory written before mobiles had one form, upgraded: the store's migration V10 rewrites
 * the stored numbers with the canonicaliser the sync imports with, so a block recorded for
 * {@code +44 7700 900123} still blocks the {@code 07700900123} the MIS now gives, and the first sync
 * after the upgrade, with nothing changed in the MIS, changes nothing.
 */
class StoredMobilesUpgradeTest {

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void aBlockOnAnOlderFormStillBlocksAndANoChangeSyncWritesNothing(RecordedSchool.Store store) throws SQLException {
        try (RecordedSchool school = new RecordedSchool(store)) {
            school.onRoll("s1");
            school.onRoll("s2");
            school.contact("mum", null, "+44 7700 900123");
            school.contact("dad", null, "07700 900456");
            school.link("s1", "mum", 1);
            school.link("s2", "dad", 1);
            assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);

            // as an older version stored them: the numbers as the MIS wrote them, three failed texts
            // recorded against mum's, which blocked it
            try (Connection c = school.dataSource.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE dir_detail SET detail_value = '+44 7700 900123', blocked = TRUE"
                        + " WHERE owner_id = 'mum' AND kind = 'MOBILE'");
                st.executeUpdate("UPDATE dir_detail SET detail_value = '0044 7700 900456'"
                        + " WHERE owner_id = 'dad' AND kind = 'MOBILE'");
                st.executeUpdate("INSERT INTO dir_delivery_feedback (school_id, kind, detail_value, feedback, reports)"
                        + " VALUES ('" + RecordedSchool.ID + "', 'MOBILE', '+44 7700 900123', 'FAILED_TEXT', 3)");
                st.executeUpdate("DELETE FROM misbridge_schema_version WHERE version = 10");
            }
            school.directory.migrate();

            // the MIS writes mum's number another way now; the same number all the same
            school.contacts.clear();
            school.contact("mum", null, "07700 900 123");
            school.contact("dad", null, "07700 900456");
            SyncRun run = school.sync();

            assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(run.created() + run.updated() + run.removed()).as("changes of a sync with nothing changed").isZero();
            assertThat(school.detailsOf("mum")).containsExactly(
                    new ContactDetail("mum", DetailKind.MOBILE, "07700900123", true, Origin.IMPORT));
            assertThat(school.detailsOf("dad")).containsExactly(
                    new ContactDetail("dad", DetailKind.MOBILE, "07700900456", false, Origin.IMPORT));
        }
    }
}
