package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.source.DocumentFolder;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.Website;

class CrawlerTest {

    static final StandInExtractor extractor = new StandInExtractor();

    @TempDir
    Path dir;
    LuceneCrawlStatusStore store;
    TestSite site;

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

    /** Polite (one connection per host) but without waiting, so tests are fast. */
    static CrawlerSettings fast() {
        return CrawlerSettings.defaults().toBuilder().defaultDelay(Duration.ZERO)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
                .maxFetchTime(Duration.ofSeconds(10)).retryBackoff(Duration.ofMillis(5)).maxRetries(1)
                .robotsFailureTtl(Duration.ZERO).threads(4).progressInterval(Duration.ofHours(1)).build();
    }

    /** Everything is due again at once: for tests of recrawls. */
    static CrawlerSettings recrawlNow() {
        return fast().toBuilder().initialRecrawlInterval(Duration.ZERO).minRecrawlInterval(Duration.ZERO)
                .maxRecrawlInterval(Duration.ZERO).errorRetryInterval(Duration.ZERO).build();
    }

    static Source source(Website... sites) {
        return source(List.of(sites), List.of());
    }

    static Source source(List<Website> sites, List<DocumentFolder> folders) {
        return new Source("test", "Test partnership", "", List.of(), List.of(), List.of(), List.of(), sites, folders,
                "0 0 3 * * ?");
    }

    CrawlReport crawl(CrawlerSettings settings, Source source, RecordingSink sink) {
        try (Crawler crawler = new Crawler(settings, extractor, store)) {
            return crawler.crawl(source, sink, CrawlListener.NONE, () -> false);
        }
    }

    UrlRecord record(String path) {
        return store.get("test", site.url(path)).orElseThrow(() -> new AssertionError("no record for " + path));
    }

    @Test
    void followsLinksWithinScopeAndDepth() {
        site.page("/", "Home", "/a", "/b", "http://example.invalid/elsewhere", "mailto:x@example.org")
                .page("/a", "A", "/", "/b")
                .page("/b", "B", "/c")
                .page("/c", "C");
        RecordingSink sink = new RecordingSink();
        AtomicInteger progress = new AtomicInteger();
        CrawlReport report;
        try (Crawler crawler = new Crawler(fast(), extractor, store)) {
            report = crawler.crawl(source(site.website(1, 100, "/")), sink, r -> progress.incrementAndGet(),
                    () -> false);
        }
        assertEquals(Set.of(site.url("/"), site.url("/a"), site.url("/b")), sink.urls());
        assertEquals(0, site.hits("/c"), "depth 2 is beyond maxDepth 1");
        assertEquals(3, report.fetched());
        assertEquals(3, report.discovered());
        assertTrue(report.outOfScope() >= 1);
        assertFalse(report.cancelled());
        assertTrue(progress.get() >= 3);
        assertEquals(CrawlStatus.FETCHED, record("/a").status());
        assertTrue(site.requests().stream().allMatch(r -> r.userAgent().startsWith("SDGSearchBot/")));
        assertTrue(sink.commits >= 1);
    }

    @Test
    void robotsAllowAndDisallow() {
        site.robots("User-agent: *\nDisallow: /\n\nUser-agent: SDGSearchBot\nDisallow: /private\nAllow: /private/ok\n")
                .page("/", "Home", "/private/secret", "/private/ok", "/public")
                .page("/private/secret", "Secret").page("/private/ok", "Ok").page("/public", "Public");
        RecordingSink sink = new RecordingSink();
        CrawlReport report = crawl(fast(), source(site.website(3, 100, "/")), sink);
        assertEquals(0, site.hits("/private/secret"));
        assertEquals(CrawlStatus.DISALLOWED, record("/private/secret").status());
        assertEquals(Set.of(site.url("/"), site.url("/private/ok"), site.url("/public")), sink.urls());
        assertEquals(1, report.disallowed());
        assertEquals(1, site.hits("/robots.txt"), "robots.txt is cached per host");
    }

