package org.misbridge.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.misbridge.store.jdbc.internal.DirectoryTables.Binder;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large inserts on PostgreSQL through {@code COPY … FROM STDIN}: one stream instead of a round trip
 * per batch. The rows are bound by the table's own insert binder into parameters that are only
 * recorded, so the columns and values are exactly those of the INSERT it replaces.
 */
final class PgCopy {

    /** Below this many rows a batched INSERT is as quick, and its errors name the row. */
    static final int MIN_ROWS = 2_000;
    // under half a G1 region (1 MiB at a 2 GiB heap): larger buffers are allocated as humongous objects,
    // and each such allocation can start a young collection and a concurrent mark
    private static final int CHUNK_CHARS = 1 << 17;
    private static final Logger LOG = LoggerFactory.getLogger(PgCopy.class);
    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\w+) \\(([^)]*)\\) VALUES .*", Pattern.DOTALL);

    private PgCopy() {
    }

    /** Whether {@code c} is a PostgreSQL connection, behind a pool or not. */
    static boolean supports(Connection c) {
        try {
            return c.isWrapperFor(PGConnection.class);
        } catch (SQLException | LinkageError e) {
            // no PostgreSQL driver wired into this bundle (an H2-only host): batches do the work
            return false;
        }
    }

    /**
     * Makes PostgreSQL plan {@code ps} with its values each time it runs. On a pooled connection
     * the driver otherwise prepares it on the server after five runs, and the server may then keep
     * one plan for any values: for {@code = ANY(array)} of a few ids that plan scanned the school
     * (three times slower delta syncs behind a pool).
     */
    static void planEachTime(PreparedStatement ps) {
        try {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        } catch (SQLException | LinkageError e) {
            LOG.debug("statement left as the driver prepares it: {}", e.toString());
        }
    }

    /** Inserts {@code rows} with the columns of {@code insertSql}; returns the number of rows copied. */
    static <T> long insert(Connection c, String school, String insertSql, Binder<T> binder, List<T> rows)
            throws SQLException {
        Matcher m = INSERT.matcher(insertSql);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a plain INSERT: " + insertSql);
        }
        int columns = m.group(2).split(",").length;
        Object[] values = new Object[columns];
        RowParams recorder = recorder(values);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + m.group(1) + " (" + m.group(2) + ") FROM STDIN");
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
            for (T row : rows) {
                Arrays.fill(values, null);
                binder.bind(recorder, school, row);
                for (int i = 0; i < columns; i++) {
                    if (i > 0) {
                        chunk.append('\t');
                    }
                    appendValue(chunk, values[i]);
                }
                chunk.append('\n');
                if (chunk.length() >= CHUNK_CHARS) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            long copied = copy.endCopy();
            LOG.debug("School {}: {} rows written to {} with COPY", school, copied, m.group(1));
            return copied;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** COPY's text format: \N for null, and backslash, tab, newline and carriage return escaped. */
    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            // the runs between escapes copied whole: most values have none (a million rows a first sync)
            int from = 0;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                    out.append(s, from, i).append('\\').append(ch == '\\' ? '\\' : ch == '\t' ? 't' : ch == '\n' ? 'n' : 'r');
                    from = i + 1;
                }
            }
            out.append(s, from, s.length());
        } else if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Number || value instanceof LocalDate || value instanceof OffsetDateTime) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("COPY cannot write a " + value.getClass().getName());
        }
    }

    /** Parameters that are only recorded, by 1-based index: no statement, no reflection, per row of a large write. */
    private static RowParams recorder(Object[] values) {
        return (index, value) -> values[index - 1] = value;
    }
}
