package org.misbridge.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The parameters a row's {@link DirectoryTables.Binder} sets: the few of a prepared statement's that
 * rows use. One binder so feeds a batched statement (each typed setter goes to the statement's own)
 * and a {@code COPY} ({@link PgCopy}), which only records the values ({@link #set}).
 */
interface RowParams {

    /** Records {@code value} (null for SQL NULL) at 1-based {@code index}; the typed setters below all come here. */
    void set(int index, @Nullable Object value) throws SQLException;

    default void setString(int index, @Nullable String value) throws SQLException {
        set(index, value);
    }

    default void setInt(int index, int value) throws SQLException {
        set(index, value);
    }

    default void setLong(int index, long value) throws SQLException {
        set(index, value);
    }

    default void setBoolean(int index, boolean value) throws SQLException {
        set(index, value);
    }

    default void setObject(int index, Object value) throws SQLException {
        set(index, value);
    }

    default void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    /** The parameters of {@code ps}. */
    static RowParams of(PreparedStatement ps) {
        return new RowParams() {
            @Override
            public void set(int index, @Nullable Object value) throws SQLException {
                ps.setObject(index, value);
            }

            @Override
            public void setString(int index, @Nullable String value) throws SQLException {
                ps.setString(index, value);
            }

            @Override
            public void setInt(int index, int value) throws SQLException {
                ps.setInt(index, value);
            }

            @Override
            public void setLong(int index, long value) throws SQLException {
                ps.setLong(index, value);
            }

            @Override
            public void setBoolean(int index, boolean value) throws SQLException {
                ps.setBoolean(index, value);
            }

            @Override
            public void setObject(int index, Object value) throws SQLException {
                ps.setObject(index, value);
            }

            @Override
            public void setNull(int index, int sqlType) throws SQLException {
                ps.setNull(index, sqlType);
            }
        };
    }
}
