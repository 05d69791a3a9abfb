package org.sdgsearch.extract;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each extraction on a daemon worker thread so that the caller can give up after the time limit.
 *
 * <p>Giving up is not stopping: the worker is interrupted and the parse checks its {@link Deadline}, but a thread
 * stuck inside a library's own loop may keep running for a while. Such threads keep their slot until they really
 * end, and the number of slots is capped, so runaway parses can slow extraction down but never grow the number of
 * threads without bound. When every slot is held for a whole time limit, the next document fails with
 * {@link Result.Busy} instead of queueing forever. Threads are daemons so that a stuck one never blocks shutdown;
 * idle ones end after a minute (a cached pool).
 */
final class ExtractionWorkers implements AutoCloseable {

    /** What became of a task. */
    sealed interface Result<T> permits Result.Done, Result.Failed, Result.TimedOut, Result.Busy {
        record Done<T>(T value) implements Result<T> {
        }

        record Failed<T>(Throwable error) implements Result<T> {
        }

        record TimedOut<T>() implements Result<T> {
        }

        record Busy<T>(int stuck) implements Result<T> {
        }
    }

    private final int maxWorkers;
    private final Semaphore slots;
    private final ExecutorService pool;

    ExtractionWorkers(int maxWorkers) {
        this.maxWorkers = maxWorkers;
        this.slots = new Semaphore(maxWorkers);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "sdg-extract-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newCachedThreadPool(factory);
    }

    <T> Result<T> run(Callable<T> task, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        try {
            if (!slots.tryAcquire(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Result.Busy<>(busy());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed<>(e);
        }
        Job<T> job = new Job<>(task);
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            slots.release();
            return new Result.Failed<>(e);
        }
        try {
            return new Result.Done<>(job.result.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            job.stop();
            return new Result.TimedOut<>();
        } catch (ExecutionException e) {
            return new Result.Failed<>(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            job.stop();
            Thread.currentThread().interrupt();
            return new Result.Failed<>(e);
        }
    }

    /** Workers running now, abandoned ones included. */
    int busy() {
        return maxWorkers - slots.availablePermits();
    }

    /** Waits until no worker runs (for tests and orderly shutdown); false if that did not happen in time. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        if (slots.tryAcquire(maxWorkers, limit.toNanos(), TimeUnit.NANOSECONDS)) {
            slots.release(maxWorkers);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private final class Job<T> implements Runnable {
        private final Callable<T> task;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private Thread runner;
        private boolean finished;

        Job(Callable<T> task) {
            this.task = task;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                synchronized (this) {
                    finished = true;
                    runner = null;
                }
                // An interrupt aimed at this job must not hit the next one that reuses the thread.
                Thread.interrupted();
                slots.release();
            }
        }

        synchronized void stop() {
            if (!finished && runner != null) {
                runner.interrupt();
            }
        }
    }
}
