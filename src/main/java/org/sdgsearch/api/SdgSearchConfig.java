package org.sdgsearch.api;

import java.time.Duration;
import java.util.Optional;

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

    /** Extraction. */
    Extract extract();

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

        /** Time allowed for a whole response. */
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
    }

    /** Extraction settings. */
    interface Extract {
        /** Most characters of text kept per document. */
        @WithDefault("5000000")
        int maxChars();

        /** Time limit for parsing one document. */
        @WithDefault("60s")
        Duration timeout();
    }
}
