package org.sdgsearch.crawl;

/**
 * The state of one URL in the crawl-status store, carried with the URL as in StormCrawler.
 */
public enum CrawlStatus {
    /** Known and waiting to be fetched. */
    DISCOVERED,
    /** Fetched and handed to extraction and indexing. */
    FETCHED,
    /** Re-fetched conditionally and unchanged (HTTP 304 or same size and time for files). */
    NOT_MODIFIED,
    /** Answered with a redirect; the target was queued. */
    REDIRECTED,
    /** Removed at the source (410, 404 twice, dropped from the site); its document left the index. */
    GONE,
    /** Forbidden by robots.txt, robots meta or X-Robots-Tag. */
    DISALLOWED,
    /** Outside the source's scope rules or a suspected crawler trap. */
    OUT_OF_SCOPE,
    /** Failed with a reason (network, HTTP error, extraction failure). */
    ERROR
}
