package org.misbridge.scheduler.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.scheduler.Firing;
import org.misbridge.scheduler.SchoolScheduler;
import org.misbridge.scheduler.ScheduledWork;
import org.misbridge.scheduler.SyncSchedule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The host's Quartz scheduler: one job per school, one cron trigger per time in the school's own
 * time zone. With {@code jobStore=memory} this host alone runs the schedules of the schools
 * configured on it. With {@code jobStore=clustered} the schedules live in the directory's PostgreSQL
 * database, where Quartz's clustered JDBC job store lets every host fire them, each firing on exactly
 * one host, and moves a dead host's firings (and any sync it was running) to the others.
 */
@Component(service = SchoolScheduler.class, configurationPid = "org.misbridge.sync.scheduler")
@Designate(ocd = SchedulerConfiguration.class)
public final class SyncScheduler implements SchoolScheduler {

    static final String MEMORY = "memory";
    static final String CLUSTERED = "clustered";
    static final String SCHOOL_KEY = "school.id";

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    /** How many times a firing that lands where its school is not configured is handed back before it counts as failed. */
    private static final int MAX_HOPS = 3;

    /**
     * How long a clustered host waits for a school to be configured here, how often it writes back missing
     * schedules, and how long its Quartz thread sleeps when it finds nothing due (Quartz's own 30 s; the
     * cluster's tests shorten it so a host that found nothing looks again within their seconds-long schedules).
     */
    public record Timing(Duration notConfiguredGrace, Duration rewriteEvery, Duration idleWait) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    private final Scheduler quartz;
    private final SchoolJobs jobs;
    private final boolean clustered;
    private final String nodeId;
    private final int staleAfterMinutes;
    private final @Nullable Directory directory;
    private final Timing timing;
    /** The schools configured on this host: what their firings run here. */
    private final Map<String, ScheduledWork> here = new ConcurrentHashMap<>();
    /** The schedules this host's configuration asks for, written back to the cluster if another host removed them. */
    private final Map<String, SyncSchedule> wanted = new ConcurrentHashMap<>();
    private final @Nullable ScheduledExecutorService keeper;
    private volatile boolean stopping;

    /** An in-memory scheduler for one host, outside OSGi (tests, benchmarks). */
    public SyncScheduler(SchedulerConfiguration config) throws SchedulerException {
        this(config, null, null, Timing.DEFAULT);
    }

    @Activate
    public SyncScheduler(SchedulerConfiguration config, @Reference(name = "dataSource") DataSource dataSource,
            @Reference(name = "directory") Directory directory) throws SchedulerException {
        this(config, dataSource, directory, Timing.DEFAULT);
    }

