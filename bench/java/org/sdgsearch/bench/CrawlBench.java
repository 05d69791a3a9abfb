package org.sdgsearch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.sdgsearch.crawl.CrawlListener;
import org.sdgsearch.crawl.CrawlReport;
import org.sdgsearch.crawl.Crawler;
import org.sdgsearch.crawl.CrawlerSettings;
import org.sdgsearch.crawl.DocumentSink;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.crawl.UrlRecord;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.Link;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.source.Scope;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.Website;

/**
 * Crawler throughput and memory. {@code bench/run crawl [pages] [frontier]} (defaults 10000 and 1000000):
 * <ol>
 *   <li>a generated site of {@code pages} pages (10 links each) on a loopback server in this JVM, crawled with
 *       politeness off: pages/s and peak heap;</li>
 *   <li>the same site with {@code wget -r} (skipped if wget is not installed): pages/s;</li>
 *   <li>a frontier of {@code frontier} queued URLs in the status store, of which 20,000 are crawled: peak heap, to
 *       show that the frontier lives on disk.</li>
 * </ol>
 * Extraction is a jsoup link extractor (links, title, text), which is the work wget does too; the real Tika-based
 * extractor is measured by {@code bench/run extract}.
 */
public final class CrawlBench {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int frontier = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        System.out.printf(Locale.ROOT, "CrawlBench: %d-page site, %d-URL frontier, %d processors, max heap %d MB%n",
                pages, frontier, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        HttpServer server = startServer(pages);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            ours(base, pages);
            wget(base, pages);
            bigFrontier(base, frontier);
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static void ours(String base, int pages) throws IOException {
        Path dir = Files.createTempDirectory("crawlbench");
        CrawlerSettings settings = benchSettings();
        AtomicLong delivered = new AtomicLong();
        try (LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir.resolve("crawlstatus"));
             Crawler crawler = new Crawler(settings, new JsoupLinks(), store);
             HeapSampler heap = new HeapSampler()) {
            Website site = new Website(List.of(URI.create(base + "/p/0.html")), List.of(), scope(), 1000,
                    pages * 2);
            long start = System.nanoTime();
            CrawlReport report = crawler.crawl(source(site), counting(delivered), CrawlListener.NONE, () -> false);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "ours : %d pages in %.2f s = %.0f pages/s, %d delivered, peak heap %d MB,"
                            + " %d threads%n", report.fetched(), seconds, report.fetched() / seconds, delivered.get(),
                    heap.peakMb(), settings.threads());
        } finally {
            deleteTree(dir);
        }
    }

    private static void wget(String base, int pages) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("crawlbench-wget");
        try {
            ProcessBuilder pb = new ProcessBuilder("wget", "-r", "-l", "inf", "-nv", "--no-parent", "-P",
                    dir.toString(), base + "/p/0.html").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                System.out.println("wget : not installed, skipped");
                return;
            }
            p.waitFor(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            long files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(f -> f.toString().endsWith(".html")).count();
            }
            System.out.printf(Locale.ROOT, "wget : %d pages in %.2f s = %.0f pages/s (one connection)%n", files,
                    seconds, files / seconds);
        } finally {
            deleteTree(dir);
        }
    }

    private static void bigFrontier(String base, int frontier) throws IOException {
        Path dir = Files.createTempDirectory("crawlbench-frontier");
        try (LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir.resolve("crawlstatus"))) {
            long start = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < frontier; i++) {
                store.put(UrlRecord.discovered("bench", base + "/f/" + i + ".html", 1, now));
            }
            store.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "store: %d queued URLs written in %.1f s (%.0f/s), %d MB on disk%n",
                    frontier, seconds, frontier / seconds, du(dir) / (1024 * 1024));
            System.gc();
            long baseline = MEMORY.getHeapMemoryUsage().getUsed() / (1024 * 1024);
            int limit = 20_000;
            AtomicLong delivered = new AtomicLong();
            Website site = new Website(List.of(), List.of(), scope(), 1000, limit);
            try (Crawler crawler = new Crawler(benchSettings(), new JsoupLinks(), store);
                 HeapSampler heap = new HeapSampler()) {
                long t = System.nanoTime();
                CrawlReport report = crawler.crawl(source(site), counting(delivered), CrawlListener.NONE,
                        () -> false);
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "frontier: %d of %d queued URLs crawled in %.1f s (%.0f pages/s);"
                                + " heap before %d MB, peak during crawl %d MB%n", report.fetched(), frontier, s,
                        report.fetched() / s, baseline, heap.peakMb());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static CrawlerSettings benchSettings() {
        return CrawlerSettings.defaults().toBuilder().politeness(false).threads(8)
                .progressInterval(java.time.Duration.ofSeconds(30)).build();
    }

    private static Scope scope() {
        return new Scope(List.of("127.0.0.1"), false, List.of(), List.of(), List.of());
    }

    private static Source source(Website site) {
        return new Source("bench", "Bench", "", List.of(), List.of(), List.of(), List.of(), List.of(site), List.of(),
                "0 0 3 * * ?");
    }

    private static DocumentSink counting(AtomicLong n) {
        return new DocumentSink() {
            @Override
            public void accept(Source source, ExtractedDocument document, FetchedResource fetched) {
                n.incrementAndGet();
            }

            @Override
            public void remove(Source source, String url) {
            }

            @Override
            public void commit() {
            }
        };
    }

    /** The generated site: page i links to i+1 (so all are reachable) and 9 pseudo-random others. */
    private static HttpServer startServer(int pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        String filler = "Partnerships for the goals bring governments, business and civil society together to end"
                + " poverty, protect the planet and ensure prosperity for all. ";
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/p/") && path.endsWith(".html")) {
                int i = Integer.parseInt(path.substring(3, path.length() - 5));
                if (i < 0 || i >= pages) {
                    send(ex, 404, "not found");
                    return;
                }
                StringBuilder html = new StringBuilder(4096).append("<!DOCTYPE html><html><head><title>Page ")
                        .append(i).append("</title></head><body><h1>Page ").append(i).append("</h1>");
                for (int k = 0; k < 12; k++) {
                    html.append("<p>").append(filler).append("</p>");
                }
                html.append("<ul><li><a href=\"/p/").append((i + 1) % pages).append(".html\">next</a></li>");
                for (int k = 1; k < 10; k++) {
                    long j = ((long) i * 7919 + (long) k * 104_729) % pages;
                    html.append("<li><a href=\"/p/").append(j).append(".html\">page ").append(j).append("</a></li>");
                }
                send(ex, 200, html.append("</ul></body></html>").toString());
            } else if (path.startsWith("/f/")) {
                send(ex, 200, "<html><head><title>Frontier page</title></head><body><p>" + filler
                        + "</p></body></html>");
            } else {
                send(ex, 404, "not found");
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status == 200 ? "text/html; charset=utf-8" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Links, title and text with jsoup: the work wget does on each page. */
    private static final class JsoupLinks implements Function<FetchedResource, Extraction> {
        @Override
        public Extraction apply(FetchedResource r) {
            String url = r.finalUrl().toString();
            Document d = Jsoup.parse(new String(r.body(), StandardCharsets.UTF_8), url);
            List<Link> links = new ArrayList<>();
            for (Element a : d.select("a[href]")) {
                links.add(new Link(a.absUrl("href"), a.text(), "a"));
            }
            return new ExtractedDocument(url, null, d.title(), "", d.body().text(), "en", null, "text/html", null,
                    null, null, List.of(), links, false, false, Map.of());
        }
    }

    /** Samples used heap every 10 ms; reports the peak. */
    private static final class HeapSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakMb() {
            return peak / (1024 * 1024);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    private static long du(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private CrawlBench() {
    }

}