    @Test
    void crawlDelayIsHonouredAndCapped() {
        site.robots("User-agent: *\nCrawl-delay: 100\n").page("/", "Home", "/a", "/b").page("/a", "A")
                .page("/b", "B");
        CrawlerSettings polite = fast().toBuilder().maxCrawlDelay(Duration.ofMillis(150)).build();
        long start = System.nanoTime();
        crawl(polite, source(site.website(2, 100, "/")), new RecordingSink());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        List<TestSite.Request> pages = site.requests().stream()
                .filter(r -> !r.target().equals("/robots.txt")).toList();
        assertEquals(3, pages.size());
        for (int i = 1; i < pages.size(); i++) {
            long gapMs = (pages.get(i).nanos() - pages.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= 140, "requests to one host are spaced by the capped Crawl-delay, got " + gapMs);
        }
        assertTrue(elapsedMs < 10_000, "Crawl-delay of 100 s is capped");
    }

    @Test
    void unreachableRobotsDefersTheHostThenRecovers() {
        AtomicInteger robotsStatus = new AtomicInteger(503);
        site.route("/robots.txt", ex -> TestSite.send(ex, robotsStatus.get(), "text/plain", "User-agent: *\n"))
                .page("/", "Home", "/a").page("/a", "A");
        RecordingSink sink = new RecordingSink();
        CrawlReport first = crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertEquals(0, site.hits("/"), "no page is fetched while robots.txt answers 5xx");
        assertTrue(first.disallowed() >= 1);
        assertEquals(CrawlStatus.DISCOVERED, record("/").status(), "the seed stays queued for later");

        robotsStatus.set(404); // 4xx: no rules, crawl everything
        crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertEquals(Set.of(site.url("/"), site.url("/a")), sink.urls());
    }

    @Test
    void sitemapIndexWithGzipChildAndLastmod() throws IOException {
        String sitemap1 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<url><loc>" + site.url("/only-in-sitemap-1") + "</loc><lastmod>2020-01-01</lastmod></url>"
                + "<url><loc>http://example.invalid/out-of-scope</loc></url></urlset>";
        String sitemap2 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<url><loc>" + site.url("/only-in-sitemap-2") + "</loc></url></urlset>";
        String index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + site.url("/sitemap1.xml.gz") + "</loc></sitemap>"
                + "<sitemap><loc>" + site.url("/sitemap2.xml") + "</loc></sitemap></sitemapindex>";
        byte[] gz = gzip(sitemap1);
        site.robots("User-agent: *\nAllow: /\nSitemap: " + site.url("/sitemap_index.xml") + "\n")
                .route("/sitemap_index.xml", ex -> TestSite.send(ex, 200, "application/xml", index))
                .route("/sitemap1.xml.gz", ex -> TestSite.send(ex, 200, "application/x-gzip", gz))
                .route("/sitemap2.xml", ex -> TestSite.send(ex, 200, "text/xml", sitemap2))
                .page("/", "Home").page("/only-in-sitemap-1", "One").page("/only-in-sitemap-2", "Two");
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertEquals(Set.of(site.url("/"), site.url("/only-in-sitemap-1"), site.url("/only-in-sitemap-2")),
                sink.urls());
        assertEquals(0, record("/only-in-sitemap-1").depth());
    }

    @Test
    void sitemapLastmodNewerThanTheLastFetchMakesAPageDue() {
        String page = site.url("/news");
        AtomicInteger lastmodYear = new AtomicInteger(2001);
        site.route("/sitemap.xml", ex -> TestSite.send(ex, 200, "text/xml",
                        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + page
                                + "</loc><lastmod>" + lastmodYear.get() + "-01-01</lastmod></url></urlset>"))
                .page("/news", "News");
        Website w = new Website(List.of(), List.of(URI.create(site.url("/sitemap.xml"))), site.scope(), 2, 100);
        crawl(fast(), source(w), new RecordingSink());
        crawl(fast(), source(w), new RecordingSink());
        assertEquals(1, site.hits("/news"), "not due (recrawl interval 1 day) and the sitemap says unchanged");
        lastmodYear.set(LocalDate.now(ZoneOffset.UTC).getYear() + 1);
        crawl(fast(), source(w), new RecordingSink());
        assertEquals(2, site.hits("/news"), "a newer lastmod makes it due");
    }

