package org.sdgsearch.crawl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The persistent per-URL crawl state, which is also the frontier: queued URLs live here, not in memory, so that a
 * crawl killed at any point resumes without losing them and a million-URL frontier costs disk, not heap.
 *
 * <p>Writes are visible to reads of the same store at once; they become durable at {@link #commit()}. The crawler
 * commits its {@link DocumentSink} before the store, so that a record saying "fetched" always refers to a committed
 * document (after a crash, at worst a few pages are fetched again).
 *
 * <p>Implementations are thread-safe.
 */
public interface CrawlStatusStore extends AutoCloseable {

    /** The record of a URL of a source. */
    Optional<UrlRecord> get(String sourceId, String url);

    /**
     * Atomically reads and replaces the record of a URL: {@code change} gets the current record or null, and returns
     * the new record, or the same instance (or null) to leave the store untouched.
     *
     * @return the record now stored, or null if there is none
     */
    UrlRecord update(String sourceId, String url, UnaryOperator<UrlRecord> change);

    /** Stores (replaces) a record. */
    void put(UrlRecord record);

    /** Stores the outlinks found at a URL at its last fetch (normalised, in scope), replayed when it is not refetched. */
    void putLinks(String sourceId, String url, List<String> links);

    /** The outlinks stored for a URL, empty if none. */
    List<String> links(String sourceId, String url);

    /**
     * Queued URLs a crawl started at {@code crawlStart} may take ({@code queuedFrom <= crawlStart}), fewest links away
     * from the seeds first.
     */
    List<UrlRecord> queued(String sourceId, Instant crawlStart, int limit);

    /** Fetched URLs whose recrawl is due at {@code now}, most overdue first. */
    List<UrlRecord> due(String sourceId, Instant now, int limit);

    /**
     * URLs that may have a document in the index (FETCHED, NOT_MODIFIED, ERROR) not reached by any crawl since
     * {@code since}: dropped from the site.
     */
    List<UrlRecord> indexedNotSeenSince(String sourceId, Instant since, int limit);

    /** Most recent failures (status ERROR) of a source. */
    List<UrlRecord> failures(String sourceId, int limit);

    /** Number of URLs per status for a source (statuses with no URL are left out). */
    Map<CrawlStatus, Long> counts(String sourceId);

    /** Calls {@code action} for every URL record of a source, in no particular order. */
    void forEach(String sourceId, Consumer<UrlRecord> action);

    /** Forgets a source entirely (the source was deleted). */
    void deleteSource(String sourceId);

    /** Makes every change so far durable. */
    void commit();

    /** Commits and releases the store. */
    @Override
    void close();
}
