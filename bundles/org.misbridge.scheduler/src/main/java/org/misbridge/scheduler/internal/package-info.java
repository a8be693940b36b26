/** Quartz behind {@link org.misbridge.scheduler.SchoolScheduler}: its setup, the school jobs, the cluster's node guard. */
@NullMarked
package org.misbridge.scheduler.internal;

import org.jspecify.annotations.NullMarked;
