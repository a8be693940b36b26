package org.misbridge.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The write floor of a full sync on PostgreSQL (issue 21): the rows the sync wrote, copied with
 * {@code COPY} into empty tables made {@code LIKE} the store's (columns, defaults, constraints and
 * indexes; not foreign keys), in one transaction. The rows are read out first, untimed, in
 * PostgreSQL's binary format, so the timed part is only the write.
 */
final class CopyFloor {

    /** What the floor wrote, and how long it took: in all, and table by table (the commit apart). */
    record Result(long millis, long rows, Map<String, Long> tableMillis) {
        Result(long millis, long rows) {
            this(millis, rows, Map.of());
        }
    }

    private CopyFloor() {
    }

    /** @param store a PostgreSQL store whose schema holds one school, just after its full sync */
    static Result measure(DataSource store) throws SQLException, IOException {
        try (Connection c = store.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String schema;
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_schema(), table_name FROM information_schema.tables"
                            + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                schema = null;
                while (rs.next()) {
                    schema = rs.getString(1);
                    tables.add(rs.getString(2));
                }
            }
            if (schema == null) {
                throw new IllegalStateException("no tables in the store's schema");
            }
            Map<String, byte[]> data = new LinkedHashMap<>();
            long rows = 0;
            for (String table : tables) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long n = copy.copyOut("COPY " + schema + "." + table + " TO STDOUT (FORMAT binary)", out);
                if (n > 0) {
                    data.put(table, out.toByteArray());
                    rows += n;
                }
            }
            String floor = schema + "_floor";
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + floor);
                for (String table : data.keySet()) {
                    st.execute("CREATE TABLE " + floor + "." + table + " (LIKE " + schema + "." + table + " INCLUDING ALL)");
                }
            }
            try {
                c.setAutoCommit(false);
                Map<String, Long> tableMillis = new LinkedHashMap<>();
                long start = System.nanoTime();
                for (Map.Entry<String, byte[]> table : data.entrySet()) {
                    long tableStart = System.nanoTime();
                    copy.copyIn("COPY " + floor + "." + table.getKey() + " FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(table.getValue()));
                    tableMillis.put(table.getKey(), (System.nanoTime() - tableStart) / 1_000_000);
                }
                long commitStart = System.nanoTime();
                c.commit();
                tableMillis.put("(commit)", (System.nanoTime() - commitStart) / 1_000_000);
                return new Result((System.nanoTime() - start) / 1_000_000, rows, tableMillis);
            } finally {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + floor + " CASCADE");
                }
            }
        }
    }
}