    /** With the cluster's timing shortened, for tests outside this package. */
    public SyncScheduler(SchedulerConfiguration config, @Nullable DataSource dataSource, @Nullable Directory directory, Timing timing)
            throws SchedulerException {
        if (config.threads() < 1 || config.misfireMinutes() < 1 || config.staleAfterMinutes() < 1) {
            throw new IllegalArgumentException("scheduler threads, misfireMinutes and staleAfterMinutes must be at least 1");
        }
        String store = config.jobStore() == null ? MEMORY : config.jobStore().strip();
        if (!MEMORY.equals(store) && !CLUSTERED.equals(store)) {
            throw new IllegalArgumentException("scheduler jobStore '" + store + "' is neither " + MEMORY + " (one host) nor "
                    + CLUSTERED + " (several hosts sharing the directory's PostgreSQL database)");
        }
        this.clustered = CLUSTERED.equals(store);
        this.nodeId = nodeId(config.nodeId(), clustered);
        this.directory = directory;
        this.timing = timing;
        this.staleAfterMinutes = config.staleAfterMinutes();
        long misfireMillis = config.misfireMinutes() * 60_000L;
        if (clustered) {
            if (config.clusterCheckinSeconds() < 1) {
                throw new IllegalArgumentException("scheduler clusterCheckinSeconds must be at least 1");
            }
            requirePostgres(dataSource);
            SchedulerSchema.ensure(dataSource);
            ClusterNodeGuard.ensureNoLiveTwin(dataSource, nodeId);
            this.quartz = QuartzSetup.clustered(config.threads(), misfireMillis, nodeId,
                    config.clusterCheckinSeconds() * 1000L, timing.idleWait().toMillis(), dataSource);
        } else {
            if (dataSource != null) {
                ensureSchemaForLater(dataSource);
            }
            this.quartz = QuartzSetup.memory(config.threads(), misfireMillis);
        }
        this.jobs = new SchoolJobs(quartz, clustered);
        quartz.setJobFactory((bundle, scheduler) -> {
            if (bundle.getJobDetail().getJobClass() != ScheduledSyncJob.class) {
                throw new SchedulerException("job " + bundle.getJobDetail().getKey() + " is not a MIS Bridge school sync");
            }
            return new ScheduledSyncJob(this);
        });
        // the pool's threads and Quartz's own keep the context class loader they start with
        QuartzSetup.call(() -> {
            quartz.start();
            return null;
        });
        if (clustered) {
            keeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "misbridge-schedule-keeper");
                t.setDaemon(true);
                return t;
            });
            long every = timing.rewriteEvery().toMillis();
            keeper.scheduleWithFixedDelay(this::writeBackMissing, every, every, TimeUnit.MILLISECONDS);
        } else {
            keeper = null;
        }
        LOG.info("Sync scheduler started on node {} with {} thread(s), {} job store", nodeId, config.threads(),
                clustered ? "clustered (shared with every host on this database)" : "in-memory (this host alone)");
    }

    private static String nodeId(@Nullable String configured, boolean clustered) {
        String id = configured == null ? "" : configured.strip();
        if (id.isEmpty()) {
            try {
                id = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                if (clustered) {
                    throw new IllegalArgumentException("scheduler nodeId is empty and the machine's host name is unknown: set nodeId", e);
                }
                id = "localhost";
            }
        }
        // Quartz keys fired triggers by the id plus 13 digits in 95 characters
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("scheduler nodeId '" + id + "' is not 1-64 of letters, digits, '.', '-' and '_'");
        }
        return id;
    }

    /**
     * A host alone does not use Quartz's tables, but the directory's database has always had them (they
     * wait for jobStore=clustered), so they are made here too; failing to only matters once clustered.
     */
    private static void ensureSchemaForLater(DataSource dataSource) {
        try {
            SchedulerSchema.ensure(dataSource);
        } catch (RuntimeException e) {
            LOG.warn("Could not create Quartz's tables in the directory's database; an in-memory scheduler does not need them,"
                    + " a clustered one tries again as it starts", e);
        }
    }

    private static void requirePostgres(@Nullable DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("scheduler jobStore=clustered needs the directory's DataSource");
        }
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new IllegalArgumentException("scheduler jobStore=clustered needs the directory on PostgreSQL, shared by every"
                        + " host (etc/org.ops4j.datasource-misbridge.cfg); this DataSource is " + product);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scheduler jobStore=clustered cannot reach the directory's database: " + e.getMessage(), e);
        }
    }

    @Deactivate
    public void stop() throws SchedulerException {
        stopping = true;
        synchronized (here) {
            here.notifyAll();
        }
        if (keeper != null) {
            keeper.shutdownNow();
        }
        // clustered: this host's share goes to the others; anything running here is recovered by them
        QuartzSetup.call(() -> {
            quartz.shutdown(false);
            return null;
        });
    }

    @Override
    public int staleAfterMinutes() {
        return staleAfterMinutes;
    }

    /** This host's name, recorded with every sync it runs. */
    @Override
    public String nodeId() {
        return nodeId;
    }

    /**
     * Sets the school's schedule and what its firings run on this host. On one host it replaces the
     * school's job; in a cluster it writes the job only when the stored one differs, so a host that
     * starts (with the same etc/ as the others) leaves the cluster's firings as they are. An
     * on-demand-only schedule removes the school's job.
     */
    @Override
    public synchronized void schedule(String schoolId, SyncSchedule schedule, ScheduledWork work) {
        synchronized (here) {
            here.put(schoolId, work);
            here.notifyAll();
        }
        if (schedule.onDemandOnly()) {
            wanted.remove(schoolId);
            deleteJob(schoolId);
            return;
        }
        wanted.put(schoolId, schedule);
        boolean written = write(schoolId, schedule, clustered);
        LOG.info("School {} syncs at {}{}", schoolId, schedule.describe(),
                clustered ? (written ? " (schedule written to the cluster)" : " (as the cluster already has it)") : "");
    }

    /**
     * The school's configuration was deleted: its schedule goes, from the cluster too. A host that
     * still has the school writes it back within a minute (every host should have the same etc/).
     */
    @Override
    public synchronized void unschedule(String schoolId) {
        here.remove(schoolId);
        wanted.remove(schoolId);
        deleteJob(schoolId);
    }

    /**
     * This host stops running the school (it is stopping, or the school is being reconfigured); in
     * a cluster the school's schedule stays, and other hosts run its firings.
     */
    @Override
    public synchronized void release(String schoolId) {
        if (!clustered) {
            unschedule(schoolId);
            return;
        }
        here.remove(schoolId);
        wanted.remove(schoolId);
    }

    /** Fires the school's scheduled job now, as its trigger would (for tests and operators); in a cluster, on any host. */
    @Override
    public void fireNow(String schoolId) {
        try {
            jobs.fireNow(schoolId, new JobDataMap());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot fire the sync of school " + schoolId + ": " + e.getMessage(), e);
        }
    }

    /** When the school's next scheduled sync fires, if it has a schedule. */
    @Override
    public Optional<Instant> nextRun(String schoolId) {
        try {
            return jobs.nextRun(schoolId);
        } catch (SchedulerException e) {
            LOG.warn("Could not read the schedule of school {}", schoolId, e);
            return Optional.empty();
        }
    }

    /** Runs one firing of a school: here if the school is configured here, else hands it back to the cluster. */
    void fire(String schoolId, Firing firing, int hops) {
        ScheduledWork work = here.get(schoolId);
        if (work == null && clustered) {
            work = awaitHere(schoolId);
        }
        if (work != null) {
            work.run(firing);
            return;
        }
        if (!clustered) {
            LOG.debug("School {} was removed as its sync fired; nothing to run", schoolId);
            return;
        }
        if (hops < MAX_HOPS || stopping) {
            handBack(schoolId, firing, hops + 1);
        } else {
            notConfiguredAnywhere(schoolId, firing, hops);
        }
    }

    /** Waits a little for the school: a host that has just started fires before all its schools are configured. */
    private @Nullable ScheduledWork awaitHere(String schoolId) {
        long until = System.nanoTime() + timing.notConfiguredGrace().toNanos();
        synchronized (here) {
            ScheduledWork work;
            while ((work = here.get(schoolId)) == null && !stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    here.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return work;
        }
    }

    private void handBack(String schoolId, Firing firing, int hops) {
        LOG.info("School {} is not configured on node {}: its firing for {} goes back to the cluster for another host"
                + " (hand-back {} of {})", schoolId, nodeId, firing.scheduledFor(), hops, MAX_HOPS);
        try {
            jobs.fireNow(schoolId, FiringData.handedBack(firing, schoolId, hops));
        } catch (SchedulerException e) {
            // a stopping host leaves the firing to the others' recovery; otherwise it ends here
            LOG.error("School {}: handing its firing for {} back to the cluster failed{}", schoolId, firing.scheduledFor(),
                    stopping ? " as this host stops; the other hosts recover it" : "; this firing is lost", e);
        }
    }

    /** Not lost silently: logged, and recorded as a failed run that school:health shows on the hosts that have the school. */
    private void notConfiguredAnywhere(String schoolId, Firing firing, int hops) {
        String reason = "the scheduled sync for " + firing.scheduledFor() + " fired on host " + nodeId + ", where school "
                + schoolId + " is not configured, and " + hops + " hand-backs to the cluster found no host that has it;"
                + " every host should have the same etc/ (the school's files, or its deletion)";
        MDC.put("school.id", schoolId);
        try {
            LOG.warn("School {}: {}", schoolId, reason);
            if (directory != null) {
                Instant now = Instant.now();
                directory.recordRun(schoolId, new SyncRun(now, now, SyncOutcome.FAILED, 0, 0, 0, reason, nodeId,
                        firing.scheduledFor()));
            }
        } catch (RuntimeException e) {
            LOG.error("School {}: recording the firing that found no host failed", schoolId, e);
        } finally {
            MDC.remove("school.id");
        }
    }

    private boolean write(String schoolId, SyncSchedule schedule, boolean onlyIfChanged) {
        try {
            return jobs.write(schoolId, schedule, onlyIfChanged);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the syncs of school " + schoolId + ": " + e.getMessage(), e);
        }
    }

    private void deleteJob(String schoolId) {
        try {
            jobs.delete(schoolId);
        } catch (SchedulerException e) {
            LOG.warn("Could not remove the schedule of school {}", schoolId, e);
        }
    }

    /** In a cluster: writes back the schedules of this host's schools that another host removed. */
    private synchronized void writeBackMissing() {
        try {
            Set<String> stored = jobs.schools();
            for (Map.Entry<String, SyncSchedule> school : wanted.entrySet()) {
                if (!stored.contains(school.getKey())) {
                    write(school.getKey(), school.getValue(), false);
                    LOG.info("School {}'s schedule was missing from the cluster (its configuration was deleted on another"
                            + " host?); node {} has the school and wrote its schedule back", school.getKey(), nodeId);
                }
            }
        } catch (SchedulerException | RuntimeException e) {
            LOG.warn("Checking the cluster's schedules against this host's schools failed; trying again in {}",
                    timing.rewriteEvery(), e);
        }
    }
}
