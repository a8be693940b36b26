/**
 * The host's schedule of school syncs, as the sync bundle uses it: a school's {@link SyncSchedule}
 * (rule 11), and the {@link SchoolScheduler} service that fires its {@link ScheduledWork}.
 */
@Version("1.0.0")
@NullMarked
package org.misbridge.scheduler;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
