package org.sdgsearch.crawl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the crawl-status store knows about one URL of one source. A URL published by two sources has two records,
 * because each partnership's crawl decides on its own what to fetch and what to remove.
 *
 * @param sourceId      the source the URL belongs to
 * @param url           the normalised URL
 * @param status        where the URL stands
 * @param reason        why (failure, redirect target, trap rule...), empty when nothing to say
 * @param depth         links away from a seed or sitemap (0 for those)
 * @param httpStatus    last HTTP status, 0 if never answered
 * @param etag          last ETag, or null
 * @param lastModified  last Last-Modified header as sent, or null
 * @param contentHash   hash of the last extracted text (change detection), or null
 * @param fetchedAt     last time bytes or a 304 came back, or null
 * @param nextFetchAt   when a recrawl is due; null when never fetched
 * @param interval      the adaptive recrawl interval
 * @param failures      consecutive failures (reset by a success)
 * @param firstSeen     when the URL was first discovered
 * @param lastSeen      last time a crawl reached it (seed, link, sitemap); drives "dropped from site"
 * @param fetchDuration how long the last fetch took, or null
 * @param queuedFrom    null when not waiting in the frontier; otherwise the instant from which a crawl may take it
 *                      (a crawl started at T takes those with {@code queuedFrom <= T}, so parking a URL for the next
 *                      crawl is setting it to now)
 * @param visitedAt     last time a crawl processed it (fetched, or re-read its links from the store), or null
 */
public record UrlRecord(String sourceId, String url, CrawlStatus status, String reason, int depth, int httpStatus,
                        String etag, String lastModified, String contentHash, Instant fetchedAt, Instant nextFetchAt,
                        Duration interval, int failures, Instant firstSeen, Instant lastSeen, Duration fetchDuration,
                        Instant queuedFrom, Instant visitedAt) {

    public UrlRecord {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        interval = interval == null ? Duration.ZERO : interval;
    }

    /** A URL seen for the first time, queued for the current crawl. */
    public static UrlRecord discovered(String sourceId, String url, int depth, Instant now) {
        return new UrlRecord(sourceId, url, CrawlStatus.DISCOVERED, "", depth, 0, null, null, null, null, null,
                Duration.ZERO, 0, now, now, null, Instant.EPOCH, null);
    }

    /**
     * Whether a document for this URL may be in the index: it was fetched and delivered, and has not been removed
     * since (a failure keeps the document until the URL is known to be gone, and a content hash marks a delivery).
     */
    public boolean indexed() {
        return status == CrawlStatus.FETCHED || status == CrawlStatus.NOT_MODIFIED
                || (status == CrawlStatus.ERROR && contentHash != null);
    }

    /** A builder starting from this record, to change a few fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a record with some fields changed; records this wide are unreadable with positional copies. */
    public static final class Builder {
        private final String sourceId;
        private final String url;
        private CrawlStatus status;
        private String reason;
        private int depth;
        private int httpStatus;
        private String etag;
        private String lastModified;
        private String contentHash;
        private Instant fetchedAt;
        private Instant nextFetchAt;
        private Duration interval;
        private int failures;
        private Instant firstSeen;
        private Instant lastSeen;
        private Duration fetchDuration;
        private Instant queuedFrom;
        private Instant visitedAt;

        private Builder(UrlRecord r) {
            sourceId = r.sourceId;
            url = r.url;
            status = r.status;
            reason = r.reason;
            depth = r.depth;
            httpStatus = r.httpStatus;
            etag = r.etag;
            lastModified = r.lastModified;
            contentHash = r.contentHash;
            fetchedAt = r.fetchedAt;
            nextFetchAt = r.nextFetchAt;
            interval = r.interval;
            failures = r.failures;
            firstSeen = r.firstSeen;
            lastSeen = r.lastSeen;
            fetchDuration = r.fetchDuration;
            queuedFrom = r.queuedFrom;
            visitedAt = r.visitedAt;
        }

        public Builder status(CrawlStatus v, String why) { status = v; reason = why; return this; }
        public Builder depth(int v) { depth = v; return this; }
        public Builder httpStatus(int v) { httpStatus = v; return this; }
        public Builder etag(String v) { etag = v; return this; }
        public Builder lastModified(String v) { lastModified = v; return this; }
        public Builder contentHash(String v) { contentHash = v; return this; }
        public Builder fetchedAt(Instant v) { fetchedAt = v; return this; }
        public Builder nextFetchAt(Instant v) { nextFetchAt = v; return this; }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder failures(int v) { failures = v; return this; }
        public Builder lastSeen(Instant v) { lastSeen = v; return this; }
        public Builder fetchDuration(Duration v) { fetchDuration = v; return this; }
        public Builder queuedFrom(Instant v) { queuedFrom = v; return this; }
        public Builder visitedAt(Instant v) { visitedAt = v; return this; }

        public UrlRecord build() {
            return new UrlRecord(sourceId, url, status, reason, depth, httpStatus, etag, lastModified, contentHash,
                    fetchedAt, nextFetchAt, interval, failures, firstSeen, lastSeen, fetchDuration, queuedFrom,
                    visitedAt);
        }
    }
}
