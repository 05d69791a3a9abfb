package org.sdgsearch.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every knob of SDG Search. Defaults work on a laptop; each can be overridden by a system property
 * ({@code -Dsdg.data-dir=...}) or an environment variable ({@code SDG_DATA_DIR=...}) as Quarkus does.
 * The README's configuration table documents them all.
 */
@ConfigMapping(prefix = "sdg")
public interface SdgSearchConfig {

    /** The sources file (partnerships, websites, folders, schedules). */
    @WithDefault("crawler-config/sources.yaml")
    String sourcesFile();

    /** The index field schema. */
    @WithDefault("index-schema/schema.yaml")
    String schemaFile();

    /** Where the index, the crawl-status store and backups live. */
    @WithDefault("data")
    String dataDir();

    /** Crawling. */
    Crawl crawl();

    /** The admin API. */
    Admin admin();

    /** Recrawl schedules. */
    Schedule schedule();

    /** The freshness report. */
    Freshness freshness();

    /** The admin API (issue 8). */
    interface Admin {
        /**
         * Password of the user {@code admin} (role admin), normally given as the environment variable
         * SDG_ADMIN_PASSWORD. Unset: the admin API is disabled (every admin request gets 401). Never committed.
         * Declared here so that it is a known, documented property; it is consumed before configuration mapping,
         * by {@link AdminUserConfig}, which turns it into the embedded elytron user.
         */
        Optional<String> password();
    }

    /** Recrawl schedules (cron per source in the sources file). */
    interface Schedule {
        /** Run the sources' cron schedules at all. */
        @WithDefault("true")
        boolean enabled();

        /** The time zone cron expressions are read in. */
        @WithDefault("UTC")
        String timeZone();

        /** At start, crawl once each source whose scheduled run fell while the service was down. */
        @WithDefault("true")
        boolean catchUp();
    }

    /** The freshness report. */
    interface Freshness {
        /** A partnership whose content has not changed for longer than this is listed as stale. */
        @WithDefault("180d")
        Duration staleAfter();
    }

    /** Searching. */
    Search search();

    /** Searching. */
    interface Search {
        /**
         * Searches that run at once; the others wait their turn in arrival order (0: one per core and one more,
         * which kept the throughput of running all at once and cut the slowest 1 % by a third on 2 cores).
         */
        @WithDefault("0")
        int concurrency();
    }

    /** Per-origin rate limit of the read-only search endpoints. */
    RateLimit rateLimit();

    /** Rate limit settings. */
    interface RateLimit {
        /** Sustained requests per second per origin (0 disables the limit). */
        @WithDefault("20")
        double perSecond();

        /** Requests an origin may send at once before the sustained rate applies. */
        @WithDefault("40")
        int burst();
    }

    /** Crawler settings. */
    interface Crawl {
        /** Crawl every source once when the application starts. */
        @WithDefault("true")
        boolean onStart();

        /** User-Agent sent with every request; keep a contact URL in it. */
        @WithDefault("SDGSearchBot/0.1 (+https://github.com/sdg-search/sdg-search; open-source SDG knowledge search)")
        String userAgent();

        /** Delay between two requests to the same host when robots.txt names none. */
        @WithDefault("1s")
        Duration delay();

        /** Upper bound of a robots.txt Crawl-delay we honour. */
        @WithDefault("30s")
        Duration maxCrawlDelay();

        /** TCP connect timeout. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Wait for the response headers, and longest silence while reading a body. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Largest body fetched; larger downloads are aborted. */
        @WithDefault("52428800")
        long maxBodyBytes();

        /** Hosts crawled in parallel. */
        @WithDefault("8")
        int threads();

        /** Sources crawled at the same time. */
        @WithDefault("2")
        int parallelSources();

        /** Optional override of the politeness delay for tests (never below the robots.txt Crawl-delay). */
        Optional<Boolean> politeness();

        /**
         * Let the crawler connect to loopback, private, link-local and metadata addresses (an intranet deployment).
         * Off, such addresses are refused when a source is added through the admin API and before every request
         * and redirect hop.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** CIDR blocks allowed although private, e.g. 127.0.0.1/32 for a local test site. */
        Optional<List<String>> allowedNetworks();

        /** Finished crawls kept per source in the history (data/crawl-history.jsonl). */
        @WithDefault("20")
        int historySize();

        /** How often running crawls log a progress line (key=value). */
        @WithDefault("10s")
        Duration progressLogInterval();
        /** Longest time for one whole response. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> maxFetchTime();

        /** Longer URLs are taken as traps. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxUrlLength();

        /** Redirect hops followed per URL. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxRedirects();

        /** Retries of a transient failure within one crawl. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxRetries();

        /** First retry delay, doubled per retry. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> retryBackoff();

        /** A longer Retry-After parks the host until the next crawl. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> maxRetryAfter();

        /** Recrawl interval of a newly fetched URL. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> initialRecrawlInterval();

        /** Lower bound of the adaptive recrawl interval. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> minRecrawlInterval();

        /** Upper bound of the adaptive recrawl interval. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> maxRecrawlInterval();

        /** Wait before retrying a failed URL in a later crawl, doubled per consecutive failure. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> errorRetryInterval();

        /** How long a robots.txt is trusted (RFC 9309: at most 24 hours). Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> robotsCacheTtl();

        /** How long an unreachable robots.txt defers its host. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> robotsFailureTtl();

        /** Distinct query strings of one path followed per crawl. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxQueryVariants();

        /** Deeper paths are taken as traps. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxPathSegments();

        /** A path segment repeated more often is taken as a trap. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxSegmentRepeats();

        /** Calendar-like URLs further ahead are taken as traps. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxYearsAhead();

        /** Queued URLs held in memory; the rest of the frontier stays in the status store. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt windowSize();

        /** The index and the status store are committed at least this often during a crawl. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<Duration> commitInterval();

        /** ... and after this many processed URLs. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt commitEvery();

        /** Sitemaps (including those in sitemap indexes) read per crawl of a source. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        OptionalInt maxSitemaps();

        /** Media type prefixes fetched (lower case); other responses are aborted after the headers. Unset: the built-in default of {@code CrawlerSettings.defaults()}. */
        Optional<List<String>> contentTypes();
    }

}
