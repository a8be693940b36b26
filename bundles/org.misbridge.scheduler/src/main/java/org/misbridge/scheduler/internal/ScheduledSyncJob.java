package org.misbridge.scheduler.internal;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one school: it carries only the school's id (its job key), so a clustered job
 * store can keep it, and runs the school's sync configured on the host that fires it. Never two of
 * one school at once, on any host.
 */
@DisallowConcurrentExecution
public final class ScheduledSyncJob implements Job {

    private final SyncScheduler scheduler;

    ScheduledSyncJob(SyncScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        scheduler.fire(context.getJobDetail().getKey().getName(), FiringData.of(context), FiringData.hops(context));
    }
}
