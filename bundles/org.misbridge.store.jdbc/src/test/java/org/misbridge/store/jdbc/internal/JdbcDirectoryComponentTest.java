package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.testkit.Configs;

/** The DS component migrates on activation and serves the directory. */
final class JdbcDirectoryComponentTest {

    @Test
    void activationMigratesTheSchemaAndServesTheDirectory() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:component-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        JdbcDirectoryComponent component = new JdbcDirectoryComponent(ds, Configs.of(StoreConfiguration.class, Map.of(
                "dataSource.target", "(dataSourceName=misbridge)", "dataSource.warnAfterSeconds", 30)));

        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(version) FROM misbridge_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
        }
        assertThat(component.store().load("school-1")).isEqualTo(DirectoryState.empty("school-1"));
        assertThat(component.store().counts("school-1")).isEqualTo(new SchoolCounts(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(component.store().lastRun("school-1")).isEmpty();
        assertThat(component.store().dataIssues("school-1")).isEmpty();
        assertThat(component.store().changeLog().retention()).as("the default").isEqualTo(Duration.ofDays(30));
    }

    @Test
    void theChangeLogKeepsTombstonesForTheConfiguredDays() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:component-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectoryComponent component = new JdbcDirectoryComponent(ds, Configs.of(StoreConfiguration.class,
                Map.of("changeLog.retentionDays", 7)));
        assertThat(component.store().changeLog().retention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> new JdbcDirectoryComponent(ds, Configs.of(StoreConfiguration.class,
                Map.of("changeLog.retentionDays", 0)))).hasMessageContaining("at least a day");
    }
}