    @Test
    void redirectChainsLoopsAndScope() {
        site.page("/", "Home", "/r1", "/loop-a", "/c0", "/away")
                .route("/r1", TestSite.redirect(301, "/r2"))
                .route("/r2", TestSite.redirect(302, site.url("/r3")))
                .route("/r3", TestSite.redirect(307, "/final"))
                .page("/final", "Final")
                .route("/loop-a", TestSite.redirect(302, "/loop-b"))
                .route("/loop-b", TestSite.redirect(302, "/loop-a"))
                .route("/away", TestSite.redirect(301, "http://example.invalid/"));
        for (int i = 0; i < 6; i++) {
            site.route("/c" + i, TestSite.redirect(302, "/c" + (i + 1)));
        }
        site.page("/c6", "Too far");
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(3, 100, "/")), sink);
        assertTrue(sink.urls().contains(site.url("/final")));
        assertEquals(CrawlStatus.REDIRECTED, record("/r1").status());
        assertEquals(1, site.hits("/final"));
        assertEquals(CrawlStatus.ERROR, record("/loop-a").status());
        assertTrue(record("/loop-a").reason().contains("loop"), record("/loop-a").reason());
        assertEquals(CrawlStatus.ERROR, record("/c0").status());
        assertTrue(record("/c0").reason().contains("more than 5 redirects"), record("/c0").reason());
        assertEquals(0, site.hits("/c6"));
        assertEquals(CrawlStatus.REDIRECTED, record("/away").status());
        assertTrue(record("/away").reason().contains("out-of-scope"));
    }

    @Test
    void calendarTrapIsCut() {
        site.page("/", "Home", "/calendar?month=2026-01").route("/calendar", ex -> {
            String q = ex.getRequestURI().getQuery();
            YearMonth m = YearMonth.parse(q.substring(q.indexOf('=') + 1));
            TestSite.send(ex, 200, "text/html", "<html><body><h1>Events in " + m + "</h1><p>No events this month in"
                    + " our partnership calendar.</p><a href=\"/calendar?month=" + m.plusMonths(1)
                    + "\">next</a> <a href=\"/calendar?month=" + m.minusMonths(1) + "\">previous</a></body></html>");
        });
        RecordingSink sink = new RecordingSink();
        CrawlReport report = crawl(fast(), source(site.website(10_000, 100_000, "/")), sink);
        long calendarPages = site.requests().stream().filter(r -> r.target().startsWith("/calendar")).count();
        int years = LocalDate.now(ZoneOffset.UTC).getYear() + 2 - 2026 + 1;
        assertTrue(calendarPages <= 12L * years + 1 + 200, "calendar pages fetched: " + calendarPages);
        assertTrue(report.outOfScope() >= 1);
        assertTrue(report.fetched() < 400);
    }

    @Test
    void repeatedSegmentsAndLongUrlsAreTraps() {
        String longPath = "/x" + "y".repeat(3000);
        site.page("/", "Home", "/a/b/a/b/a/b/a/b/page", longPath, "/ok");
        site.page("/ok", "Ok");
        crawl(fast(), source(site.website(3, 100, "/")), new RecordingSink());
        assertEquals(0, site.hits("/a/b/a/b/a/b/a/b/page"));
        assertEquals(0, site.hits(longPath));
        assertEquals(CrawlStatus.OUT_OF_SCOPE, record("/a/b/a/b/a/b/a/b/page").status());
        assertEquals(1, site.hits("/ok"));
    }

    @Test
    void sessionIdsAndTrackingParametersCollapse() {
        site.page("/", "Home", "/p;jsessionid=A1B2", "/p?sid=123&utm_source=news", "/p?PHPSESSID=xyz&fbclid=1",
                "/p#section", "/p?gclid=9")
                .page("/p", "P");
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertEquals(Set.of("/", "/p", "/robots.txt"), site.hitCounts().keySet());
        assertEquals(1, site.hits("/p"));
        assertEquals(Set.of(site.url("/"), site.url("/p")), sink.urls());
    }

    @Test
    void recrawlIsConditionalAndUnchangedPagesAreNotDownloadedAgain() {
        site.page("/", "Home", "/a").page("/a", "A");
        RecordingSink sink = new RecordingSink();
        crawl(recrawlNow(), source(site.website(2, 100, "/")), sink);
        assertEquals(2, sink.accepted.size());
        CrawlReport second = crawl(recrawlNow(), source(site.website(2, 100, "/")), sink);
        assertEquals(2, second.notModified());
        assertEquals(0, second.fetched());
        assertEquals(0, second.bytes(), "a 304 has no body");
        assertEquals(2, sink.accepted.size(), "nothing re-delivered");
        assertEquals(Set.of(site.url("/"), site.url("/a")), sink.urls(), "documents kept");
        assertTrue(site.requests().stream().filter(r -> r.target().equals("/a")).skip(1)
                .allMatch(r -> r.ifNoneMatch() != null), "If-None-Match sent on re-crawl");
        assertEquals(CrawlStatus.NOT_MODIFIED, record("/a").status());
    }

    @Test
    void goneAtOnceNotFoundAfterTwoFailuresAndDroppedPagesRemoved() {
        site.page("/", "Home", "/gone", "/missing", "/dropped").page("/gone", "Gone").page("/missing", "Missing")
                .page("/dropped", "Dropped");
        RecordingSink sink = new RecordingSink();
        crawl(recrawlNow(), source(site.website(2, 100, "/")), sink);
        assertEquals(4, sink.urls().size());

        site.route("/gone", ex -> TestSite.send(ex, 410, "text/plain", "gone"))
                .route("/missing", ex -> TestSite.send(ex, 404, "text/plain", "missing"))
                .page("/", "Home changed", "/gone", "/missing");
        CrawlReport second = crawl(recrawlNow(), source(site.website(2, 100, "/")), sink);
        assertFalse(sink.urls().contains(site.url("/gone")), "410 removes at once");
        assertTrue(sink.urls().contains(site.url("/missing")), "one 404 keeps the document");
        assertFalse(sink.urls().contains(site.url("/dropped")), "no longer linked: removed");
        assertEquals(CrawlStatus.GONE, record("/dropped").status());
        assertEquals(2, second.removed());

        crawl(recrawlNow(), source(site.website(2, 100, "/")), sink);
        assertFalse(sink.urls().contains(site.url("/missing")), "the second 404 removes");
        assertEquals(CrawlStatus.GONE, record("/missing").status());
        assertEquals(Set.of(site.url("/")), sink.urls());
    }

    @Test
    void duplicateContentOnTwoHostsIsDeliveredUnderBoth() throws IOException {
        try (TestSite mirror = new TestSite()) {
            site.page("/", "Same report");
            mirror.page("/", "Same report");
            RecordingSink sink = new RecordingSink();
            crawl(fast(), source(site.website(1, 10, "/"), mirror.website(1, 10, "/")), sink);
            assertEquals(Set.of(site.url("/"), mirror.url("/")), sink.urls());
            assertEquals(sink.index.get(site.url("/")).text(), sink.index.get(mirror.url("/")).text());
        }
    }

    @Test
    void twoSourcesOnOneHostShareItsSingleConnection() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        site.route("*", ex -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5); // a server that takes a moment per page, so overlapping requests would show
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = ex.getRequestURI().getPath();
            StringBuilder html = new StringBuilder("<html><body><p>Page ").append(path).append("</p>");
            if (path.equals("/")) {
                for (int i = 0; i < 20; i++) {
                    html.append("<a href=\"/p").append(i).append("\">p</a>");
                }
            }
            open.decrementAndGet();
            TestSite.send(ex, 200, "text/html", html.append("</body></html>").toString());
        });
        Source a = new Source("a", "A", "", List.of(), List.of(), List.of(), List.of(),
                List.of(site.website(2, 100, "/")), List.of(), "0 0 3 * * ?");
        Source b = new Source("b", "B", "", List.of(), List.of(), List.of(), List.of(),
                List.of(site.website(2, 100, "/")), List.of(), "0 0 3 * * ?");
        RecordingSink sinkA = new RecordingSink();
        RecordingSink sinkB = new RecordingSink();
        try (Crawler crawler = new Crawler(fast(), extractor, store)) {
            Thread other = new Thread(() -> crawler.crawl(b, sinkB, CrawlListener.NONE, () -> false));
            other.start();
            crawler.crawl(a, sinkA, CrawlListener.NONE, () -> false);
            other.join();
        }
        assertEquals(21, sinkA.urls().size());
        assertEquals(21, sinkB.urls().size());
        assertEquals(1, maxOpen.get(), "one connection per host across concurrent crawls");
    }

    @Test
    void slowServersTimeOut() {
        site.page("/", "Home", "/no-headers", "/stalled-body", "/ok").page("/ok", "Ok")
                .route("/no-headers", ex -> await(site))
                .route("/stalled-body", ex -> {
                    ex.getResponseHeaders().set("Content-Type", "text/html");
                    ex.sendResponseHeaders(200, 100_000);
                    OutputStream out = ex.getResponseBody();
                    out.write("<html><body>partial".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    await(site);
                });
        CrawlerSettings impatient = fast().toBuilder().readTimeout(Duration.ofMillis(300)).maxRetries(0).build();
        long start = System.nanoTime();
        RecordingSink sink = new RecordingSink();
        CrawlReport report = crawl(impatient, source(site.website(2, 100, "/")), sink);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 8_000, "timeouts end the wait");
        assertEquals(CrawlStatus.ERROR, record("/no-headers").status());
        assertTrue(record("/no-headers").reason().contains("timeout"), record("/no-headers").reason());
        assertEquals(CrawlStatus.ERROR, record("/stalled-body").status());
        assertTrue(record("/stalled-body").reason().contains("timeout"), record("/stalled-body").reason());
        assertEquals(2, report.failed());
        assertTrue(sink.urls().contains(site.url("/ok")));
    }

    private static void await(TestSite s) {
        try {
            s.closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void oversizedBodiesAreAbortedAndUnwantedTypesSkipped() {
        byte[] big = new byte[200_000];
        site.page("/", "Home", "/big.pdf", "/chunked.pdf", "/logo", "/ok")
                .page("/ok", "Ok")
                .route("/big.pdf", ex -> TestSite.send(ex, 200, "application/pdf", big))
                .route("/chunked.pdf", ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/pdf");
                    ex.sendResponseHeaders(200, 0); // chunked: no length announced
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 20; i++) {
                            out.write(big, 0, 10_000);
                        }
                    }
                })
                .route("/logo", ex -> TestSite.send(ex, 200, "image/png", new byte[] {1, 2, 3}));
        CrawlerSettings small = fast().toBuilder().maxBodyBytes(50_000).build();
        RecordingSink sink = new RecordingSink();
        crawl(small, source(site.website(2, 100, "/")), sink);
        assertEquals(CrawlStatus.ERROR, record("/big.pdf").status());
        assertTrue(record("/big.pdf").reason().contains("larger"));
        assertEquals(CrawlStatus.ERROR, record("/chunked.pdf").status());
        assertEquals(CrawlStatus.OUT_OF_SCOPE, record("/logo").status());
        assertEquals(Set.of(site.url("/"), site.url("/ok")), sink.urls());
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        site.page("/", "Home", "/busy").route("/busy", ex -> {
            if (calls.incrementAndGet() == 1) {
                TestSite.send(ex, 429, "text/plain", "slow down", "Retry-After", "0");
            } else {
                TestSite.send(ex, 200, "text/html", "<html><body><p>Finally some content here.</p></body></html>");
            }
        });
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertEquals(2, calls.get());
        assertTrue(sink.urls().contains(site.url("/busy")));
    }

    @Test
    void longRetryAfterParksTheHostUntilTheNextCrawl() {
        site.page("/", "Home", "/a").route("/a", ex -> TestSite.send(ex, 503, "text/plain", "maintenance",
                "Retry-After", "86400"));
        CrawlReport report = crawl(fast(), source(site.website(2, 100, "/")), new RecordingSink());
        assertEquals(1, site.hits("/a"));
        assertEquals(CrawlStatus.DISCOVERED, record("/a").status(), "left queued for the next crawl");
        assertTrue(record("/a").queuedFrom() != null);
        assertTrue(report.disallowed() >= 1);
    }

    @Test
    void robotsMetaNoindexAndNofollow() {
        site.html("/", "<html><head><meta name=\"robots\" content=\"noindex\"><title>Hub</title></head><body>"
                        + "<p>A hub page listing our partnership documents.</p><a href=\"/child\">child</a></body></html>")
                .route("/child", ex -> TestSite.send(ex, 200, "text/html",
                        "<html><body><p>Child page text about water and sanitation.</p><a href=\"/grandchild\">g</a>"
                                + "</body></html>", "X-Robots-Tag", "nofollow"))
                .page("/grandchild", "Grandchild");
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(5, 100, "/")), sink);
        assertEquals(Set.of(site.url("/child")), sink.urls(), "noindex page not delivered, its links followed");
        assertEquals(CrawlStatus.DISALLOWED, record("/").status());
        assertEquals(0, site.hits("/grandchild"), "nofollow links are not followed");
    }

    @Test
    void canonicalUrlIsIndexedInsteadOfTheVariant() {
        site.page("/", "Home", "/article?print=1")
                .html("/article?print=1", "<html><head><link rel=\"canonical\" href=\"/article\"></head><body>"
                        + "<p>The article text on clean energy access.</p></body></html>")
                .html("/article", "<html><head><link rel=\"canonical\" href=\"/article\"></head><body>"
                        + "<p>The article text on clean energy access.</p></body></html>");
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(3, 100, "/")), sink);
        assertTrue(sink.urls().contains(site.url("/article")));
        assertFalse(sink.urls().contains(site.url("/article?print=1")));
        assertEquals(CrawlStatus.REDIRECTED, record("/article?print=1").status());
    }

    @Test
    void maxPagesLimitsOneCrawlAndTheRestWaits() {
        String[] links = IntStream.range(0, 10).mapToObj(i -> "/p" + i).toArray(String[]::new);
        site.page("/", "Home", links);
        for (String l : links) {
            site.page(l, "Page " + l);
        }
        RecordingSink sink = new RecordingSink();
        CrawlReport first = crawl(fast(), source(site.website(2, 5, "/")), sink);
        assertEquals(5, first.fetched());
        CrawlReport second = crawl(fast(), source(site.website(2, 5, "/")), sink);
        assertEquals(5, second.fetched(), "pages fetched in the first crawl are not due: five new ones");
        assertEquals(10, sink.urls().size());
        CrawlReport third = crawl(fast(), source(site.website(2, 5, "/")), sink);
        assertEquals(1, third.fetched());
        assertEquals(11, sink.urls().size());
        site.hitCounts().forEach((target, n) -> assertEquals(target.equals("/robots.txt") ? 3 : 1, n, target));
    }

    @Test
    void cancelledCrawlResumesWithoutRefetching() {
        String[] links = IntStream.range(0, 60).mapToObj(i -> "/p" + i).toArray(String[]::new);
        site.page("/", "Home", links);
        for (String l : links) {
            site.page(l, "Page " + l);
        }
        Source src = source(site.website(2, 1000, "/"));
        CrawlerSettings one = fast().toBuilder().threads(1).build();
        RecordingSink sink = new RecordingSink();
        CrawlReport first;
        try (Crawler crawler = new Crawler(one, extractor, store)) {
            first = crawler.crawl(src, sink, CrawlListener.NONE, () -> sink.accepted.size() >= 20);
        }
        assertTrue(first.cancelled());
        assertTrue(sink.urls().size() < 61);
        // A new crawler, as after a restart, over the same store.
        CrawlReport second = crawl(one, src, sink);
        assertFalse(second.cancelled());
        assertEquals(61, sink.urls().size());
        // robots.txt is asked again by the new crawler (its cache is in memory); pages are not.
        site.hitCounts().forEach((target, n) -> assertEquals(target.equals("/robots.txt") ? 2 : 1, n,
                target + " fetched " + n + " times"));
    }

    @Test
    void crashWithoutCommitResumesFromTheLastCommit() throws IOException {
        String[] links = IntStream.range(0, 80).mapToObj(i -> "/p" + i).toArray(String[]::new);
        site.page("/", "Home", links);
        for (String l : links) {
            site.page(l, "Page " + l);
        }
        Source src = source(site.website(2, 1000, "/"));
        CrawlerSettings settings = fast().toBuilder().threads(1).commitEvery(10).build();
        Path crashCopy = dir.resolve("crashed");
        Files.createDirectories(crashCopy);
        Set<String>[] indexAtCrash = new Set[1];
        RecordingSink sink = new RecordingSink() {
            @Override
            public void accept(Source source, ExtractedDocument document, FetchedResource fetched) {
                super.accept(source, document, fetched);
                if (accepted.size() == 35) {
                    // kill -9 now: the files on disk are the last commit plus garbage; so is the index.
                    copyDir(dir.resolve("crawlstatus"), crashCopy);
                    indexAtCrash[0] = committed;
                }
            }
        };
        try (Crawler crawler = new Crawler(settings, extractor, store)) {
            crawler.crawl(src, sink, CrawlListener.NONE, () -> sink.accepted.size() >= 35);
        }
        assertTrue(indexAtCrash[0].size() >= 20 && indexAtCrash[0].size() < 35, "committed " + indexAtCrash[0]);
        Map<String, Integer> before = site.hitCounts();

        RecordingSink restarted = new RecordingSink();
        indexAtCrash[0].forEach(u -> restarted.index.put(u, sink.index.get(u)));
        try (LuceneCrawlStatusStore recovered = new LuceneCrawlStatusStore(crashCopy);
             Crawler crawler = new Crawler(settings, extractor, recovered)) {
            CrawlReport report = crawler.crawl(src, restarted, CrawlListener.NONE, () -> false);
            assertFalse(report.cancelled());
        }
        assertEquals(81, restarted.urls().size(), "nothing lost");
        Map<String, Integer> after = site.hitCounts();
        long refetched = after.entrySet().stream()
                .filter(e -> e.getKey().startsWith("/p") && e.getValue() > 1).count();
        assertTrue(refetched <= 35 - indexAtCrash[0].size(),
                "only pages fetched after the last commit are fetched again: " + refetched);
        for (String u : indexAtCrash[0]) {
            String path = URI.create(u).getPath();
            if (!path.equals("/")) {
                assertEquals(1, after.get(path), path + " was committed and must not be fetched again");
            }
        }
        assertTrue(before.size() > 0);
    }

    @SuppressWarnings("unchecked")
    private static void copyDir(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.collect(Collectors.toList())) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void documentFoldersWithChangeDetection(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("report.html"), "<html><head><title>Annual report</title></head><body>"
                + "<p>Our annual report on partnerships for the goals.</p></body></html>", StandardCharsets.UTF_8);
        Files.createDirectories(folder.resolve("notes"));
        Files.writeString(folder.resolve("notes/minutes.txt"), "Minutes of the meeting about climate action.",
                StandardCharsets.UTF_8);
        Files.write(folder.resolve("logo.png"), new byte[] {1, 2, 3});
        Source src = source(List.of(), List.of(new DocumentFolder(folder, "https://docs.example.org/files",
                List.of())));
        RecordingSink sink = new RecordingSink();
        CrawlReport first = crawl(fast(), src, sink);
        assertEquals(Set.of("https://docs.example.org/files/notes/minutes.txt",
                "https://docs.example.org/files/report.html"), sink.urls());
        assertEquals(2, first.fetched());

        Files.writeString(folder.resolve("notes/minutes.txt"), "Minutes of the meeting about climate action, "
                + "amended.", StandardCharsets.UTF_8);
        CrawlReport second = crawl(fast(), src, sink);
        assertEquals(1, second.fetched());
        assertEquals(1, second.notModified());

        Files.delete(folder.resolve("report.html"));
        CrawlReport third = crawl(fast(), src, sink);
        assertEquals(1, third.removed());
        assertEquals(Set.of("https://docs.example.org/files/notes/minutes.txt"), sink.urls());
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() throws IOException {
        byte[] gz = gzip("<html><body><p>Compressed page about gender equality.</p></body></html>");
        site.page("/", "Home", "/gz").route("/gz", ex -> TestSite.send(ex, 200, "text/html", gz,
                "Content-Encoding", "gzip"));
        RecordingSink sink = new RecordingSink();
        crawl(fast(), source(site.website(2, 100, "/")), sink);
        assertTrue(sink.index.get(site.url("/gz")).text().contains("gender equality"));
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void reportCountsAreConsistent() {
        site.page("/", "Home", "/a").page("/a", "A");
        CrawlReport r = crawl(fast(), source(site.website(2, 100, "/")), new RecordingSink());
        assertEquals("test", r.sourceId());
        assertFalse(r.finished().isBefore(r.started()));
        assertTrue(r.bytes() > 0);
        assertEquals(Map.of(CrawlStatus.FETCHED, 2L), store.counts("test"));
        List<UrlRecord> all = new ArrayList<>();
        store.forEach("test", all::add);
        assertEquals(2, all.size());
    }
}
