package org.sdgsearch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.sdgsearch.crawl.CrawlerSettings;

/** The sdg.crawl.* properties reach the crawler; unset ones keep the defaults; bad values name their property. */
class CrawlerSettingsConfigTest {

    private static SdgSearchConfig.Crawl config(Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(Map.of("userAgent", "TestBot/1 (+https://example.org)",
                "delay", Duration.ofSeconds(1), "maxCrawlDelay", Duration.ofSeconds(30),
                "connectTimeout", Duration.ofSeconds(10), "readTimeout", Duration.ofSeconds(30),
                "maxBodyBytes", 1_000_000L, "threads", 4));
        values.putAll(set);
        return (SdgSearchConfig.Crawl) Proxy.newProxyInstance(SdgSearchConfig.Crawl.class.getClassLoader(),
                new Class<?>[] {SdgSearchConfig.Crawl.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    if (method.getReturnType() == OptionalInt.class) {
                        return v == null ? OptionalInt.empty() : OptionalInt.of((Integer) v);
                    }
                    if (method.getReturnType() == Optional.class) {
                        return Optional.ofNullable(v);
                    }
                    return v;
                });
    }

    @Test
    void propertiesOverrideDefaultsAndUnsetOnesKeepThem() {
        CrawlerSettings s = Engine.crawlerSettings(config(Map.of("maxRedirects", 2, "windowSize", 500,
                "maxRecrawlInterval", Duration.ofDays(7), "contentTypes", List.of(" Text/HTML", "application/pdf"))));
        CrawlerSettings d = CrawlerSettings.defaults();
        assertEquals(2, s.maxRedirects());
        assertEquals(500, s.windowSize());
        assertEquals(Duration.ofDays(7), s.maxRecrawlInterval());
        assertEquals(List.of("text/html", "application/pdf"), s.contentTypes());
        assertEquals(d.maxSitemaps(), s.maxSitemaps());
        assertEquals(d.robotsCacheTtl(), s.robotsCacheTtl());
        assertEquals(4, s.threads());
    }

    @Test
    void outOfRangeValuesNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engine.crawlerSettings(config(Map.of("windowSize", 0))));
        assertTrue(e.getMessage().contains("sdg.crawl.window-size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Engine.crawlerSettings(config(Map.of("retryBackoff", Duration.ZERO))));
        assertTrue(e.getMessage().contains("sdg.crawl.retry-backoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Engine.crawlerSettings(config(Map.of(
                "minRecrawlInterval", Duration.ofDays(40)))));
        assertTrue(e.getMessage().contains("sdg.crawl.min-recrawl-interval"), e.getMessage());
    }
}
