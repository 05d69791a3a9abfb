package org.sdgsearch.crawl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.sdgsearch.source.Source;

/**
 * Runs crawl jobs in the background: never two crawls of the same source at once, cancellable, with live progress
 * and an observer that keeps the (persisted) history.
 */
public final class CrawlJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CrawlJobs.class);
    /** How long closing waits for cancelled crawls to commit what they fetched. */
    static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(20);

    /**
     * A crawl job's state.
     *
     * @param sourceId the source
     * @param state    RUNNING, FINISHED, CANCELLED or FAILED
     * @param progress counts so far (final counts once finished)
     * @param error    why it failed, or null
     */
    public record Job(String sourceId, String state, CrawlReport progress, String error) {
    }

    /**
     * Hears about every job: progress snapshots (from crawler threads, so cheap and thread-safe) and the end of each
     * job (for persisted history, metrics and schedules).
     */
    public interface Observer {

        /** Ignores everything. */
        Observer NONE = new Observer() {
        };

        /** A crawl of the source is about to start. */
        default void started(String sourceId) {
        }

        /** The counters of a running crawl so far. */
        default void progress(CrawlReport soFar) {
        }

        /** A job ended (finished, cancelled or failed), with its final counts. */
        default void finished(Job job) {
        }
    }

    private final Crawler crawler;
    private final DocumentSink sink;
    private final Observer observer;
    private final ExecutorService executor;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private static final class Running {
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile CrawlReport progress;

        Running(String sourceId) {
            Instant now = Instant.now();
            progress = new CrawlReport(sourceId, now, null, 0, 0, 0, 0, 0, 0, 0, 0, false);
        }
    }

    /**
     * @param parallelSources how many sources are crawled at the same time (each crawl is itself parallel per host)
     */
    public CrawlJobs(Crawler crawler, DocumentSink sink, int parallelSources) {
        this(crawler, sink, parallelSources, Observer.NONE);
    }

    /**
     * @param parallelSources how many sources are crawled at the same time
     * @param observer        hears progress and the end of every job
     */
    public CrawlJobs(Crawler crawler, DocumentSink sink, int parallelSources, Observer observer) {
        this.crawler = crawler;
        this.sink = sink;
        this.observer = observer;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, parallelSources), r -> {
            Thread t = new Thread(r, "crawl-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a crawl of the source unless one is running; returns whether it started. */
    public boolean start(Source source) {
        Running r = new Running(source.id());
        if (running.putIfAbsent(source.id(), r) != null) {
            return false;
        }
        try {
            observer.started(source.id());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Crawl observer failed on the start of %s", source.id());
        }
        executor.submit(() -> run(source, r));
        return true;
    }

    private void run(Source source, Running r) {
        String state = "FINISHED";
        String error = null;
        try {
            LOG.infof("Crawl of %s started", source.id());
            CrawlReport report = crawler.crawl(source, sink, p -> {
                r.progress = p;
                observer.progress(p);
            }, r.cancelled::get);
            r.progress = report;
            sink.commit();
            if (report.cancelled()) {
                state = "CANCELLED";
            }
            LOG.infof("Crawl of %s %s: %s", source.id(), state.toLowerCase(java.util.Locale.ROOT), report);
        } catch (RuntimeException e) {
            state = "FAILED";
            error = String.valueOf(e);
            LOG.errorf(e, "Crawl of %s failed", source.id());
        } finally {
            Job job = new Job(source.id(), state, r.progress, error);
            // Before the job leaves "running": whoever sees it gone finds it in the observer's (persisted) history.
            try {
                observer.finished(job);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Crawl observer failed on the end of %s", source.id());
            }
            running.remove(source.id(), r);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until no crawl is running, at most {@code timeout}; returns whether all crawls finished. For tests and
     * for orderly shutdown.
     */
    public synchronized boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Asks a running crawl to stop; returns whether one was running. */
    public boolean cancel(String sourceId) {
        Running r = running.get(sourceId);
        if (r == null) {
            return false;
        }
        r.cancelled.set(true);
        return true;
    }

    /** Whether a crawl of the source is running. */
    public boolean isRunning(String sourceId) {
        return running.containsKey(sourceId);
    }

    /** The running crawl of a source, if any. */
    public Optional<Job> current(String sourceId) {
        Running r = running.get(sourceId);
        return r == null ? Optional.empty() : Optional.of(new Job(sourceId, "RUNNING", r.progress, null));
    }

    /** All running crawls. */
    public List<Job> running() {
        List<Job> out = new ArrayList<>();
        running.forEach((id, r) -> out.add(new Job(id, "RUNNING", r.progress, null)));
        return out;
    }


    @Override
    public void close() {
        running.values().forEach(r -> r.cancelled.set(true));
        // Let cancelled crawls reach their final commit before the index closes under them. No interrupt first:
        // an interrupt during file I/O closes Lucene's channels (ClosedChannelException) and loses that commit.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warnf("Crawls did not stop within %s; interrupting them (the next crawl resumes from the last "
                        + "commit)", SHUTDOWN_WAIT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
