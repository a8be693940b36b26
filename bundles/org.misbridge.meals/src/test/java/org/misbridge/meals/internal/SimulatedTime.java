package org.misbridge.meals.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and a scheduler on simulated time, so that an hour of retries runs in seconds: tasks run
 * on the test's thread, in order, when {@link #advance} moves the time past when they are due, and
 * the clock reads the time of the task being run. Every delay asked for is kept, to check a retry
 * policy against. Only what the meal exporter uses is supported.
 */
final class SimulatedTime extends AbstractExecutorService implements ScheduledExecutorService {

    /** A delay asked for at a moment of simulated time. */
    record Scheduled(Instant at, Duration delay) {
    }

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<Instant> ran = new ArrayList<>();
    private Instant now;
    private long sequence;
    private boolean shutdown;

    SimulatedTime(Instant start) {
        this.now = start;
    }

    synchronized Instant now() {
        return now;
    }

    /** A clock that reads this simulated time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /** Runs, in order, every task due within {@code by}, each at its own moment; then the time is now + by. */
    void advance(Duration by) {
        Instant until;
        synchronized (this) {
            until = now.plus(by);
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(until)) {
                    now = until;
                    return;
                }
                queue.poll();
                if (next.isCancelled()) {
                    continue;
                }
                now = next.due;
                ran.add(now);
            }
            next.run();
        }
    }

    /** Every non-cancelled delay asked for, in order. */
    synchronized List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    /** When tasks ran, in order. */
    synchronized List<Instant> ran() {
        return List.copyOf(ran);
    }

    synchronized int waiting() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(command, null, now.plusNanos(unit.toNanos(delay)), sequence++), delay, unit);
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, now.plusNanos(unit.toNanos(delay)), sequence++), delay, unit);
    }

    private <V> Task<V> enqueue(Task<V> task, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        scheduled.add(new Scheduled(now, Duration.ofNanos(unit.toNanos(delay))));
        queue.add(task);
        return task;
    }

    /** Runs at once on the caller's thread (the exporter's pushNow waits for it). */
    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        final Instant due;
        final long seq;

        Task(Runnable runnable, V result, Instant due, long seq) {
            super(runnable, result);
            this.due = due;
            this.seq = seq;
        }

        Task(Callable<V> callable, Instant due, long seq) {
            super(callable);
            this.due = due;
            this.seq = seq;
        }

        @Override
        public boolean isPeriodic() {
            return false;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
