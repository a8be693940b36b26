package org.misbridge.sync.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's Quartz scheduler (in-memory job store): one job per school, one cron trigger per
 * time of day in the school's own time zone.
 */
@Component(service = SyncScheduler.class, configurationPid = "org.misbridge.sync.scheduler")
@Designate(ocd = SchedulerConfiguration.class)
public final class SyncScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    private static final String GROUP = "misbridge-sync";
    private static final String WORK = "work";
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    private final Scheduler quartz;
    private final int staleAfterMinutes;

    @Activate
    public SyncScheduler(SchedulerConfiguration config) throws SchedulerException {
        if (config.threads() < 1 || config.misfireMinutes() < 1 || config.staleAfterMinutes() < 1) {
            throw new IllegalArgumentException("scheduler threads, misfireMinutes and staleAfterMinutes must be at least 1");
        }
        Properties p = new Properties();
        // Quartz shares schedulers by name within a JVM; each component gets its own
        p.setProperty("org.quartz.scheduler.instanceName", "misbridge-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "misbridge-scheduled-sync");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(config.misfireMinutes() * 60_000L));
        // Quartz finds its own classes by name: let it look in its own bundle
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(StdSchedulerFactory.class.getClassLoader());
        try {
            this.quartz = new StdSchedulerFactory(p).getScheduler();
            quartz.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        this.staleAfterMinutes = config.staleAfterMinutes();
        LOG.info("Sync scheduler started with {} thread(s)", config.threads());
    }

    @Deactivate
    void stop() throws SchedulerException {
        quartz.shutdown(false);
    }

    int staleAfterMinutes() {
        return staleAfterMinutes;
    }

    /** Replaces the school's schedule; an on-demand-only schedule just removes it. */
    void schedule(String schoolId, SyncSchedule schedule, Runnable work) {
        unschedule(schoolId);
        if (schedule.onDemandOnly()) {
            return;
        }
        JobDataMap data = new JobDataMap();
        data.put(WORK, work);
        JobDetail job = JobBuilder.newJob(ScheduledSync.class).withIdentity(schoolId, GROUP).usingJobData(data)
                .storeDurably().build();
        List<Trigger> triggers = new ArrayList<>();
        for (String cron : schedule.cronExpressions()) {
            triggers.add(TriggerBuilder.newTrigger().withIdentity(schoolId + " " + cron, GROUP).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build());
        }
        try {
            quartz.scheduleJob(job, java.util.Set.copyOf(triggers), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the syncs of school " + schoolId + ": " + e.getMessage(), e);
        }
        LOG.info("School {} syncs at {}", schoolId, schedule.describe());
    }

    void unschedule(String schoolId) {
        try {
            quartz.deleteJob(new JobKey(schoolId, GROUP));
        } catch (SchedulerException e) {
            LOG.warn("Could not remove the schedule of school {}", schoolId, e);
        }
    }

    /** Fires the school's scheduled job now, as its trigger would (for tests and operators). */
    void fireNow(String schoolId) {
        try {
            quartz.triggerJob(new JobKey(schoolId, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot fire the sync of school " + schoolId + ": " + e.getMessage(), e);
        }
    }

    /** When the school's next scheduled sync fires, if it has a schedule. */
    Optional<Instant> nextRun(String schoolId) {
        try {
            return quartz.getTriggersOfJob(new JobKey(schoolId, GROUP)).stream().map(Trigger::getNextFireTime)
                    .filter(java.util.Objects::nonNull).min(Date::compareTo).map(Date::toInstant);
        } catch (SchedulerException e) {
            LOG.warn("Could not read the schedule of school {}", schoolId, e);
            return Optional.empty();
        }
    }

    /** Runs a school's sync; never two of one school at once (the school's lock also guards that). */
    @DisallowConcurrentExecution
    public static final class ScheduledSync implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ((Runnable) context.getMergedJobDataMap().get(WORK)).run();
        }
    }
}
