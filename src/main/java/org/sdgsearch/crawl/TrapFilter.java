package org.sdgsearch.crawl;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises crawler traps: URL spaces that are infinite or nearly so although each URL looks reasonable. One filter
 * lives for one crawl (its query-variant counts are per crawl) and is thread-safe.
 */
final class TrapFilter {

    /**
     * A year written as calendars write it: followed by a month (2031-04, 2031/4, 2031_04) or as a year parameter.
     * A bare four-digit number is too often an id to count.
     */
    private static final Pattern YEAR = Pattern.compile(
            "(?<![0-9])([12][0-9]{3})[-/_.](?:0?[1-9]|1[0-2])(?![0-9])|(?i)[?&;](?:year|yr|y)=([12][0-9]{3})(?![0-9])");
    /** Distinct paths whose query variants are counted; beyond this the oldest are forgotten (bounded memory). */
    private static final int MAX_TRACKED_PATHS = 50_000;

    private final int maxUrlLength;
    private final int maxQueryVariants;
    private final int maxPathSegments;
    private final int maxSegmentRepeats;
    private final int maxYearsAhead;
    private final int currentYear;
    private final Map<String, Integer> variants = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED_PATHS;
        }
    };

    TrapFilter(CrawlerSettings settings, Clock clock) {
        this.maxUrlLength = settings.maxUrlLength();
        this.maxQueryVariants = settings.maxQueryVariants();
        this.maxPathSegments = settings.maxPathSegments();
        this.maxSegmentRepeats = settings.maxSegmentRepeats();
        this.maxYearsAhead = settings.maxYearsAhead();
        this.currentYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
    }

    /**
     * The reason the URL looks like a trap, or empty. Counting query variants makes this a stateful check: call it
     * once per newly discovered URL, not for URLs already known.
     */
    Optional<String> check(URI url) {
        String s = url.toString();
        if (s.length() > maxUrlLength) {
            return Optional.of("trap: URL longer than " + maxUrlLength);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String[] segments = path.split("/");
        int nonEmpty = 0;
        Map<String, Integer> repeats = new HashMap<>();
        for (String seg : segments) {
            if (seg.isEmpty()) {
                continue;
            }
            nonEmpty++;
            if (repeats.merge(seg, 1, Integer::sum) > maxSegmentRepeats) {
                return Optional.of("trap: path segment '" + seg + "' repeated");
            }
        }
        if (nonEmpty > maxPathSegments) {
            return Optional.of("trap: more than " + maxPathSegments + " path segments");
        }
        Optional<String> calendar = calendar(path + "?" + (url.getRawQuery() == null ? "" : url.getRawQuery()));
        if (calendar.isPresent()) {
            return calendar;
        }
        if (url.getRawQuery() != null) {
            String key = url.getHost() + ":" + url.getPort() + path;
            int n;
            synchronized (variants) {
                n = variants.merge(key, 1, Integer::sum);
            }
            if (n > maxQueryVariants) {
                return Optional.of("trap: more than " + maxQueryVariants + " query variants of " + path);
            }
        }
        return Optional.empty();
    }

    /**
     * Calendars link "next month" forever: a year far ahead (or before any web archive) is taken as such a space.
     * Past years are left alone within reason because archives (/news/2009/) are real content.
     */
    private Optional<String> calendar(String pathAndQuery) {
        Matcher m = YEAR.matcher(pathAndQuery);
        while (m.find()) {
            int year = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            if (year > currentYear + maxYearsAhead || year < 1900) {
                return Optional.of("trap: calendar-like date " + year);
            }
        }
        return Optional.empty();
    }
}
