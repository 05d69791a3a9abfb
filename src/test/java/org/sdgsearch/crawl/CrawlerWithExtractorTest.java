package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.extract.Extractor;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.source.Scope;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.Website;

/** The crawler with the real {@link Extractor}: the crawl maze, a real partner website, robots meta and canonicals. */
class CrawlerWithExtractorTest {

    private static final Logger LOG = Logger.getLogger(CrawlerWithExtractorTest.class);
    static Extractor extractor;

    @TempDir
    Path dir;
    LuceneCrawlStatusStore store;
    TestSite site;

    @BeforeAll
    static void loadExtractor() {
        extractor = new Extractor();
    }

    @AfterAll
    static void closeExtractor() {
        extractor.close();
    }

    @BeforeEach
    void open() throws IOException {
        store = new LuceneCrawlStatusStore(dir.resolve("crawlstatus"));
        site = new TestSite();
    }

    @AfterEach
    void close() {
        site.close();
        store.close();
    }

    private CrawlReport crawl(Source source, RecordingSink sink) {
        try (Crawler crawler = new Crawler(CrawlerTest.fast(), extractor, store)) {
            return crawler.crawl(source, sink, CrawlListener.NONE, () -> false);
        }
    }

    @Test
    void robotsMetaCanonicalAndLinksWithTheRealExtractor() {
        site.html("/", "<html><head><title>Hub</title><meta name=\"robots\" content=\"noindex, follow\"></head><body>"
                        + "<p>The hub lists our partnership documents on clean water.</p><a href=\"/a\">A</a>"
                        + "<a href=\"/print?id=1\">print</a></body></html>")
                .html("/a", "<html><head><title>A</title><meta name=\"robots\" content=\"nofollow\"></head><body>"
                        + "<p>Water and sanitation for all by 2030, a report of the partnership.</p>"
                        + "<a href=\"/not-followed\">x</a></body></html>")
                .html("/print?id=1", "<html><head><title>Print</title><link rel=\"canonical\" href=\"/article\">"
                        + "</head><body><p>Access to affordable, reliable and modern energy for all.</p></body></html>")
                .html("/article", "<html><head><title>Article</title><link rel=\"canonical\" href=\"/article\">"
                        + "</head><body><p>Access to affordable, reliable and modern energy for all.</p></body></html>")
                .page("/not-followed", "Hidden");
        RecordingSink sink = new RecordingSink();
        crawl(CrawlerTest.source(site.website(3, 100, "/")), sink);
        assertEquals(Set.of(site.url("/a"), site.url("/article")), sink.urls());
        assertEquals(0, site.hits("/not-followed"));
        assertTrue(sink.index.get(site.url("/a")).text().contains("sanitation"));
    }

