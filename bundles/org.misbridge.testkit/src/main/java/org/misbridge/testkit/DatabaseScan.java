package org.misbridge.testkit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for values in every text column of every table of a database's current schema, the way an
 * auditor checking an erasure would: nothing is left out because a test forgot a table.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /**
     * Every place where one of the values appears, ignoring case, as {@code table.column: value}.
     * Tables with a {@code school_id} column are searched among that school's rows only; the others whole.
     */
    public static List<String> occurrences(DataSource dataSource, String school, List<String> values) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in schema " + c.getSchema() + ": nothing would be scanned");
            }
            for (String table : tables) {
                List<String> text = new ArrayList<>();
                boolean keyedBySchool = false;
                try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME");
                        keyedBySchool |= column.equalsIgnoreCase("school_id");
                        int type = rs.getInt("DATA_TYPE");
                        if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.CLOB
                                || type == Types.NVARCHAR || type == Types.NCHAR) {
                            text.add(column);
                        }
                    }
                }
                for (String column : text) {
                    for (String value : values) {
                        String sql = "SELECT COUNT(*) FROM " + table + " WHERE LOWER(" + column + ") LIKE ?"
                                + (keyedBySchool ? " AND school_id = ?" : "");
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setString(1, "%" + value.toLowerCase(Locale.ROOT) + "%");
                            if (keyedBySchool) {
                                ps.setString(2, school);
                            }
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                if (rs.getInt(1) > 0) {
                                    found.add(table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT) + ": " + value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
