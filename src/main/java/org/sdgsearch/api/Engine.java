package org.sdgsearch.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;
import org.sdgsearch.classify.SdgClassifier;
import org.sdgsearch.classify.TrainedSdgClassifier;
import org.sdgsearch.crawl.AddressGuard;
import org.sdgsearch.crawl.CrawlHistory;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.crawl.CrawlProgress;
import org.sdgsearch.crawl.CrawlSchedule;
import org.sdgsearch.crawl.CrawlStatus;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.crawl.Crawler;
import org.sdgsearch.crawl.CrawlerSettings;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.Extractor;
import org.sdgsearch.extract.ExtractConfig;
import org.sdgsearch.index.DocumentIndex;
import org.sdgsearch.index.IndexSchema;
import org.sdgsearch.index.Indexer;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.Changes;
import org.sdgsearch.search.LuceneSearch;
import org.sdgsearch.search.SearchService;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.SourceCatalog;

/**
 * Wires the capabilities together at start-up, in the order data flows: sources, schema and index, classifier,
 * extractor, crawler, search. Start-up fails fast with a clear message on a broken sources file or schema.
 */
@Startup
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final SdgSearchConfig config;
    private final Path data;
    private final SourceCatalog catalog;
    private final AddressGuard guard;
    private final OpsMetrics metrics;
    private final CrawlHistory history;
    private final CrawlSchedule schedule;
    private final Changes changes;
    private final LuceneIndex index;
    private final LuceneCrawlStatusStore statusStore;
    private final SdgClassifier classifier;
    private final Extractor extractor;
    private final Crawler crawler;
    private final Indexer indexer;
    private final CrawlJobs jobs;
    private final LuceneSearch search;

    @Inject
    public Engine(SdgSearchConfig config, ExtractConfig extractConfig, MeterRegistry registry) {
        this.config = config;
        Path sourcesFile = Path.of(config.sourcesFile());
        this.data = Path.of(config.dataDir());
        // Sources changed through the admin API live in the data directory and are merged over crawler-config.
        this.catalog = new SourceCatalog(sourcesFile, data.resolve("sources-overrides.yaml"));
        IndexSchema schema = IndexSchema.load(Path.of(config.schemaFile()));
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + data.toAbsolutePath() + ": " + e, e);
        }
        this.index = new LuceneIndex(data.resolve("index"), schema);
        this.statusStore = new LuceneCrawlStatusStore(data.resolve("crawlstatus"));
        this.classifier = TrainedSdgClassifier.load();
        this.extractor = new Extractor(extractConfig.toSettings());
        this.guard = AddressGuard.of(config.crawl().allowPrivateAddresses(),
                config.crawl().allowedNetworks().orElse(List.of()));
        this.metrics = new OpsMetrics(registry);
        Function<FetchedResource, Extraction> extract = extractor::extract;
        this.crawler = new Crawler(crawlerSettings(config.crawl()).toBuilder().addressAllowed(guard).build(),
                metrics.countingFailures(extract), statusStore);
        this.indexer = new Indexer(index, classifier, catalog::get, Clock.systemUTC());
        this.history = new CrawlHistory(data.resolve("crawl-history.jsonl"), config.crawl().historySize());
        this.schedule = new CrawlSchedule(data.resolve("schedule-state.json"), ZoneId.of(config.schedule().timeZone()));
        this.jobs = new CrawlJobs(crawler, metrics.counting(indexer), config.crawl().parallelSources(),
                new CrawlJobs.Observer() {
                    @Override
                    public void started(String sourceId) {
                        schedule.ran(sourceId, Instant.now());
                        metrics.started(sourceId);
                    }

                    @Override
                    public void progress(org.sdgsearch.crawl.CrawlReport soFar) {
                        metrics.progress(soFar);
                    }

                    @Override
                    public void finished(CrawlJobs.Job job) {
                        metrics.finished(job);
                        history.add(job);
                        LOG.info(Engine.this.progress(job).logLine());
                    }
                });
        this.search = new LuceneSearch(index, this::partnershipNames);
        search.concurrency(config.search().concurrency());
        this.changes = new Changes(index);
        LOG.infof("SDG Search: %d sources from %s, %d documents in %s", catalog.all().size(), sourcesFile,
                index.count(), data.toAbsolutePath());
        if (config.crawl().onStart()) {
            catalog.all().forEach(jobs::start);
        }
    }

    /**
     * The crawler settings from the {@code sdg.crawl.*} properties; unset properties keep the built-in defaults.
     *
     * @throws IllegalArgumentException naming the property whose value is out of range
     */
    static CrawlerSettings crawlerSettings(SdgSearchConfig.Crawl c) {
        CrawlerSettings.Builder b = CrawlerSettings.defaults().toBuilder()
                .userAgent(c.userAgent())
                .defaultDelay(c.delay())
                .maxCrawlDelay(c.maxCrawlDelay())
                .connectTimeout(c.connectTimeout())
                .readTimeout(c.readTimeout())
                .maxBodyBytes(c.maxBodyBytes())
                .threads(c.threads())
                .politeness(c.politeness().orElse(true));
        c.maxFetchTime().ifPresent(v -> b.maxFetchTime(positive("sdg.crawl.max-fetch-time", v)));
        c.maxUrlLength().ifPresent(v -> b.maxUrlLength(atLeast("sdg.crawl.max-url-length", v, 1)));
        c.maxRedirects().ifPresent(v -> b.maxRedirects(atLeast("sdg.crawl.max-redirects", v, 0)));
        c.maxRetries().ifPresent(v -> b.maxRetries(atLeast("sdg.crawl.max-retries", v, 0)));
        c.retryBackoff().ifPresent(v -> b.retryBackoff(positive("sdg.crawl.retry-backoff", v)));
        c.maxRetryAfter().ifPresent(v -> b.maxRetryAfter(positive("sdg.crawl.max-retry-after", v)));
        c.initialRecrawlInterval().ifPresent(v -> b.initialRecrawlInterval(positive("sdg.crawl.initial-recrawl-interval", v)));
        c.minRecrawlInterval().ifPresent(v -> b.minRecrawlInterval(positive("sdg.crawl.min-recrawl-interval", v)));
        c.maxRecrawlInterval().ifPresent(v -> b.maxRecrawlInterval(positive("sdg.crawl.max-recrawl-interval", v)));
        c.errorRetryInterval().ifPresent(v -> b.errorRetryInterval(positive("sdg.crawl.error-retry-interval", v)));
        c.robotsCacheTtl().ifPresent(v -> b.robotsCacheTtl(positive("sdg.crawl.robots-cache-ttl", v)));
        c.robotsFailureTtl().ifPresent(v -> b.robotsFailureTtl(positive("sdg.crawl.robots-failure-ttl", v)));
        c.maxQueryVariants().ifPresent(v -> b.maxQueryVariants(atLeast("sdg.crawl.max-query-variants", v, 0)));
        c.maxPathSegments().ifPresent(v -> b.maxPathSegments(atLeast("sdg.crawl.max-path-segments", v, 1)));
        c.maxSegmentRepeats().ifPresent(v -> b.maxSegmentRepeats(atLeast("sdg.crawl.max-segment-repeats", v, 1)));
        c.maxYearsAhead().ifPresent(v -> b.maxYearsAhead(atLeast("sdg.crawl.max-years-ahead", v, 0)));
        c.windowSize().ifPresent(v -> b.windowSize(atLeast("sdg.crawl.window-size", v, 1)));
        c.commitInterval().ifPresent(v -> b.commitInterval(positive("sdg.crawl.commit-interval", v)));
        c.commitEvery().ifPresent(v -> b.commitEvery(atLeast("sdg.crawl.commit-every", v, 1)));
        c.maxSitemaps().ifPresent(v -> b.maxSitemaps(atLeast("sdg.crawl.max-sitemaps", v, 1)));
        c.contentTypes().ifPresent(v -> b.contentTypes(contentTypes("sdg.crawl.content-types", v)));
        CrawlerSettings s = b.build();
        if (s.minRecrawlInterval().compareTo(s.maxRecrawlInterval()) > 0) {
            throw new IllegalArgumentException("sdg.crawl.min-recrawl-interval (" + s.minRecrawlInterval()
                    + ") is longer than sdg.crawl.max-recrawl-interval (" + s.maxRecrawlInterval() + ")");
        }
        return s;
    }

    private static int atLeast(String property, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(property + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static java.time.Duration positive(String property, java.time.Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, got " + value);
        }
        return value;
    }

    private static List<String> contentTypes(String property, List<String> values) {
        List<String> out = values.stream().map(v -> v.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(v -> !v.isEmpty()).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException(property + " must name at least one media type");
        }
        return out;
    }

    /** The configuration. */
    public SdgSearchConfig config() {
        return config;
    }

    /** Sources by id, in configuration order (crawler-config, then those added through the admin API). */
    public Map<String, Source> sources() {
        Map<String, Source> out = new LinkedHashMap<>();
        catalog.all().forEach(s -> out.put(s.id(), s));
        return out;
    }

    /** Partnership id → display name. */
    public Map<String, String> partnershipNames() {
        Map<String, String> out = new LinkedHashMap<>();
        catalog.all().forEach(s -> out.put(s.id(), s.name()));
        return out;
    }

    /** The sources in force with where each comes from. */
    public SourceCatalog catalog() {
        return catalog;
    }

    /** The SSRF guard in force. */
    public AddressGuard guard() {
        return guard;
    }

    /** Persisted crawl history. */
    public CrawlHistory history() {
        return history;
    }

    /** Last run times of the sources (for schedules). */
    public CrawlSchedule schedule() {
        return schedule;
    }

    /** New and changed documents, partnership freshness. */
    public Changes changes() {
        return changes;
    }

    OpsMetrics metrics() {
        return metrics;
    }

    /** The progress view of a job, with an estimate from the store's frontier and the last crawl. */
    public CrawlProgress progress(CrawlJobs.Job job) {
        long queued = -1;
        long previous = -1;
        if ("RUNNING".equals(job.state())) {
            queued = statusStore.counts(job.sourceId()).getOrDefault(CrawlStatus.DISCOVERED, 0L);
            for (CrawlJobs.Job j : history.of(job.sourceId())) {
                if ("FINISHED".equals(j.state())) {
                    previous = CrawlProgress.of(j, 0, -1).processed();
                    break;
                }
            }
        }
        return CrawlProgress.of(job, queued, previous);
    }

    /** The running crawl of a source, else its last crawl. */
    public Optional<CrawlProgress> progress(String sourceId) {
        Optional<CrawlJobs.Job> job = jobs.current(sourceId);
        if (job.isEmpty()) {
            job = Optional.ofNullable(history.last(sourceId));
        }
        return job.map(this::progress);
    }

    /** Adds or replaces a source (already validated) and persists it. */
    public void putSource(Source source, String text) {
        catalog.put(source, text);
    }

    /**
     * Removes a source: stops its crawl, forgets it, and removes its documents (or its name from shared documents),
     * its crawl status, history and schedule state.
     *
     * @return the number of documents changed or removed, or -1 when a running crawl did not stop in time
     */
    public int removeSource(String id) {
        if (jobs.cancel(id)) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (jobs.isRunning(id) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            if (jobs.isRunning(id)) {
                return -1;
            }
        }
        catalog.remove(id);
        int[] docs = new int[1];
        crawler.exclusively(() -> {
            docs[0] = indexer.removePartnership(id);
            indexer.commit();
            statusStore.deleteSource(id);
            statusStore.commit();
        });
        history.forget(id);
        schedule.forget(id);
        LOG.infof("source-removed source=%s documents=%d", id, docs[0]);
        return docs[0];
    }

    /**
     * A backup of the index.
     *
     * @param path  the backup directory
     * @param index the index inside it
     * @param files number of index files copied
     * @param bytes their total size
     * @param documents documents in the index at the time
     */
    public record Backup(String path, String index, int files, long bytes, int documents) {
    }

    /**
     * Writes a consistent snapshot of the last commit into {@code <data>/backups/<timestamp>/index} (and a copy of the
     * source overrides) while searches and crawls go on.
     */
    public synchronized Backup backup() throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = data.resolve("backups").resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = data.resolve("backups").resolve(stamp + "-" + i);
        }
        int documents = index.count();
        Map<String, Long> files = index.snapshot(dir.resolve("index"));
        Path overrides = data.resolve("sources-overrides.yaml");
        if (Files.exists(overrides)) {
            Files.copy(overrides, dir.resolve("sources-overrides.yaml"));
        }
        long bytes = files.values().stream().mapToLong(Long::longValue).sum();
        LOG.infof("backup path=%s files=%d bytes=%d documents=%d", dir, files.size(), bytes, documents);
        return new Backup(dir.toString(), dir.resolve("index").toString(), files.size(), bytes, documents);
    }

    public SearchService search() {
        return search;
    }

    public SdgClassifier classifier() {
        return classifier;
    }

    /** The document index, behind our own interface (the embedded Lucene index is one implementation). */
    public DocumentIndex index() {
        return index;
    }

    public Indexer indexer() {
        return indexer;
    }

    public CrawlJobs jobs() {
        return jobs;
    }

    public LuceneCrawlStatusStore statusStore() {
        return statusStore;
    }

    /** Starts crawls of the given sources (all when empty); returns the ids that started. */
    public List<String> crawl(List<String> ids) {
        Map<String, Source> sources = sources();
        return (ids.isEmpty() ? List.copyOf(sources.keySet()) : ids).stream()
                .filter(sources::containsKey)
                .filter(id -> jobs.start(sources.get(id)))
                .toList();
    }

    /** Detects the language of a plain text with the extractor's detector ("und" when unsure). */
    public String detectLanguage(String text) {
        java.net.URI uri = java.net.URI.create("urn:sdgsearch:classify");
        var r = new org.sdgsearch.crawl.FetchedResource(uri, uri, 200,
                Map.of("content-type", List.of("text/plain; charset=utf-8")),
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.time.Instant.now());
        return extractor.extract(r) instanceof org.sdgsearch.extract.ExtractedDocument d ? d.language() : "und";
    }

    @PreDestroy
    void close() {
        jobs.close();
        try {
            crawler.close();
        } catch (Exception e) {
            LOG.warn("Closing the crawler", e);
        }
        try {
            statusStore.close();
        } catch (Exception e) {
            LOG.warn("Closing the crawl-status store", e);
        }
        try {
            search.close();
            index.close();
        } catch (IOException e) {
            LOG.warn("Closing the index", e);
        }
    }
}
