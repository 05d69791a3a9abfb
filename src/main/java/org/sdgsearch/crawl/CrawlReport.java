package org.sdgsearch.crawl;

import java.time.Instant;

/**
 * What one crawl of a source did. Counters, not exceptions: a crawl always ends with a report.
 *
 * @param sourceId    the source crawled
 * @param started     when the crawl started
 * @param finished    when it ended (for a progress snapshot: when the snapshot was taken)
 * @param discovered  URLs the store did not know before
 * @param fetched     pages and files downloaded in full (HTTP 2xx, changed files)
 * @param notModified conditional re-fetches answered 304, and unchanged files
 * @param failed      URLs that ended in ERROR (network, HTTP error, extraction failure)
 * @param removed     URLs whose document was removed from the index (410, 404 twice, dropped, noindex)
 * @param disallowed  URLs not fetched because robots.txt forbade it or could not be read
 * @param outOfScope  links and redirects outside the source's scope, suspected traps, unsupported content types
 * @param bytes       body bytes received (after decompression)
 * @param cancelled   whether the crawl stopped early because it was cancelled
 */
public record CrawlReport(String sourceId, Instant started, Instant finished, long discovered, long fetched,
                          long notModified, long failed, long removed, long disallowed, long outOfScope, long bytes,
                          boolean cancelled) {
}
