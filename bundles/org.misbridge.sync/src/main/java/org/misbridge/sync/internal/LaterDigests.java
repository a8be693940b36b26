package org.misbridge.sync.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.directory.DigestUpdate;
import org.slf4j.MDC;

/**
 * A plan's digest update, which the store asks for only once the change set's rows are written. A
 * whole-directory plan digests every family (a second or more at 100,000 students); started on a
 * thread of its own as the write begins, that work runs while the database takes the rows. Asked
 * for without being started, it is worked out on the asking thread.
 */
final class LaterDigests implements Supplier<DigestUpdate> {

    private final FutureTask<DigestUpdate> task;

    LaterDigests(Callable<DigestUpdate> work) {
        this.task = new FutureTask<>(work);
    }

    /** An update already known. */
    static LaterDigests of(DigestUpdate update) {
        LaterDigests known = new LaterDigests(() -> update);
        known.task.run();
        return known;
    }

    /** Starts the work on a thread of its own, once; {@code school} names the thread and its log lines. */
    void start(String school) {
        if (task.isDone()) {
            return;
        }
        Thread worker = new Thread(() -> {
            MDC.put(SchoolProperties.SCHOOL_ID, school);
            task.run();
        }, "misbridge-digests-" + school);
        worker.setDaemon(true);
        worker.start();
    }

    /** The update; waits for the work if it is under way, or does it here if it is not. */
    @Override
    public DigestUpdate get() {
        task.run(); // does nothing when the work has started elsewhere or is done
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working out the family digests", e);
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
}
