package org.misbridge.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.misbridge.scheduler.SyncSchedule;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The schools' jobs and triggers in Quartz's store: one durable job per school, named by the school
 * id, with a cron trigger per time of its schedule in the school's zone. Every call goes through
 * {@link QuartzSetup#call}, for the class loader Quartz needs.
 */
final class SchoolJobs {

    private static final String GROUP = "misbridge-sync";

    private final Scheduler quartz;
    private final boolean recoverable;

    /**
     * @param recoverable whether a firing under way on a host that dies is run again by another
     *        (the clustered store); memory has no other host
     */
    SchoolJobs(Scheduler quartz, boolean recoverable) {
        this.quartz = quartz;
        this.recoverable = recoverable;
    }

    /**
     * Stores the school's job and triggers, removing triggers the schedule no longer has. With
     * {@code onlyIfChanged}, leaves the store alone when it already holds exactly these.
     *
     * @return whether anything was written
     */
    boolean write(String schoolId, SyncSchedule schedule, boolean onlyIfChanged) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(ScheduledSyncJob.class).withIdentity(key(schoolId))
                .usingJobData(SyncScheduler.SCHOOL_KEY, schoolId).storeDurably().requestRecovery(recoverable).build();
        List<Trigger> triggers = new ArrayList<>();
        for (String cron : schedule.cronExpressions()) {
            triggers.add(TriggerBuilder.newTrigger().withIdentity(schoolId + " " + cron, GROUP).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build());
        }
        return QuartzSetup.call(() -> {
            if (onlyIfChanged && stored(job, triggers)) {
                return false;
            }
            quartz.scheduleJob(job, Set.copyOf(triggers), true);
            Set<TriggerKey> keep = new HashSet<>();
            triggers.forEach(t -> keep.add(t.getKey()));
            for (Trigger old : quartz.getTriggersOfJob(job.getKey())) {
                if (!keep.contains(old.getKey())) {
                    quartz.unscheduleJob(old.getKey());
                }
            }
            return true;
        });
    }

    /** Whether the store holds this job with exactly these cron triggers, in the same zone. */
    private boolean stored(JobDetail job, List<Trigger> triggers) throws SchedulerException {
        JobDetail storedJob = quartz.getJobDetail(job.getKey());
        if (storedJob == null || storedJob.getJobClass() != job.getJobClass()
                || storedJob.requestsRecovery() != job.requestsRecovery()) {
            return false;
        }
        List<? extends Trigger> storedTriggers = quartz.getTriggersOfJob(job.getKey());
        if (storedTriggers.size() != triggers.size()) {
            return false;
        }
        for (Trigger wantedTrigger : triggers) {
            CronTrigger w = (CronTrigger) wantedTrigger;
            boolean found = storedTriggers.stream().anyMatch(s -> s instanceof CronTrigger c && c.getKey().equals(w.getKey())
                    && c.getCronExpression().equals(w.getCronExpression())
                    && c.getTimeZone().getID().equals(w.getTimeZone().getID()));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    void delete(String schoolId) throws SchedulerException {
        QuartzSetup.call(() -> quartz.deleteJob(key(schoolId)));
    }

    /** The schools that have a job in the store. */
    Set<String> schools() throws SchedulerException {
        Set<String> schools = new HashSet<>();
        QuartzSetup.call(() -> quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))).forEach(k -> schools.add(k.getName()));
        return schools;
    }

    /** Fires the school's job once now, with this job data (any host may take it in a cluster). */
    void fireNow(String schoolId, JobDataMap data) throws SchedulerException {
        QuartzSetup.call(() -> {
            quartz.triggerJob(key(schoolId), data);
            return null;
        });
    }

    Optional<Instant> nextRun(String schoolId) throws SchedulerException {
        return QuartzSetup.call(() -> quartz.getTriggersOfJob(key(schoolId)).stream().map(Trigger::getNextFireTime)
                .filter(Objects::nonNull).min(Date::compareTo).map(Date::toInstant));
    }

    private static JobKey key(String schoolId) {
        return new JobKey(schoolId, GROUP);
    }
}
