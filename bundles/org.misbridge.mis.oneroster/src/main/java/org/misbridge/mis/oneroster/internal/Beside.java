package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.misbridge.api.spi.MisReadException;

/**
 * Part of a read done on a thread of its own, beside the reading thread; the reader takes its
 * result, or the error it met, when it needs it.
 */
final class Beside<T> {

    /** The part of the read. */
    interface Work<T> {
        T run() throws MisReadException, IOException;
    }

    private final FutureTask<T> task;

    private Beside(FutureTask<T> task) {
        this.task = task;
    }

    static <T> Beside<T> start(String threadName, Work<T> work) {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new Beside<>(task);
    }

    /** The result, once the work is done; the work's own error if it failed. */
    T join() throws MisReadException, IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the read went on beside it", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MisReadException m) {
                throw m;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits for the work to end, whatever it came to: the read has failed already, and its files close after. */
    void awaitQuietly() {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the reader reports its own, earlier error
        }
    }
}
