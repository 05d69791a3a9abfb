package org.sdgsearch.crawl;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.Extractor;
import org.sdgsearch.source.Source;

/**
 * The crawler's facade: crawls one source (its websites and document folders) politely and incrementally, delivering
 * documents to a {@link DocumentSink} and keeping every URL's state in a {@link CrawlStatusStore}.
 *
 * <p>One instance serves the whole application: it owns the HTTP client, the robots.txt cache and the per-host
 * politeness clock. Crawls of different sources may run at the same time, and share each host's single connection;
 * one source should not be crawled twice at once (the caller schedules that).
 */
public final class Crawler implements AutoCloseable {

    // Shared by all runs: the document index and the status store are shared too, so a commit of one source's run
    // must not slip between another run's delivery of a document and its FETCHED record.
    private final java.util.concurrent.locks.ReentrantReadWriteLock commitLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock(true);

    private final CrawlerSettings settings;
    private final Function<org.sdgsearch.crawl.FetchedResource, Extraction> extractor;
    private final CrawlStatusStore store;
    private final Fetcher fetcher;
    private final RobotsCache robots;
    /** Shared by concurrent crawls, so that two sources on one host still mean one connection to it. */
    private final HostClock hosts = new HostClock();
    private final Clock clock;

    /** The crawler as the application builds it. */
    public Crawler(CrawlerSettings settings, Extractor extractor, CrawlStatusStore store) {
        this(settings, Objects.requireNonNull(extractor, "extractor")::extract, store);
    }

    /**
     * A crawler with any extraction function (benchmarks and tests that need no Tika). The function must not throw:
     * failures are {@link org.sdgsearch.extract.ExtractionFailure} values.
     */
    public Crawler(CrawlerSettings settings, Function<FetchedResource, Extraction> extractor,
                   CrawlStatusStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Clock.systemUTC();
        this.fetcher = new Fetcher(settings);
        this.robots = new RobotsCache(fetcher, settings, clock);
    }

    /**
     * Crawls one source (its websites and document folders) incrementally, blocking until done or cancelled.
     *
     * @param source    what to crawl
     * @param sink      where documents go (and removals)
     * @param listener  hears progress (called often; must be cheap)
     * @param cancelled polled often; when it turns true the crawl stops soon, leaving its queue in the store for the
     *                  next crawl
     * @return the counters of this crawl; never throws for anything a website or file does
     */
    public CrawlReport crawl(Source source, DocumentSink sink, CrawlListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return new CrawlRun(settings, extractor, store, fetcher, robots, hosts, clock, source, sink,
                listener == null ? CrawlListener.NONE : listener, cancelled == null ? () -> false : cancelled,
                commitLock).run();
    }

    /**
     * Runs an action while no crawl of this crawler is between delivering a document and recording it, so that the
     * document index and the status store can be committed (or changed) together consistently.
     */
    public void exclusively(Runnable action) {
        commitLock.writeLock().lock();
        try {
            action.run();
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** The settings this crawler runs with. */
    public CrawlerSettings settings() {
        return settings;
    }

    /** Releases the HTTP machinery. The store and the extractor belong to the caller and stay open. */
    @Override
    public void close() {
        fetcher.close();
    }
}
