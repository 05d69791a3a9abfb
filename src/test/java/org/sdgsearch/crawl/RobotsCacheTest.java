package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** robots.txt served from loopback, through our fetcher and cache, over crawler-commons' fixture files. */
class RobotsCacheTest {

    private static RobotsCache.Robots serve(byte[] robots, String agent, int status) throws IOException {
        try (TestSite site = new TestSite()) {
            site.route("/robots.txt", ex -> TestSite.send(ex, status, "text/plain", robots));
            CrawlerSettings settings = CrawlerTest.fast().toBuilder().userAgent(agent + "/1.0 (+https://example.org)")
                    .robotsFailureTtl(Duration.ofMinutes(1)).build();
            try (Fetcher fetcher = new Fetcher(settings)) {
                RobotsCache cache = new RobotsCache(fetcher, settings, Clock.systemUTC());
                RobotsCache.Robots r = cache.rulesFor(URI.create(site.url("/anything")));
                assertEquals(r, cache.rulesFor(URI.create(site.url("/other"))), "cached per host");
                assertEquals(1, site.hits("/robots.txt"));
                return r;
            }
        }
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Corpus.require(Corpus.CRAWLER_COMMONS).resolve("robots").resolve(name));
    }

    @ParameterizedTest(name = "{0} as {1}: {2} allowed={3}")
    @CsvSource({
            // RFC 9309 section 5.1
            "rfc9309-example-simple-robots.txt, foobot, /example/page.html, true",
            "rfc9309-example-simple-robots.txt, foobot, /example/allowed.gif, true",
            "rfc9309-example-simple-robots.txt, foobot, /example/disallowed.gif, false",
            "rfc9309-example-simple-robots.txt, foobot, /other, false",
            "rfc9309-example-simple-robots.txt, barbot, /example/page.html, false",
            "rfc9309-example-simple-robots.txt, bazbot, /example/page.html, false",
            "rfc9309-example-simple-robots.txt, barbot, /example/other.html, true",
            "rfc9309-example-simple-robots.txt, sdgsearchbot, /example/page.html, false",
            "rfc9309-example-simple-robots.txt, sdgsearchbot, /publications/report.html, true",
            "rfc9309-example-simple-robots.txt, sdgsearchbot, /images/logo.gif, false",
            // RFC 9309 section 5.2: the longest match wins
            "rfc9309-example-longest-match-robots.txt, foobot, /example/page/, true",
            "rfc9309-example-longest-match-robots.txt, foobot, /example/page/disallowed.gif, false",
            // groups for one agent are merged
            "precedence-of-rules.txt, testy, /foo, false",
            "precedence-of-rules.txt, testy, /foo/bar, true",
            "precedence-of-rules.txt, testy, /foo/baz, false",
            "crawl-delay-group-merging.txt, mybot, /private/x, false",
            "crawl-delay-group-merging.txt, yourbot, /login/x, false",
            "crawl-delay-group-merging.txt, yourbot, /private/x, false",
            "crawl-delay-group-merging.txt, mybot, /public, true",
            // byte order marks
            "robots-with-utf8-bom.txt, sdgsearchbot, /login.aspx, false",
            "robots-with-utf8-bom.txt, sdgsearchbot, /index.html, true",
    })
    void rulesFromFixtures(String file, String agent, String path, boolean allowed) throws IOException {
        RobotsCache.Robots r = serve(fixture(file), agent, 200);
        assertFalse(r.deferred());
        assertEquals(allowed, r.allowed("http://127.0.0.1" + path), file + " " + agent + " " + path);
    }

    @Test
    void crawlDelayPerAgentAndSitemaps() throws IOException {
        assertEquals(10_000, serve(fixture("crawl-delay-group-merging.txt"), "mybot", 200).crawlDelayMillis());
        assertEquals(30_000, serve(fixture("crawl-delay-group-merging.txt"), "otherbot", 200).crawlDelayMillis());
        List<String> sitemaps = serve(fixture("sitemap-robots.txt"), "sdgsearchbot", 200).sitemaps();
        assertTrue(sitemaps.contains("http://domain.com/sitemap.xml"), sitemaps.toString());
        assertTrue(sitemaps.contains("http://domain.com/dir/MixedCased-sitemap.xml"), sitemaps.toString());
    }

    static Stream<Path> allFixtures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.require(Corpus.CRAWLER_COMMONS).resolve("robots"))) {
            return files.sorted().toList().stream();
        }
    }

    /** Every fixture, however odd (BOMs, UTF-16, typos, huge), parses into rules without deferring the host. */
    @ParameterizedTest
    @MethodSource("allFixtures")
    void everyFixtureParses(Path file) throws IOException {
        RobotsCache.Robots r = serve(Files.readAllBytes(file), "sdgsearchbot", 200);
        assertFalse(r.deferred(), file.toString());
    }

    @ParameterizedTest(name = "HTTP {0} → deferred={1}, allowed={2}")
    @CsvSource({"404, false, true", "403, false, true", "410, false, true", "429, true, false", "500, true, false",
            "503, true, false"})
    void failureSemanticsOfRfc9309(int status, boolean deferred, boolean allowed) throws IOException {
        RobotsCache.Robots r = serve("User-agent: *\nDisallow: /\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "sdgsearchbot", status);
        assertEquals(deferred, r.deferred());
        assertEquals(allowed, r.allowed("http://127.0.0.1/page"));
    }

    @Test
    void unreachableHostIsDeferred() throws IOException {
        CrawlerSettings settings = CrawlerTest.fast().toBuilder().connectTimeout(Duration.ofMillis(500)).build();
        int port;
        try (TestSite closed = new TestSite()) {
            port = URI.create(closed.base).getPort();
        }
        try (Fetcher fetcher = new Fetcher(settings)) {
            RobotsCache cache = new RobotsCache(fetcher, settings, Clock.systemUTC());
            RobotsCache.Robots r = cache.rulesFor(URI.create("http://127.0.0.1:" + port + "/x"));
            assertTrue(r.deferred());
            assertTrue(r.reason().contains("unreachable"), r.reason());
        }
    }
}
