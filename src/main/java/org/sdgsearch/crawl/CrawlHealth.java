package org.sdgsearch.crawl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A partnership's crawl health, fit to show to the partner: how much of the site is indexed, what robots rules kept
 * out, what is gone, which documents failed and why, and which pages are slow. Built from the crawl-status store.
 *
 * @param sourceId          the source (partnership)
 * @param pagesIndexed      URLs whose document is in the index (fetched or unchanged)
 * @param documentsIndexed  distinct documents of the partnership in the index (duplicates counted once)
 * @param blockedByRobots   URLs kept out by robots.txt, robots meta or X-Robots-Tag
 * @param gone              URLs removed at the source (410, 404 twice, no longer linked)
 * @param failed            URLs whose last attempt failed
 * @param redirected        URLs that redirect elsewhere
 * @param outOfScope        URLs outside the configured scope or suspected traps
 * @param waiting           URLs discovered and not fetched yet
 * @param failures          the most recent failures with their reason
 * @param slowest           the slowest indexed pages by last fetch time
 * @param lastCrawl         the last crawl's counters, or null when never crawled
 */
public record CrawlHealth(String sourceId, long pagesIndexed, long documentsIndexed, long blockedByRobots, long gone,
                          long failed, long redirected, long outOfScope, long waiting, List<Failure> failures,
                          List<SlowPage> slowest, CrawlProgress lastCrawl) {

    /**
     * One failed URL.
     *
     * @param url        the URL
     * @param httpStatus last HTTP status, 0 when there was no answer
     * @param reason     why it failed
     * @param failures   consecutive failures
     * @param firstSeen  when the URL was first discovered
     * @param lastSeen   last time a crawl reached it
     * @param lastTried  last attempt
     */
    public record Failure(String url, int httpStatus, String reason, int failures, Instant firstSeen,
                          Instant lastSeen, Instant lastTried) {

        static Failure of(UrlRecord r) {
            return new Failure(r.url(), r.httpStatus(), r.reason(), r.failures(), r.firstSeen(), r.lastSeen(),
                    r.fetchedAt());
        }
    }

    /**
     * A slow page.
     *
     * @param url          the URL
     * @param milliseconds how long its last fetch took
     * @param fetchedAt    when
     */
    public record SlowPage(String url, long milliseconds, Instant fetchedAt) {
    }

    /** The most recent failures of a source. */
    public static List<Failure> failures(CrawlStatusStore store, String sourceId, int limit) {
        return store.failures(sourceId, limit).stream().map(Failure::of).toList();
    }

    /**
     * Builds the report.
     *
     * @param documents number of documents of the partnership in the index
     * @param lastCrawl the last crawl, or null
     */
    public static CrawlHealth of(CrawlStatusStore store, String sourceId, long documents, CrawlProgress lastCrawl,
                                 int maxFailures, int maxSlowest) {
        Map<CrawlStatus, Long> counts = store.counts(sourceId);
        PriorityQueue<UrlRecord> slow = new PriorityQueue<>(Comparator.comparing(UrlRecord::fetchDuration));
        store.forEach(sourceId, r -> {
            if (r.indexed() && r.fetchDuration() != null && maxSlowest > 0) {
                synchronized (slow) {
                    slow.add(r);
                    if (slow.size() > maxSlowest) {
                        slow.poll();
                    }
                }
            }
        });
        List<UrlRecord> slowest = new ArrayList<>(slow);
        slowest.sort(Comparator.comparing(UrlRecord::fetchDuration, Comparator.<Duration>reverseOrder()));
        return new CrawlHealth(sourceId,
                counts.getOrDefault(CrawlStatus.FETCHED, 0L) + counts.getOrDefault(CrawlStatus.NOT_MODIFIED, 0L),
                documents, counts.getOrDefault(CrawlStatus.DISALLOWED, 0L), counts.getOrDefault(CrawlStatus.GONE, 0L),
                counts.getOrDefault(CrawlStatus.ERROR, 0L), counts.getOrDefault(CrawlStatus.REDIRECTED, 0L),
                counts.getOrDefault(CrawlStatus.OUT_OF_SCOPE, 0L), counts.getOrDefault(CrawlStatus.DISCOVERED, 0L),
                failures(store, sourceId, maxFailures),
                slowest.stream().map(r -> new SlowPage(r.url(), r.fetchDuration().toMillis(), r.fetchedAt())).toList(),
                lastCrawl);
    }
}
