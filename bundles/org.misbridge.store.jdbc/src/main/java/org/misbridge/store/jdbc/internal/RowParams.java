package org.misbridge.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The parameters a row's {@link DirectoryTables.Binder} sets: the few of a prepared statement's that
 * rows use. One binder so feeds a batched statement and a {@code COPY} ({@link PgCopy}), which
 * records the values without a statement.
 */
interface RowParams {

    void setString(int index, @Nullable String value) throws SQLException;

    void setInt(int index, int value) throws SQLException;

    void setLong(int index, long value) throws SQLException;

    void setBoolean(int index, boolean value) throws SQLException;

    void setObject(int index, Object value) throws SQLException;

    void setNull(int index, int sqlType) throws SQLException;

    /** The parameters of {@code ps}. */
    static RowParams of(PreparedStatement ps) {
        return new RowParams() {
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
