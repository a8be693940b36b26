package org.misbridge.store.jdbc.internal;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The directory contract on an in-memory H2 database, fresh for each test. */
final class H2DirectoryTest extends DirectoryContractTest {

    // a field, not a @BeforeEach: the contract's @BeforeEach runs first and needs it
    private final JdbcDataSource dataSource = newDataSource();

    private static JdbcDataSource newDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:misbridge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
