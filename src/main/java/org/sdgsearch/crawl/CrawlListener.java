package org.sdgsearch.crawl;

/**
 * Hears how a crawl is going. Called from crawler threads after every URL, so implementations must be cheap and
 * thread-safe (store the snapshot, do not do I/O).
 */
@FunctionalInterface
public interface CrawlListener {

    /** A listener that ignores everything. */
    CrawlListener NONE = soFar -> { };

    /** The counters so far; {@code soFar.finished()} is the time of the snapshot. */
    void progress(CrawlReport soFar);
}