    /**
     * A real partner website (UN DESA's modelling project, 48 pages and 3 PDFs) served from loopback under the path
     * its links assume. Everything reachable from the home page is fetched once and delivered.
     */
    @Test
    void realPartnerWebsite() throws IOException {
        Path root = Corpus.require(Path.of("..", "shared", "corpus", "sites", "un-desa-modelling", "_site"));
        String prefix = "/modelling-project";
        site.route("*", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith(prefix + "/")) {
                serveFile(ex, root, prefix);
            } else {
                TestSite.send(ex, 404, "text/plain", "not found");
            }
        });
        // The site links its PDFs through its public host (out of scope offline), so one is given as a seed.
        Website w = new Website(List.of(URI.create(site.url(prefix + "/")),
                URI.create(site.url(prefix + "/assets/PDF-Project-Brochure.pdf"))), List.of(),
                new Scope(List.of("127.0.0.1"), false, List.of(prefix + "/"), List.of(), List.of()), 10, 1000);
        RecordingSink sink = new RecordingSink();
        CrawlReport report = crawl(CrawlerTest.source(w), sink);
        long htmlPages;
        try (Stream<Path> files = Files.walk(root)) {
            htmlPages = files.filter(f -> f.toString().endsWith(".html")).count();
        }
        long pdfs = sink.urls().stream().filter(u -> u.endsWith(".pdf")).count();
        LOG.infof("partner website: %s; %d delivered, %d PDFs; failures %s", report, sink.urls().size(), pdfs,
                store.failures("test", 10));
        assertTrue(sink.urls().size() >= htmlPages * 8 / 10, "delivered " + sink.urls().size() + " of " + htmlPages
                + " pages: " + sink.urls());
        assertEquals(1, pdfs, "the brochure PDF is delivered");
        site.hitCounts().forEach((target, n) -> assertEquals(1, n, target + " requested " + n + " times"));
    }

    private static void serveFile(HttpExchange ex, Path root, String prefix) throws IOException {
        String rel = ex.getRequestURI().getPath().substring(prefix.length());
        Path file = root.resolve(rel.startsWith("/") ? rel.substring(1) : rel).normalize();
        if (!file.startsWith(root)) {
            TestSite.send(ex, 403, "text/plain", "no");
            return;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            TestSite.send(ex, 404, "text/plain", "not found");
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".pdf") ? "application/pdf"
                : name.endsWith(".xml") ? "application/xml" : name.endsWith(".css") ? "text/css"
                : "application/octet-stream";
        TestSite.send(ex, 200, type, Files.readAllBytes(file));
    }

    /**
     * Google's security crawl maze served from loopback: every HTML way of linking a URL, plus the header cases the
     * maze's server implements. Compares the URLs we requested with the maze's expected-results list.
     */
    @Test
    void securityCrawlMaze() throws IOException {
        Path maze = Corpus.require(Corpus.MAZE);
        Path cases = maze.resolve("test-cases");
        String expectedJson = Files.readString(maze.resolve("blueprints/utils/resources/expected-results.json"),
                StandardCharsets.UTF_8);
        Set<String> expected = new TreeSet<>();
        Matcher m = Pattern.compile("\"(/[^\"]+)\"").matcher(expectedJson);
        while (m.find()) {
            expected.add(m.group(1));
        }
        site.route("*", ex -> serveMaze(ex, cases, site.base));
        List<URI> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = cases.relativize(f).toString().replace('\\', '/');
                if (rel.endsWith(".html") || rel.startsWith("headers/") || rel.startsWith("html/misc/url/")) {
                    seeds.add(URI.create(site.url("/test/" + rel)));
                }
            }
        }
        Website w = new Website(seeds, List.of(), new Scope(List.of("127.0.0.1"), false, List.of(), List.of(),
                List.of()), 2, 10_000);
        crawl(CrawlerTest.source(w), new RecordingSink());
        Set<String> requested = site.requests().stream().map(r -> URI.create(r.target()).getPath())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> found = new TreeSet<>(expected);
        found.retainAll(requested);
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(requested);
        LOG.infof("crawl maze: found %d of %d expected URLs: %s; missed %s", found.size(), expected.size(), found,
                missed);
        // What an HTML crawler without JavaScript must find (the maze's JS and framework cases are out of reach).
        // Missed on purpose: images, scripts, media, forms, prefetch links (not documents) and JavaScript. Missed
        // by the extractor: frameset/frame (the maze puts the frameset after an h1, where HTML5 parsing drops it).
        for (String must : List.of("/test/html/body/a/href.found", "/test/html/body/iframe/src.found",
                "/test/html/head/meta/content-redirect.found", "/test/headers/location.found",
                "/test/headers/refresh.found", "/test/headers/link.found", "/test/headers/content-location.found",
                "/test/html/misc/url/full-url.found", "/test/html/misc/url/path-relative-url.found",
                "/test/html/misc/url/protocol-relative-url.found", "/test/html/misc/url/root-relative-url.found")) {
            assertTrue(found.contains(must), "maze case not found: " + must);
        }
        assertFalse(requested.stream().anyMatch(p -> p.contains("do-not-visit")));
    }

    /** The maze's server: static test pages, the header cases and its generated URL cases, and "found" targets. */
    private static void serveMaze(HttpExchange ex, Path cases, String base) throws IOException {
        String path = ex.getRequestURI().getPath();
        String host = URI.create(base).getAuthority();
        if (path.endsWith(".found")) {
            TestSite.send(ex, 200, "text/html", "<html><body><p>Found it.</p></body></html>");
            return;
        }
        switch (path) {
            case "/test/headers/location" -> {
                ex.getResponseHeaders().set("Location", "/test/headers/location.found");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            case "/test/headers/refresh" -> {
                TestSite.send(ex, 200, "text/html", "<html><body><p>Refresh header.</p></body></html>", "Refresh",
                        "0; url=/test/headers/refresh.found");
                return;
            }
            case "/test/headers/link" -> {
                TestSite.send(ex, 200, "text/html", "<html><body><p>Link header.</p></body></html>", "Link",
                        "</test/headers/link.found>; rel=\"preload\"");
                return;
            }
            case "/test/headers/content-location" -> {
                TestSite.send(ex, 200, "text/html", "<html><body><p>Content-Location.</p></body></html>",
                        "Content-Location", "/test/headers/content-location.found");
                return;
            }
            case "/test/html/misc/url/full-url" -> {
                mazePage(ex, "http://" + host + "/test/html/misc/url/full-url.found");
                return;
            }
            case "/test/html/misc/url/path-relative-url" -> {
                mazePage(ex, "path-relative-url.found");
                return;
            }
            case "/test/html/misc/url/protocol-relative-url" -> {
                mazePage(ex, "//" + host + "/test/html/misc/url/protocol-relative-url.found");
                return;
            }
            default -> {
            }
        }
        if (path.startsWith("/test/")) {
            Path file = cases.resolve(path.substring("/test/".length())).normalize();
            if (file.startsWith(cases) && Files.isRegularFile(file) && path.endsWith(".html")) {
                TestSite.send(ex, 200, "text/html; charset=utf-8", Files.readAllBytes(file));
                return;
            }
        }
        TestSite.send(ex, 404, "text/plain", "not found");
    }

    private static void mazePage(HttpExchange ex, String href) throws IOException {
        TestSite.send(ex, 200, "text/html", "<html><body><p>A generated URL case.</p><a href=\"" + href
                + "\">link</a></body></html>");
    }
}
