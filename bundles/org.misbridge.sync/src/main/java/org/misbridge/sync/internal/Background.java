package org.misbridge.sync.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.misbridge.api.SchoolProperties;
import org.slf4j.MDC;

/**
 * Work of one sync done on a thread of its own beside the sync's thread: the directory's load
 * while the MIS is read, and a whole-directory plan's family digests while the store writes the
 * rows (the store asks for them once the rows are in). Asked for before it was started, the work
 * is done on the asking thread; it is done once either way.
 */
final class Background<T> implements Supplier<T> {

    private final FutureTask<T> task;
    private volatile boolean started;

    Background(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** A result already known: starting it starts no thread. */
    static <T> Background<T> of(T value) {
        Background<T> known = new Background<>(() -> value);
        known.task.run();
        return known;
    }

    /** Starts the work on a thread named {@code thread}, once; its log lines carry {@code school}'s id. */
    Background<T> start(String thread, String school) {
        if (started || task.isDone()) {
            return this;
        }
        started = true;
        Thread worker = new Thread(() -> {
            MDC.put(SchoolProperties.SCHOOL_ID, school);
            task.run();
        }, thread);
        worker.setDaemon(true);
        worker.start();
        return this;
    }

    /** The result; waits for the work if it is under way, or does it here if it is not. The work's own failure is thrown. */
    @Override
    public T get() {
        task.run(); // does nothing when the work has started elsewhere or is done
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work done beside the sync", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for started work to end, whatever it came to, so that it never outlives the sync (and its school lock). */
    void awaitQuietly() {
        if (!started) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the sync has already failed or succeeded on its own terms; this adds nothing
        }
    }
}
