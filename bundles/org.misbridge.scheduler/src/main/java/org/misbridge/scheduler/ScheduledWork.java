package org.misbridge.scheduler;

/** What a school's scheduled firing runs on this host: the school's sync, for that firing. */
@FunctionalInterface
public interface ScheduledWork {

    void run(Firing firing);
}
