package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrapFilterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    private static TrapFilter filter() {
        return new TrapFilter(CrawlerSettings.defaults().toBuilder().maxQueryVariants(3).build(), CLOCK);
    }

    @ParameterizedTest
    @CsvSource({
            "http://a.example/events/2028-12, false",
            "http://a.example/events/2029-01, true",
            "http://a.example/calendar?month=2031-4, true",
            "http://a.example/calendar?year=2040, true",
            "http://a.example/archive/1850/01/, true",
            "http://a.example/news/2009/05/story, false",
            "http://a.example/product/2999, false",
            "http://a.example/item?id=4044, false",
            "http://a.example/a/b/a/b/a/b/a/b, true",
            "http://a.example/docs/docs/docs, false",
            "http://a.example/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/21/22/23/24/25/26/27/28/29/30/31, true",
    })
    void recognisesTraps(String url, boolean trap) {
        Optional<String> reason = filter().check(URI.create(url));
        assertEquals(trap, reason.isPresent(), url + " " + reason);
    }

    @Test
    void tooLongUrls() {
        assertTrue(filter().check(URI.create("http://a.example/" + "x".repeat(3000))).isPresent());
    }

    @Test
    void tooManyQueryVariantsOfOnePath() {
        TrapFilter f = filter();
        for (int i = 0; i < 3; i++) {
            assertTrue(f.check(URI.create("http://a.example/search?q=" + i)).isEmpty());
        }
        assertTrue(f.check(URI.create("http://a.example/search?q=overflow")).isPresent());
        assertTrue(f.check(URI.create("http://a.example/other?q=1")).isEmpty(), "counted per path");
    }
}
