package org.sdgsearch.api;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.crawl.CrawlReport;
import org.sdgsearch.crawl.CrawlStatus;
import org.sdgsearch.crawl.DocumentSink;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.ExtractionFailure;
import org.sdgsearch.source.Source;

/**
 * The service's own Micrometer metrics (exported at /q/metrics):
 * {@code sdg_crawl_fetches_total{outcome}} by crawl status, {@code sdg_extraction_failures_total{kind}},
 * {@code sdg_documents_indexed_total}, {@code sdg_documents_removed_total} and the {@code sdg_search_seconds} timer.
 *
 * <p>Fetch outcomes are derived from the crawl's progress counters (deltas between snapshots), so the crawler needs
 * no metrics dependency.
 */
final class OpsMetrics implements CrawlJobs.Observer {

    private final MeterRegistry registry;
    private final Map<CrawlStatus, Counter> fetches = new ConcurrentHashMap<>();
    private final Map<String, Counter> extractionFailures = new ConcurrentHashMap<>();
    private final Counter indexed;
    private final Counter removed;
    private final Timer search;
    /** Last counters seen per running crawl, to turn snapshots into increments. */
    private final Map<String, long[]> last = new ConcurrentHashMap<>();

    OpsMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (CrawlStatus s : CrawlStatus.values()) {
            fetches.put(s, Counter.builder("sdg.crawl.fetches").description("URLs processed by crawls, by outcome")
                    .tag("outcome", s.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.indexed = Counter.builder("sdg.documents.indexed").description("Documents handed to the index")
                .register(registry);
        this.removed = Counter.builder("sdg.documents.removed").description("URLs removed from the index")
                .register(registry);
        this.search = Timer.builder("sdg.search").description("Time to answer /api/search")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** The timer around searches. */
    Timer searchTimer() {
        return search;
    }

    /** Counts extraction failures by kind around an extractor. */
    Function<FetchedResource, Extraction> countingFailures(Function<FetchedResource, Extraction> extractor) {
        return resource -> {
            Extraction e = extractor.apply(resource);
            if (e instanceof ExtractionFailure f) {
                String kind = String.valueOf(f.kind()).toLowerCase(Locale.ROOT);
                extractionFailures.computeIfAbsent(kind, k -> Counter.builder("sdg.extraction.failures")
                        .description("Documents that could not be extracted, by kind").tag("kind", k)
                        .register(registry)).increment();
            }
            return e;
        };
    }

    /** Counts documents indexed and removed around a sink. */
    DocumentSink counting(DocumentSink sink) {
        return new DocumentSink() {
            @Override
            public void accept(Source source, ExtractedDocument document, FetchedResource fetched) {
                sink.accept(source, document, fetched);
                indexed.increment();
            }

            @Override
            public void remove(Source source, String url) {
                sink.remove(source, url);
                removed.increment();
            }

            @Override
            public void commit() {
                sink.commit();
            }
        };
    }

    @Override
    public void started(String sourceId) {
        last.put(sourceId, new long[6]);
    }

    @Override
    public void progress(CrawlReport soFar) {
        long[] prev = last.get(soFar.sourceId());
        if (prev == null) {
            return;
        }
        long[] now = {soFar.fetched(), soFar.notModified(), soFar.failed(), soFar.removed(), soFar.disallowed(),
                soFar.outOfScope()};
        CrawlStatus[] as = {CrawlStatus.FETCHED, CrawlStatus.NOT_MODIFIED, CrawlStatus.ERROR, CrawlStatus.GONE,
                CrawlStatus.DISALLOWED, CrawlStatus.OUT_OF_SCOPE};
        // Snapshots arrive from several crawler threads, possibly out of order: only ever count forward.
        synchronized (prev) {
            for (int i = 0; i < now.length; i++) {
                if (now[i] > prev[i]) {
                    fetches.get(as[i]).increment(now[i] - prev[i]);
                    prev[i] = now[i];
                }
            }
        }
    }

    @Override
    public void finished(CrawlJobs.Job job) {
        if (job.progress() != null) {
            progress(job.progress());
        }
        last.remove(job.sourceId());
    }
}
