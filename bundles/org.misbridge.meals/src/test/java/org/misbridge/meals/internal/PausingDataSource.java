package org.misbridge.meals.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A real DataSource whose writes can be held at one chosen moment: once {@link #arm(int)} is
 * called, the n-th batch executed inside a transaction waits after it ran until
 * {@link #release()}, so that a test can break the database mid-transaction at a known point.
 * Nothing else is changed: every call goes to the real driver.
 */
final class PausingDataSource {

    private final DataSource real;
    private volatile int armedAt = -1;
    private int batches;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    PausingDataSource(DataSource real) {
        this.real = real;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, real, (method, result) -> method.getName().equals("getConnection")
                ? connection((Connection) result) : result);
    }

    /** The {@code n}-th batch written inside a transaction from now on (1 = the first) will wait. */
    synchronized void arm(int n) {
        batches = 0;
        armedAt = n;
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits until a transaction is held at the armed batch. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, result) -> method.getName().equals("prepareStatement")
                ? statement((PreparedStatement) result, connection) : result);
    }

    private PreparedStatement statement(PreparedStatement statement, Connection connection) {
        return proxy(PreparedStatement.class, statement, (method, result) -> {
            if (method.getName().equals("executeBatch") && !connection.getAutoCommit() && holdHere()) {
                reached.countDown();
                released.await(120, TimeUnit.SECONDS);
            }
            return result;
        });
    }

    private synchronized boolean holdHere() {
        if (armedAt < 0) {
            return false;
        }
        if (++batches == armedAt) {
            armedAt = -1;
            return true;
        }
        return false;
    }

    private interface After {
        Object apply(Method method, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T real, After after) {
        return type.cast(Proxy.newProxyInstance(PausingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
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
