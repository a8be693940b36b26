package org.misbridge.sync.internal;

/** What a school's scheduled firing runs on this host: the school's sync, for that firing. */
@FunctionalInterface
interface ScheduledWork {

    void run(Firing firing);
}
