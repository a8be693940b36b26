package org.misbridge.sync.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JVM that a crash test kills: runs one real sync and, once the store's transaction has
 * written its first batch, says "MID-TRANSACTION" and waits for a line on stdin. The parent then
 * kills this JVM, or drops its database connection and lets it go on.
 *
 * <p>Arguments: h2 URL | pg URL USER SCHEMA APPLICATION-NAME, then SCHOOL CSV-FOLDER.
 */
public final class CrashChild {

    static final String PAUSED = "MID-TRANSACTION";
    static final String OUTCOME = "OUTCOME ";

    private static final AtomicBoolean PAUSED_ONCE = new AtomicBoolean();

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        int i = 0;
        DataSource real;
        if ("h2".equals(args[i++])) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(args[i++]);
            real = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(args[i++]);
            pg.setUser(args[i++]);
            pg.setCurrentSchema(args[i++]);
            pg.setApplicationName(args[i++]);
            real = pg;
        }
        String school = args[i++];
        Path csv = Path.of(args[i]);
        MisReader reader = new OneRosterCsvReader(school, csv, null, Clock.systemUTC(), Limits.defaults());
        JdbcDirectory directory = new JdbcDirectory(pausing(real));
        SyncRunner runner = new SyncRunner(school, reader, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(ImportSettings.defaults(),
                DeletionThreshold.defaults(), ZoneId.of("Europe/London"), Clock.systemUTC()));
        SyncRun run = runner.run(new SyncOptions(false, true));
        System.out.println(OUTCOME + run.outcome() + " " + run.message());
        System.out.flush();
    }

    /** The real DataSource, but a batch executed inside a transaction stops the first time until told to go on. */
    private static DataSource pausing(DataSource real) {
        return proxy(DataSource.class, real, (method, result) -> method.getName().equals("getConnection")
                ? connection((Connection) result) : result);
    }

    private static Connection connection(Connection real) {
        return proxy(Connection.class, real, (method, result) -> method.getName().equals("prepareStatement")
                ? statement((PreparedStatement) result, real) : result);
    }

    private static PreparedStatement statement(PreparedStatement real, Connection connection) {
        return proxy(PreparedStatement.class, real, (method, result) -> {
            if (method.getName().equals("executeBatch") && !connection.getAutoCommit() && PAUSED_ONCE.compareAndSet(false, true)) {
                System.out.println(PAUSED);
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            return result;
        });
    }

    private interface After {
        Object apply(Method method, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T real, After after) {
        return type.cast(Proxy.newProxyInstance(CrashChild.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, result);
        }));
    }
}
