package org.sdgsearch.crawl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How the crawler behaves. {@link #defaults()} is polite enough for partners' production sites; tests and benchmarks
 * change a few values through {@link #toBuilder()}. Property names under {@code sdg.crawl.*} are listed in the README.
 *
 * @param userAgent              User-Agent header; must name us and carry a contact URL
 * @param defaultDelay           pause between two requests to one host (when robots.txt says nothing longer)
 * @param maxCrawlDelay          cap on a robots.txt Crawl-delay
 * @param connectTimeout         TCP/TLS connect timeout
 * @param readTimeout            time to wait for response headers, and longest silence while reading a body
 * @param maxFetchTime           longest time for one whole response
 * @param maxBodyBytes           bodies above this (after decompression) are aborted
 * @param maxUrlLength           longer URLs are taken as traps
 * @param maxRedirects           redirect hops followed per fetch
 * @param threads                fetch threads (hosts fetched in parallel)
 * @param maxRetries             retries of a transient failure within one crawl
 * @param politeness             false only for benchmarks: no delay, and {@code threads} connections per host
 * @param retryBackoff           first retry delay, doubled at each retry
 * @param maxRetryAfter          a longer Retry-After parks the host until the next crawl
 * @param initialRecrawlInterval recrawl interval of a newly fetched URL
 * @param minRecrawlInterval     lower bound of the adaptive interval (content changes often)
 * @param maxRecrawlInterval     upper bound of the adaptive interval (content never changes)
 * @param errorRetryInterval     wait before re-trying a failed URL in a later crawl, doubled per consecutive failure
 * @param robotsCacheTtl         how long a robots.txt is trusted (RFC 9309: at most 24 hours)
 * @param robotsFailureTtl       how long an unreachable robots.txt defers a host before it is asked again
 * @param maxQueryVariants       distinct query strings of one path followed per crawl
 * @param maxPathSegments        deeper paths are taken as traps
 * @param maxSegmentRepeats      one path segment repeated more often is taken as a trap (/a/b/a/b/a/b)
 * @param maxYearsAhead          calendar-like URLs more years ahead than this are taken as traps
 * @param windowSize             queued URLs held in memory at once; the rest of the frontier stays in the store
 * @param commitInterval         the sink and the status store are committed at least this often
 * @param commitEvery            ... and after this many processed URLs
 * @param maxSitemaps            sitemaps (including those in indexes) read per crawl of a source
 * @param contentTypes           media types fetched (prefixes, lower case); anything else is aborted after headers
 * @param progressInterval       how often a progress line is logged
 * @param addressAllowed         the SSRF guard: checked on the resolved addresses before every request (every
 *                               redirect hop, robots.txt, sitemaps); see {@link AddressGuard}
 */
public record CrawlerSettings(String userAgent, Duration defaultDelay, Duration maxCrawlDelay,
                              Duration connectTimeout, Duration readTimeout, Duration maxFetchTime, long maxBodyBytes,
                              int maxUrlLength, int maxRedirects, int threads, int maxRetries, boolean politeness,
                              Duration retryBackoff, Duration maxRetryAfter, Duration initialRecrawlInterval,
                              Duration minRecrawlInterval, Duration maxRecrawlInterval, Duration errorRetryInterval,
                              Duration robotsCacheTtl, Duration robotsFailureTtl, int maxQueryVariants,
                              int maxPathSegments, int maxSegmentRepeats, int maxYearsAhead, int windowSize,
                              Duration commitInterval, int commitEvery, int maxSitemaps, List<String> contentTypes,
                              Duration progressInterval, Predicate<InetAddress> addressAllowed) {

    /** Media types we can extract: HTML, PDF, Office, ODF, RTF, plain text, EPUB. */
    public static final List<String> DEFAULT_CONTENT_TYPES = List.of(
            "text/html", "application/xhtml+xml", "application/pdf", "text/plain", "application/rtf", "text/rtf",
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.",
            "application/epub+zip",
            // Many servers label every download this way; the extractor detects the real type from the bytes.
            "application/octet-stream");

    public CrawlerSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(addressAllowed, "addressAllowed");
        if (threads < 1 || maxRedirects < 0 || maxRetries < 0 || windowSize < 10 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("invalid crawler settings");
        }
        contentTypes = contentTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Polite defaults for production. Every address is allowed here, so that tests and benchmarks crawl loopback
     * fixtures; the application sets the configured {@link AddressGuard}.
     */
    public static CrawlerSettings defaults() {
        return new CrawlerSettings("SDGSearchBot/0.1 (+https://github.com/sdg-search/sdg-search#crawler)",
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(2), 50L * 1024 * 1024, 2048, 5, 16, 2, true, Duration.ofSeconds(2),
                Duration.ofMinutes(10), Duration.ofDays(1), Duration.ofHours(6), Duration.ofDays(30),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(10), 200, 30, 3, 2, 10_000,
                Duration.ofSeconds(10), 1000, 500, DEFAULT_CONTENT_TYPES, Duration.ofSeconds(5),
                AddressGuard.ALLOW_ALL);
    }

    /** The robots.txt product token: the User-Agent up to the first '/' or space, e.g. "SDGSearchBot". */
    public String robotsAgent() {
        String ua = userAgent.strip();
        int end = ua.length();
        for (int i = 0; i < ua.length(); i++) {
            char c = ua.charAt(i);
            if (c == '/' || c == ' ') {
                end = i;
                break;
            }
        }
        return ua.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few settings; mainly for tests and benchmarks. */
    public static final class Builder {
        private String userAgent;
        private Duration defaultDelay;
        private Duration maxCrawlDelay;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration maxFetchTime;
        private long maxBodyBytes;
        private int maxUrlLength;
        private int maxRedirects;
        private int threads;
        private int maxRetries;
        private boolean politeness;
        private Duration retryBackoff;
        private Duration maxRetryAfter;
        private Duration initialRecrawlInterval;
        private Duration minRecrawlInterval;
        private Duration maxRecrawlInterval;
        private Duration errorRetryInterval;
        private Duration robotsCacheTtl;
        private Duration robotsFailureTtl;
        private int maxQueryVariants;
        private int maxPathSegments;
        private int maxSegmentRepeats;
        private int maxYearsAhead;
        private int windowSize;
        private Duration commitInterval;
        private int commitEvery;
        private int maxSitemaps;
        private List<String> contentTypes;
        private Duration progressInterval;
        private Predicate<InetAddress> addressAllowed;

        private Builder(CrawlerSettings s) {
            userAgent = s.userAgent;
            defaultDelay = s.defaultDelay;
            maxCrawlDelay = s.maxCrawlDelay;
            connectTimeout = s.connectTimeout;
            readTimeout = s.readTimeout;
            maxFetchTime = s.maxFetchTime;
            maxBodyBytes = s.maxBodyBytes;
            maxUrlLength = s.maxUrlLength;
            maxRedirects = s.maxRedirects;
            threads = s.threads;
            maxRetries = s.maxRetries;
            politeness = s.politeness;
            retryBackoff = s.retryBackoff;
            maxRetryAfter = s.maxRetryAfter;
            initialRecrawlInterval = s.initialRecrawlInterval;
            minRecrawlInterval = s.minRecrawlInterval;
            maxRecrawlInterval = s.maxRecrawlInterval;
            errorRetryInterval = s.errorRetryInterval;
            robotsCacheTtl = s.robotsCacheTtl;
            robotsFailureTtl = s.robotsFailureTtl;
            maxQueryVariants = s.maxQueryVariants;
            maxPathSegments = s.maxPathSegments;
            maxSegmentRepeats = s.maxSegmentRepeats;
            maxYearsAhead = s.maxYearsAhead;
            windowSize = s.windowSize;
            commitInterval = s.commitInterval;
            commitEvery = s.commitEvery;
            maxSitemaps = s.maxSitemaps;
            contentTypes = s.contentTypes;
            progressInterval = s.progressInterval;
            addressAllowed = s.addressAllowed;
        }

        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder defaultDelay(Duration v) { defaultDelay = v; return this; }
        public Builder maxCrawlDelay(Duration v) { maxCrawlDelay = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder maxFetchTime(Duration v) { maxFetchTime = v; return this; }
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder maxUrlLength(int v) { maxUrlLength = v; return this; }
        public Builder maxRedirects(int v) { maxRedirects = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder politeness(boolean v) { politeness = v; return this; }
        public Builder retryBackoff(Duration v) { retryBackoff = v; return this; }
        public Builder maxRetryAfter(Duration v) { maxRetryAfter = v; return this; }
        public Builder initialRecrawlInterval(Duration v) { initialRecrawlInterval = v; return this; }
        public Builder minRecrawlInterval(Duration v) { minRecrawlInterval = v; return this; }
        public Builder maxRecrawlInterval(Duration v) { maxRecrawlInterval = v; return this; }
        public Builder errorRetryInterval(Duration v) { errorRetryInterval = v; return this; }
        public Builder robotsCacheTtl(Duration v) { robotsCacheTtl = v; return this; }
        public Builder robotsFailureTtl(Duration v) { robotsFailureTtl = v; return this; }
        public Builder maxQueryVariants(int v) { maxQueryVariants = v; return this; }
        public Builder maxPathSegments(int v) { maxPathSegments = v; return this; }
        public Builder maxSegmentRepeats(int v) { maxSegmentRepeats = v; return this; }
        public Builder maxYearsAhead(int v) { maxYearsAhead = v; return this; }
        public Builder windowSize(int v) { windowSize = v; return this; }
        public Builder commitInterval(Duration v) { commitInterval = v; return this; }
        public Builder commitEvery(int v) { commitEvery = v; return this; }
        public Builder maxSitemaps(int v) { maxSitemaps = v; return this; }
        public Builder contentTypes(List<String> v) { contentTypes = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }
        public Builder addressAllowed(Predicate<InetAddress> v) { addressAllowed = v; return this; }

        public CrawlerSettings build() {
            return new CrawlerSettings(userAgent, defaultDelay, maxCrawlDelay, connectTimeout, readTimeout,
                    maxFetchTime, maxBodyBytes, maxUrlLength, maxRedirects, threads, maxRetries, politeness,
                    retryBackoff, maxRetryAfter, initialRecrawlInterval, minRecrawlInterval, maxRecrawlInterval,
                    errorRetryInterval, robotsCacheTtl, robotsFailureTtl, maxQueryVariants, maxPathSegments,
                    maxSegmentRepeats, maxYearsAhead, windowSize, commitInterval, commitEvery, maxSitemaps,
                    contentTypes, progressInterval, addressAllowed);
        }
    }
}
