package org.sdgsearch.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of the dates pages and documents carry (ISO 8601 in its many web spellings, HTTP dates, PDF
 * dates). A date without a zone is taken as UTC; a date we cannot read is null rather than a guess.
 */
final class Dates {

    // Before the web existed nothing we index was published; far-future dates are typos or placeholders.
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]")
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT);
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm[:ss]").toFormatter(Locale.ROOT));
    private static final Pattern PDF_DATE = Pattern.compile(
            "D:(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?([Zz+-])?(\\d{2})?'?(\\d{2})?'?");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    private Dates() {
    }

    /** Parses a date, or returns null. */
    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        Instant parsed = tryParse(s);
        if (parsed == null || parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            return null;
        }
        return parsed;
    }

    private static Instant tryParse(String s) {
        if (s.startsWith("D:")) {
            return pdfDate(s);
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        try {
            return OffsetDateTime.parse(s, OFFSET_NO_COLON).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        String datePart = s.length() >= 10 ? s.substring(0, 10) : s;
        try {
            return LocalDate.parse(datePart, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next spelling
        }
        Matcher ym = YEAR_MONTH.matcher(s);
        if (ym.matches()) {
            return of(Integer.parseInt(ym.group(1)), Integer.parseInt(ym.group(2)), 1);
        }
        Matcher y = YEAR.matcher(s);
        if (y.matches()) {
            return of(Integer.parseInt(y.group(1)), 1, 1);
        }
        return null;
    }

    private static Instant pdfDate(String s) {
        Matcher m = PDF_DATE.matcher(s);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), group(m, 2, 1), group(m, 3, 1),
                    group(m, 4, 0), group(m, 5, 0), group(m, 6, 0));
            ZoneOffset offset = ZoneOffset.UTC;
            String sign = m.group(7);
            if (sign != null && (sign.equals("+") || sign.equals("-"))) {
                int hours = group(m, 8, 0);
                int minutes = group(m, 9, 0);
                offset = ZoneOffset.ofHoursMinutes(sign.equals("-") ? -hours : hours,
                        sign.equals("-") ? -minutes : minutes);
            }
            return local.toInstant(offset);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int group(Matcher m, int group, int fallback) {
        String g = m.group(group);
        return g == null ? fallback : Integer.parseInt(g);
    }

    private static Instant of(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
