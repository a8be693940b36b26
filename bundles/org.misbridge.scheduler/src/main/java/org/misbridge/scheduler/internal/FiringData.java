package org.misbridge.scheduler.internal;

import java.time.Instant;
import java.util.Date;
import org.misbridge.scheduler.Firing;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/** A {@link Firing} in Quartz's job data: read from an execution, and written when a host hands it back. */
final class FiringData {

    /** Set on a firing handed back to the cluster by a host where the school is not configured. */
    static final String SCHEDULED_FOR = "misbridge.scheduledFor";
    static final String RECOVERING = "misbridge.recovering";
    static final String HOPS = "misbridge.hops";

    private FiringData() {
    }

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
    static JobDataMap handedBack(Firing firing, String schoolId, int hops) {
        JobDataMap data = new JobDataMap();
        data.put(SyncScheduler.SCHOOL_KEY, schoolId);
        data.put(SCHEDULED_FOR, Long.toString(firing.scheduledFor().toEpochMilli()));
        data.put(RECOVERING, Boolean.toString(firing.recovering()));
        data.put(HOPS, Integer.toString(hops));
        return data;
    }
}
