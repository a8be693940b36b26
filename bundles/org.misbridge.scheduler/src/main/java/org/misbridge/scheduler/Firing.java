package org.misbridge.scheduler;

import java.time.Instant;

/**
 * One scheduled firing of a school's sync: the time the schedule fired it for, and whether it is a
 * firing another host had started when it died, now run again here (Quartz's recovery).
 *
 * @param scheduledFor the cron time of the firing, the same on whichever host runs it
 * @param recovering whether a dead host had begun this firing
 */
public record Firing(Instant scheduledFor, boolean recovering) {
}
