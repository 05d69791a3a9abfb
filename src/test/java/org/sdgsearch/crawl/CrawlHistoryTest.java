package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawl history kept across restarts, capped per source, tolerant of a line torn by a crash. */
class CrawlHistoryTest {

    private static CrawlJobs.Job job(String source, int fetched, String state) {
        Instant start = Instant.parse("2025-03-01T10:00:00Z").plusSeconds(fetched * 60L);
        return new CrawlJobs.Job(source, state, new CrawlReport(source, start, start.plusSeconds(30), fetched,
                fetched, 0, 1, 0, 0, 0, 1000L * fetched, false), null);
    }

    @Test
    void survivesARestartNewestFirstAndCapped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("crawl-history.jsonl");
        CrawlHistory h = new CrawlHistory(file, 3);
        for (int i = 1; i <= 5; i++) {
            h.add(job("a", i, "FINISHED"));
        }
        h.add(job("b", 7, "CANCELLED"));
        Files.writeString(file, "{\"sourceId\": \"a\", \"sta", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CrawlHistory reloaded = new CrawlHistory(file, 3);
        assertEquals(3, reloaded.of("a").size());
        assertEquals(5, reloaded.of("a").get(0).progress().fetched());
        assertEquals(3, reloaded.of("a").get(2).progress().fetched());
        assertEquals("CANCELLED", reloaded.last("b").state());
        assertEquals(Instant.parse("2025-03-01T10:07:30Z"), reloaded.last("b").progress().finished());
        CrawlProgress p = CrawlProgress.of(reloaded.last("a"), -1, -1);
        assertEquals(30.0, p.durationSeconds());
        assertEquals(6, p.processed());

        reloaded.forget("a");
        assertNull(new CrawlHistory(file, 3).last("a"));
        assertEquals(1, new CrawlHistory(file, 3).of("b").size());
    }
}
