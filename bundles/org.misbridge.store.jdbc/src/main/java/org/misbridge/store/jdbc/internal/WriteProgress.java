package org.misbridge.store.jdbc.internal;

import java.util.Locale;
import org.misbridge.api.SyncProgress;

/**
 * Counts the row changes a write has made and tells a listener, at most once per interval, how many
 * of them are done: a large school's apply takes many seconds, and a console should not go silent.
 */
final class WriteProgress {

    /** Nobody listening. */
    static final WriteProgress NONE = new WriteProgress(0, SyncProgress.NONE, 0);

    private final long total;
    private final SyncProgress listener;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long done;
    private long lastTold = started;

    WriteProgress(long total, SyncProgress listener, long intervalNanos) {
        this.total = total;
        this.listener = listener;
        this.intervalNanos = intervalNanos;
    }

    /** All is written and the commit begins (a large one takes seconds of its own): said when the write was long. */
    void committing() {
        if (this != NONE && System.nanoTime() - started >= intervalNanos) {
            listener.report(String.format(Locale.ROOT, "applying: all %,d row changes written, committing", total));
        }
    }

    /** {@code rows} more of the table's changes are written. */
    void written(String table, int rows) {
        if (this == NONE || rows == 0) {
            return;
        }
        done += rows;
        long now = System.nanoTime();
        if (now - lastTold >= intervalNanos) {
            lastTold = now;
            listener.report(String.format(Locale.ROOT, "applying: %,d of %,d row changes written (now %s)", done, total, table));
        }
    }
}
