package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missed-run detection for schedules, and that last runs survive a restart. */
class CrawlScheduleTest {

    private static final String WEEKLY = "0 0 3 ? * SUN";

    @Test
    void aRunThatFellDuringDowntimeIsMissed(@TempDir Path dir) {
        Path file = dir.resolve("schedule-state.json");
        CrawlSchedule s = new CrawlSchedule(file, ZoneOffset.UTC);
        // Saturday 2025-03-01; the next run is Sunday 2025-03-02 03:00 UTC.
        s.ran("a", Instant.parse("2025-03-01T10:00:00Z"));
        assertFalse(s.missed("a", WEEKLY, Instant.parse("2025-03-02T02:59:59Z")));
        assertTrue(s.missed("a", WEEKLY, Instant.parse("2025-03-02T03:00:00Z")));
        assertTrue(s.missed("a", WEEKLY, Instant.parse("2025-04-20T00:00:00Z")), "many missed runs make up one");
        assertEquals(Instant.parse("2025-03-02T03:00:00Z"), s.next(WEEKLY, Instant.parse("2025-03-01T10:00:00Z"))
                .orElseThrow());

        CrawlSchedule reloaded = new CrawlSchedule(file, ZoneOffset.UTC);
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), reloaded.lastRun("a").orElseThrow());
        assertTrue(reloaded.missed("a", WEEKLY, Instant.parse("2025-03-03T00:00:00Z")));
    }

    @Test
    void aSourceNeverRunIsNotMissedAndForgottenSourcesStayForgotten(@TempDir Path dir) {
        Path file = dir.resolve("schedule-state.json");
        CrawlSchedule s = new CrawlSchedule(file, ZoneOffset.UTC);
        assertFalse(s.missed("new", WEEKLY, Instant.parse("2030-01-01T00:00:00Z")));
        s.ran("gone", Instant.parse("2025-03-01T10:00:00Z"));
        s.forget("gone");
        assertTrue(new CrawlSchedule(file, ZoneOffset.UTC).lastRun("gone").isEmpty());
    }
}
