package org.misbridge.scheduler.internal;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Builds the host's Quartz scheduler: an in-memory job store, or Quartz's clustered JDBC job store on
 * the directory's DataSource. Also the class loader every call into Quartz runs under.
 */
final class QuartzSetup {

    /** The cluster's name (Quartz's SCHED_NAME): the same on every host sharing the database. */
    static final String CLUSTER = "misbridge";

    /**
     * The job's class name before scheduling left the sync bundle. A clustered database keeps the name
     * of each school's job class, and Quartz loads it by that name; jobs written by an older host still
     * carry this one, so it stands for {@link ScheduledSyncJob} (Quartz reaches it through the context
     * class loader, which it calls directly).
     */
    static final String LEGACY_JOB = "org.misbridge.sync.internal.ScheduledSyncJob";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /**
     * Sees this bundle's classes (the job, by the name a JDBC job store keeps) and Quartz's own (its
     * job store, delegate and thread pool, loaded by name). Quartz also makes JDBC proxies with the
     * context class loader, so every call into Quartz runs with this one set (see {@link #call}).
     */
    private static final ClassLoader LOADER = new ClassLoader(QuartzSetup.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return LEGACY_JOB.equals(name) ? ScheduledSyncJob.class : super.loadClass(name, resolve);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            return StdSchedulerFactory.class.getClassLoader().loadClass(name);
        }

        @Override
        protected URL findResource(String name) {
            return StdSchedulerFactory.class.getClassLoader().getResource(name);
        }
    };

    private QuartzSetup() {
    }

    static Scheduler memory(int threads, long misfireMillis) throws SchedulerException {
        Properties p = common(threads, misfireMillis);
        // Quartz shares schedulers by name within a JVM; each component gets its own
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER + "-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return create(p);
    }

    static synchronized Scheduler clustered(int threads, long misfireMillis, String nodeId, long checkinMillis, long idleWaitMillis,
            DataSource dataSource) throws SchedulerException {
        String connections = CLUSTER + "-ds-" + INSTANCES.incrementAndGet();
        // Quartz's connection pools are not wanted: it borrows from the directory's own pool
        DBConnectionManager.getInstance().addConnectionProvider(connections, new Connections(dataSource));
        Properties p = common(threads, misfireMillis);
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
        p.setProperty("org.quartz.scheduler.instanceId", nodeId);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", connections);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinMillis));
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWaitMillis));
        // job data as strings only (the school id), never serialised Java objects
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.threadsInheritInitializersClassLoadContext", "true");
        Scheduler scheduler = create(p);
        // every host has the same name, and so may a test's second host in this JVM: the component
        // holds its scheduler itself, so Quartz's JVM-wide registry must not hand it to another
        SchedulerRepository.getInstance().remove(CLUSTER);
        return scheduler;
    }

    private static Properties common(int threads, long misfireMillis) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "misbridge-scheduled-sync");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireMillis));
        return p;
    }

    private static Scheduler create(Properties p) throws SchedulerException {
        return call(() -> new StdSchedulerFactory(p).getScheduler());
    }

    /** Runs a call into Quartz with {@link #LOADER} as the context class loader. */
    static <T> T call(Callable<T> work) throws SchedulerException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            return work.call();
        } catch (SchedulerException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SchedulerException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Quartz's view of the directory's DataSource. */
    private record Connections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the DataSource belongs to pax-jdbc, not to Quartz
        }

        @Override
        public void initialize() {
            // nothing to set up: the DataSource is ready when the component activates
        }
    }
}
