package org.misbridge.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh directory: an H2 file database, or a new schema on the local PostgreSQL. */
public final class BenchStore implements AutoCloseable {
    public final JdbcDirectory directory;
    public final DataSource dataSource;
    private final Runnable cleanup;

    private BenchStore(DataSource ds, Runnable cleanup) {
        this.dataSource = ds;
        this.directory = SchoolHarness.migrated(ds);
        this.cleanup = cleanup;
    }

    /**
     * {@code h2} or {@code pg}; with {@code +pool}, behind a HikariCP pool as in the assembly; with
     * {@code +full}, every sync planned against the whole directory (the sync's incremental plan off).
     */
    public static BenchStore open(String kind, Path folder) throws SQLException {
        if (kind.endsWith("+full")) {
            BenchStore plain = open(kind.substring(0, kind.length() - "+full".length()), folder);
            System.setProperty("misbridge.sync.incremental", "false");
            return new BenchStore(plain.dataSource, () -> {
                System.clearProperty("misbridge.sync.incremental");
                plain.close();
            });
        }
        if (kind.endsWith("+pool")) {
            BenchStore plain = open(kind.substring(0, kind.length() - "+pool".length()), folder);
            com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
            pool.setDataSource(plain.dataSource);
            pool.setMaximumPoolSize(8);
            pool.setMinimumIdle(1);
            return new BenchStore(pool, () -> {
                pool.close();
                plain.close();
            });
        }
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + folder.toAbsolutePath().resolve("directory") + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
            return new BenchStore(h2, () -> { });
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        pg.setUser(System.getProperty("bench.pg.user", "postgres"));
        String schema = "misbridge_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = pg.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        pg.setCurrentSchema(schema);
        return new BenchStore(pg, () -> {
            try (Connection c = pg.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop " + schema + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
