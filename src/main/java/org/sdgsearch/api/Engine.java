package org.sdgsearch.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;
import org.sdgsearch.classify.SdgClassifier;
import org.sdgsearch.classify.TrainedSdgClassifier;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.crawl.Crawler;
import org.sdgsearch.crawl.CrawlerSettings;
import org.sdgsearch.extract.Extractor;
import org.sdgsearch.extract.ExtractorSettings;
import org.sdgsearch.index.IndexSchema;
import org.sdgsearch.index.Indexer;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.LuceneSearch;
import org.sdgsearch.search.SearchService;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.SourceLoader;

/**
 * Wires the capabilities together at start-up, in the order data flows: sources, schema and index, classifier,
 * extractor, crawler, search. Start-up fails fast with a clear message on a broken sources file or schema.
 */
@Startup
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final SdgSearchConfig config;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final LuceneIndex index;
    private final LuceneCrawlStatusStore statusStore;
    private final SdgClassifier classifier;
    private final Extractor extractor;
    private final Crawler crawler;
    private final Indexer indexer;
    private final CrawlJobs jobs;
    private final LuceneSearch search;

    @Inject
    public Engine(SdgSearchConfig config) {
        this.config = config;
        Path sourcesFile = Path.of(config.sourcesFile());
        for (Source s : SourceLoader.load(sourcesFile)) {
            sources.put(s.id(), s);
        }
        IndexSchema schema = IndexSchema.load(Path.of(config.schemaFile()));
        Path data = Path.of(config.dataDir());
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + data.toAbsolutePath() + ": " + e, e);
        }
        this.index = new LuceneIndex(data.resolve("index"), schema);
        this.statusStore = new LuceneCrawlStatusStore(data.resolve("crawlstatus"));
        this.classifier = TrainedSdgClassifier.load();
        SdgSearchConfig.Extract ex = config.extract();
        this.extractor = new Extractor(ExtractorSettings.defaults().withMaxChars(ex.maxChars()).withTimeout(ex.timeout()));
        this.crawler = new Crawler(crawlerSettings(config.crawl()), extractor, statusStore);
        this.indexer = new Indexer(index, classifier, id -> Optional.ofNullable(sources.get(id)), Clock.systemUTC());
        this.jobs = new CrawlJobs(crawler, indexer, config.crawl().parallelSources());
        this.search = new LuceneSearch(index, this::partnershipNames);
        LOG.infof("SDG Search: %d sources from %s, %d documents in %s", sources.size(), sourcesFile,
                index.count(), data.toAbsolutePath());
        if (config.crawl().onStart()) {
            sources.values().forEach(jobs::start);
        }
    }

    static CrawlerSettings crawlerSettings(SdgSearchConfig.Crawl c) {
        return CrawlerSettings.defaults().toBuilder()
                .userAgent(c.userAgent())
                .defaultDelay(c.delay())
                .maxCrawlDelay(c.maxCrawlDelay())
                .connectTimeout(c.connectTimeout())
                .readTimeout(c.readTimeout())
                .maxBodyBytes(c.maxBodyBytes())
                .threads(c.threads())
                .politeness(c.politeness().orElse(true))
                .build();
    }

    /** The configuration. */
    public SdgSearchConfig config() {
        return config;
    }

    /** Sources by id, in configuration order. */
    public Map<String, Source> sources() {
        return new LinkedHashMap<>(sources);
    }

    /** Partnership id → display name. */
    public Map<String, String> partnershipNames() {
        Map<String, String> out = new LinkedHashMap<>();
        sources.values().forEach(s -> out.put(s.id(), s.name()));
        return out;
    }

    public SearchService search() {
        return search;
    }

    public SdgClassifier classifier() {
        return classifier;
    }

    public LuceneIndex index() {
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
            index.close();
        } catch (IOException e) {
            LOG.warn("Closing the index", e);
        }
    }
}
