package org.misbridge.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.sync.internal.SchoolHarness;

/**
 * The write floor of a full sync on H2, the counterpart of {@link CopyFloor}: H2 has no bulk load of
 * its own, so the floor is the rows the sync wrote, inserted with batched prepared statements (1,000
 * rows a batch) in one transaction into a new H2 file with the store's own schema (made by the store's
 * migrations: the same tables, keys and indexes; foreign keys not checked, as in the PostgreSQL floor).
 * The rows are read out first, untimed, so the timed part is only the write and its commit.
 */
final class InsertFloor {

    private static final int BATCH = 1_000;

    private InsertFloor() {
    }

    /** @param store an H2 store that holds one school, just after its full sync; {@code folder} takes the new file */
    static CopyFloor.Result measure(DataSource store, Path folder) throws SQLException {
        return insert(rowsOf(store), "jdbc:h2:file:" + folder.toAbsolutePath().resolve("floor") + ";WRITE_DELAY=0", true);
    }

    /** Every row of every table of {@code store} that holds any, table by table. */
    static Map<String, List<Object[]>> rowsOf(DataSource store) throws SQLException {
        Map<String, List<Object[]>> data = new LinkedHashMap<>();
        try (Connection c = store.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name FROM"
                    + " information_schema.tables WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'"
                    + " ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<Object[]> tableRows = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        tableRows.add(row);
                    }
                }
                if (!tableRows.isEmpty()) {
                    data.put(table, tableRows);
                }
            }
        }
        return data;
    }

    /**
     * Inserts {@code data} into a new H2 database at {@code url} with the store's schema, in one
     * transaction; with {@code indexes} false, into tables of the same columns made without the
     * store's keys and indexes (which the store cannot do without: a bound on what any way of
     * inserting into H2 could reach, not a way the store could write).
     */
    static CopyFloor.Result insert(Map<String, List<Object[]>> data, String url, boolean indexes) throws SQLException {
        long rows = data.values().stream().mapToLong(List::size).sum();
        JdbcDataSource floor = new JdbcDataSource();
        floor.setURL(url);
        SchoolHarness.migrated(floor);
        try (Connection c = floor.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET REFERENTIAL_INTEGRITY FALSE");
                for (String table : data.keySet()) {
                    st.execute("DELETE FROM \"" + table + "\""); // the migration's own record, written again below
                    if (!indexes) {
                        st.execute("CREATE TABLE \"BARE_" + table + "\" AS SELECT * FROM \"" + table + "\" WITH NO DATA");
                    }
                }
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (Map.Entry<String, List<Object[]>> table : data.entrySet()) {
                int columns = table.getValue().get(0).length;
                String marks = String.join(", ", Collections.nCopies(columns, "?"));
                String name = (indexes ? "" : "BARE_") + table.getKey();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + name + "\" VALUES (" + marks + ")")) {
                    int pending = 0;
                    for (Object[] row : table.getValue()) {
                        for (int i = 0; i < columns; i++) {
                            ps.setObject(i + 1, row[i]);
                        }
                        ps.addBatch();
                        if (++pending == BATCH) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
            long millis = (System.nanoTime() - start) / 1_000_000;
            try (Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
            return new CopyFloor.Result(millis, rows);
        }
    }
}
