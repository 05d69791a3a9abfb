package org.sdgsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.crawl.CrawlStatus;
import org.sdgsearch.crawl.UrlRecord;

class LuceneCrawlStatusStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void putGetUpdateAndLinks() {
        try (LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir)) {
            store.put(UrlRecord.discovered("s", "http://a/1", 0, T0));
            UrlRecord r = store.get("s", "http://a/1").orElseThrow();
            assertEquals(CrawlStatus.DISCOVERED, r.status());
            assertEquals(Instant.EPOCH, r.queuedFrom());
            assertTrue(store.get("other", "http://a/1").isEmpty());

            UrlRecord fetched = store.update("s", "http://a/1", cur -> cur.toBuilder()
                    .status(CrawlStatus.FETCHED, "").etag("\"x\"").httpStatus(200).fetchedAt(T0)
                    .nextFetchAt(T0.plusSeconds(60)).interval(Duration.ofMinutes(1)).queuedFrom(null).build());
            assertEquals("\"x\"", fetched.etag());
            // Returning the same instance writes nothing.
            assertEquals(fetched, store.update("s", "http://a/1", cur -> cur));
            assertNull(store.update("s", "http://a/none", cur -> null));

            store.putLinks("s", "http://a/1", List.of("http://a/2", "http://a/3"));
            assertEquals(List.of("http://a/2", "http://a/3"), store.links("s", "http://a/1"));
            store.commit();
            assertEquals(List.of("http://a/2", "http://a/3"), store.links("s", "http://a/1"));
            assertEquals(fetched, store.get("s", "http://a/1").orElseThrow());
        }
    }

    @Test
    void frontierQueriesAndCounts() {
        try (LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir)) {
            store.put(UrlRecord.discovered("s", "http://a/deep", 3, T0));
            store.put(UrlRecord.discovered("s", "http://a/seed", 0, T0));
            store.put(UrlRecord.discovered("s", "http://a/parked", 1, T0).toBuilder()
                    .queuedFrom(T0.plusSeconds(10)).build());
            store.put(UrlRecord.discovered("t", "http://b/x", 0, T0));
            store.put(UrlRecord.discovered("s", "http://a/old", 1, T0).toBuilder().status(CrawlStatus.FETCHED, "")
                    .queuedFrom(null).nextFetchAt(T0.plusSeconds(5)).lastSeen(T0).build());
            store.put(UrlRecord.discovered("s", "http://a/err", 1, T0).toBuilder()
                    .status(CrawlStatus.ERROR, "HTTP 500").queuedFrom(null).fetchedAt(T0).build());

            List<String> queued = store.queued("s", T0, 10).stream().map(UrlRecord::url).toList();
            assertEquals(List.of("http://a/seed", "http://a/deep"), queued);
            assertEquals(3, store.queued("s", T0.plusSeconds(10), 10).size());

            assertEquals(List.of(), store.due("s", T0, 10));
            assertEquals("http://a/old", store.due("s", T0.plusSeconds(5), 10).get(0).url());
            assertEquals("http://a/old", store.indexedNotSeenSince("s", T0.plusSeconds(1), 10).get(0).url());
            assertEquals(List.of(), store.indexedNotSeenSince("s", T0, 10));
            assertEquals("HTTP 500", store.failures("s", 10).get(0).reason());
            assertEquals(Map.of(CrawlStatus.DISCOVERED, 3L, CrawlStatus.FETCHED, 1L, CrawlStatus.ERROR, 1L),
                    store.counts("s"));
            List<String> all = new ArrayList<>();
            store.forEach("t", r -> all.add(r.url()));
            assertEquals(List.of("http://b/x"), all);

            store.deleteSource("t");
            assertTrue(store.counts("t").isEmpty());
        }
    }

    @Test
    void survivesReopenAndLosesOnlyUncommittedWorkOnCrash(@TempDir Path crashCopy) throws IOException {
        LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir);
        store.put(UrlRecord.discovered("s", "http://a/committed", 0, T0));
        store.commit();
        store.put(UrlRecord.discovered("s", "http://a/uncommitted", 0, T0));
        // A kill -9 leaves the files as they are: copy them while the writer is still open.
        copy(dir, crashCopy);
        store.close();

        try (LuceneCrawlStatusStore crashed = new LuceneCrawlStatusStore(crashCopy)) {
            assertTrue(crashed.get("s", "http://a/committed").isPresent());
            assertTrue(crashed.get("s", "http://a/uncommitted").isEmpty());
        }
        try (LuceneCrawlStatusStore reopened = new LuceneCrawlStatusStore(dir)) {
            assertTrue(reopened.get("s", "http://a/uncommitted").isPresent());
        }
    }

    @Test
    void manyRecordsStayQueryable() {
        try (LuceneCrawlStatusStore store = new LuceneCrawlStatusStore(dir)) {
            for (int i = 0; i < 50_000; i++) {
                store.put(UrlRecord.discovered("s", "http://a/p" + i, i % 7, T0));
            }
            assertEquals(50_000L, store.counts("s").get(CrawlStatus.DISCOVERED));
            assertTrue(store.get("s", "http://a/p49999").isPresent());
            assertTrue(store.queued("s", T0, 100).stream().allMatch(r -> r.depth() == 0));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }
}
