package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UrlNormalizerTest {

    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest
    @CsvSource({
            "HTTP://Example.ORG:80/a/./b/../c#top, http://example.org/a/c",
            "https://example.org:443/?b=2&a=1, https://example.org/?a=1&b=2",
            "http://example.org/page;jsessionid=0123ABC, http://example.org/page",
            "http://example.org/page;JSESSIONID=0123ABC?x=1, http://example.org/page?x=1",
            "http://example.org/p?utm_source=news&utm_medium=mail&id=7, http://example.org/p?id=7",
            "http://example.org/p?PHPSESSID=abc&sid=9&fbclid=Z&gclid=Y&msclkid=X, http://example.org/p",
            "http://example.org/p?q=water&sessionid=abc, http://example.org/p?q=water",
            "http://example.org, http://example.org/",
    })
    void normalisesAndDropsTrackingAndSessionParameters(String in, String expected) {
        assertEquals(Optional.of(expected), normalizer.normalize(in));
    }

    @ParameterizedTest
    @CsvSource({"mailto:someone@example.org", "javascript:void(0)", "ftp://example.org/file", "/relative/path",
            "http://", "'  '"})
    void rejectsWhatCannotBeCrawled(String in) {
        assertEquals(Optional.empty(), normalizer.normalize(in));
    }

    @Test
    void resolvesRelativeLinks() {
        assertEquals(Optional.of("http://example.org/a/d?x=1"),
                normalizer.resolve("http://example.org/a/b/c.html", "../d?x=1&utm_campaign=z#frag"));
    }

    static Stream<Arguments> weirdToNormalized() throws IOException {
        Path csv = Corpus.require(Corpus.CRAWLER_COMMONS).resolve("normalizer/weirdToNormalizedUrls.csv");
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> {
                    int comma = l.indexOf(',');
                    return Arguments.of(l.substring(0, comma).strip(), l.substring(comma + 1).strip());
                });
    }

    /**
     * crawler-commons' own normaliser cases, through our normaliser: identical except where we go further (tracking
     * and session parameters are dropped, non-http schemes are refused).
     */
    @ParameterizedTest
    @MethodSource("weirdToNormalized")
    void crawlerCommonsNormalisationCases(String weird, String expected) {
        String lower = weird.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            assertEquals(Optional.empty(), normalizer.normalize(weird));
            return;
        }
        Optional<String> ours = normalizer.normalize(weird);
        String exp = expected;
        if (hostless(expected)) {
            assertEquals(Optional.empty(), ours, "a URL without a host cannot be crawled: " + weird);
            return;
        }
        if (UrlNormalizer.DROPPED_PARAMS.stream().anyMatch(p -> expected.toLowerCase(Locale.ROOT).contains(p + "="))
                || expected.contains("utm_")) {
            assertTrue(ours.isPresent(), weird);
            return;
        }
        assertEquals(Optional.of(exp), ours, weird);
    }

    private static boolean hostless(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null || host.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Stream<String> invalidUrls() throws IOException {
        Path csv = Corpus.require(Corpus.CRAWLER_COMMONS).resolve("normalizer/invalidUrls.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip);
    }

    @ParameterizedTest
    @MethodSource("invalidUrls")
    void invalidUrlsAreRefusedWithoutExceptions(String url) {
        assertEquals(Optional.empty(), normalizer.normalize(url));
    }
}
