package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdgsearch.extract.Fixtures.failure;
import static org.sdgsearch.extract.Fixtures.resource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractionFailure.Kind;

/** The facade's guarantees: limits, time limit, and never an exception. */
class ExtractorTest {

    @Test
    void runawayParseIsStoppedAtTheTimeLimit() throws InterruptedException {
        byte[] big = GeneratedFiles.pdf(1_500, 40, null);
        try (Extractor extractor = new Extractor(ExtractorSettings.defaults().withTimeout(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            ExtractionFailure f = failure(extractor.extract(resource("https://example.org/big.pdf", big)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Kind.TIMEOUT, f.kind(), f.reason());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "caller waited " + took);
            // The abandoned parse must really end (its handler sees the deadline), not run on in the background.
            assertTrue(extractor.workers().awaitIdle(Duration.ofSeconds(20)),
                    "worker still busy: " + extractor.busyWorkers());
        }
    }

    @Test
    void oversizedBodiesAreRefusedWithoutParsing() {
        try (Extractor extractor = new Extractor(ExtractorSettings.defaults().withMaxBodyBytes(10))) {
            ExtractionFailure f = failure(extractor.extract(
                    resource("https://example.org/x.html", "<p>more than ten bytes</p>".getBytes(StandardCharsets.UTF_8))));
            assertEquals(Kind.TOO_LARGE, f.kind());
        }
    }

    @Test
    void neverThrows() {
        try (Extractor extractor = new Extractor()) {
            assertEquals(Kind.ERROR, failure(extractor.extract(null)).kind());
            assertEquals(Kind.EMPTY, failure(extractor.extract(resource("https://example.org/e", new byte[0]))).kind());
            FetchedResource noUrl = new FetchedResource(null, null, 200, Map.of(), "<p>hi</p>".getBytes(
                    StandardCharsets.UTF_8), Fixtures.FETCHED);
            assertTrue(extractor.extract(noUrl) instanceof ExtractedDocument);
            FetchedResource odd = new FetchedResource(URI.create("mailto:x@y"), URI.create("mailto:x@y"), 500,
                    Map.of("content-type", java.util.List.of("text/html; charset=no-such-charset")),
                    "<p>caf\u00e9</p>".getBytes(StandardCharsets.UTF_8), Fixtures.FETCHED);
            assertTrue(extractor.extract(odd) instanceof ExtractedDocument);
        }
    }

    @Test
    void pageWithOnlyMarkupIsEmpty() {
        try (Extractor extractor = new Extractor()) {
            byte[] html = "<html><head><script>x()</script></head><body><div></div></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(Kind.EMPTY, failure(extractor.extract(resource("https://example.org/blank", html))).kind());
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ExtractorSettings.defaults().withMaxChars(0));
        assertThrows(IllegalArgumentException.class, () -> ExtractorSettings.defaults().withTimeout(Duration.ZERO));
        assertEquals(5_000_000, ExtractorSettings.defaults().maxChars());
        assertEquals(Duration.ofSeconds(60), ExtractorSettings.defaults().timeout());
    }
}
