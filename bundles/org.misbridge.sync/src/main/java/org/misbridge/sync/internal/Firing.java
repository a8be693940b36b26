package org.misbridge.sync.internal;

import java.time.Instant;
import java.util.Date;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * One scheduled firing of a school's sync: the time the schedule fired it for, and whether it is a
 * firing another host had started when it died, now run again here (Quartz's recovery).
 *
 * @param scheduledFor the cron time of the firing, the same on whichever host runs it
 * @param recovering whether a dead host had begun this firing
 */
record Firing(Instant scheduledFor, boolean recovering) {

    /** Set on a firing handed back to the cluster by a host where the school is not configured. */
    static final String SCHEDULED_FOR = "misbridge.scheduledFor";
    static final String RECOVERING = "misbridge.recovering";
    static final String HOPS = "misbridge.hops";

    /** The firing a Quartz execution stands for, looking through recovery and hand-backs to the original. */
    static Firing of(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        if (data.containsKey(SCHEDULED_FOR)) {
            return new Firing(Instant.ofEpochMilli(Long.parseLong(data.getString(SCHEDULED_FOR))),
                    Boolean.parseBoolean(data.getString(RECOVERING)));
        }
        if (context.isRecovering()
                && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)) {
            return new Firing(Instant.ofEpochMilli(Long.parseLong(
                    data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS))), true);
        }
        Date scheduled = context.getScheduledFireTime();
        return new Firing(scheduled == null ? context.getFireTime().toInstant() : scheduled.toInstant(), context.isRecovering());
    }

    /** How many hosts have handed this firing back so far. */
    static int hops(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        return data.containsKey(HOPS) ? Integer.parseInt(data.getString(HOPS)) : 0;
    }

    /** The job data of this firing handed back to the cluster once more. */
    JobDataMap handedBack(String schoolId, int hops) {
        JobDataMap data = new JobDataMap();
        data.put(SyncScheduler.SCHOOL_KEY, schoolId);
        data.put(SCHEDULED_FOR, Long.toString(scheduledFor.toEpochMilli()));
        data.put(RECOVERING, Boolean.toString(recovering));
        data.put(HOPS, Integer.toString(hops));
        return data;
    }
}
