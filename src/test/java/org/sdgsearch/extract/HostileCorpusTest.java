package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code ../shared/corpus/hostile} through the extractor: nothing may escape as an exception, each
 * file must finish within the time limit, and the non-UTF-8 pages (whose folder names their true encoding) must
 * decode to the same text as decoding with that encoding (as browsers resolve its label). Skipped when {@code ../shared} is absent.
 *
 * <p>A summary (files, outcomes by kind, slowest file, encoding results) is printed and written to
 * {@code target/hostile-corpus-report.txt}.
 */
class HostileCorpusTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus", "hostile");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    // Scheduling noise on a shared 2-core machine; the extractor itself returns at LIMIT.
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final int MAX_GUNZIPPED = 50 * 1024 * 1024;

    /**
     * Files sniffing cannot get right: no detector we have knows Johab or MacRoman, and two Mozilla regression
     * pages are built to be ambiguous. They must still decode to valid Unicode, and decode exactly when labelled.
     */
    private static final java.util.Set<String> KNOWN_MISSES = java.util.Set.of("Johab", "MacRoman",
            "EUC-JP/_mozilla_bug431054_text.html", "windows-1252/_mozilla_bug421271_text.html");

    private static Extractor extractor;
    private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile String slowest = "";
    private static volatile long slowestNanos;
    private static final Map<String, int[]> ENCODINGS = new TreeMap<>();
    private static final List<String> MISDECODED = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus/hostile not present");
        extractor = new Extractor(ExtractorSettings.defaults().withTimeout(LIMIT));
    }

    @AfterAll
    static void report() throws IOException {
        if (extractor == null) {
            return;
        }
        extractor.close();
        StringBuilder sb = new StringBuilder();
        sb.append("runs: ").append(RUNS.get()).append('\n');
        new TreeMap<>(OUTCOMES).forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        sb.append(String.format(Locale.ROOT, "slowest: %s (%d ms)%n", slowest, slowestNanos / 1_000_000));
        sb.append("encodings (exact/total):\n");
        ENCODINGS.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v[0]).append('/').append(v[1])
                .append('\n'));
        sb.append("misdecoded:\n");
        MISDECODED.forEach(m -> sb.append("  ").append(m).append('\n'));
        System.out.println(sb);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile-corpus-report.txt"), sb.toString(), StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> everyFileFinishesWithoutEscapingExceptions() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> {
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            run(file, name, body);
            if (name.endsWith(".gz")) {
                byte[] inner = gunzip(body);
                if (inner != null) {
                    run(file, name.substring(0, name.length() - 3), inner);
                }
            }
            if (name.endsWith(".dat") && file.toString().contains("tree-construction")) {
                int i = 0;
                for (String html : html5libInputs(new String(body, StandardCharsets.UTF_8))) {
                    run(file, name + "#" + (i++), html.getBytes(StandardCharsets.UTF_8), "Content-Type",
                            "text/html; charset=utf-8");
                }
            }
        }));
    }

    private static void run(Path file, String name, byte[] body, String... headers) {
        String url = "https://hostile.example/" + name.replace(' ', '_').replace('#', '-');
        long start = System.nanoTime();
        Extraction e = extractor.extract(Fixtures.resource(url, body, headers));
        long nanos = System.nanoTime() - start;
        RUNS.incrementAndGet();
        assertNotNull(e);
        String outcome = e instanceof ExtractionFailure f ? f.kind().name() : "DOCUMENT " + ((ExtractedDocument) e).mediaType();
        OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        synchronized (HostileCorpusTest.class) {
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowest = CORPUS.relativize(file) + (name.equals(file.getFileName().toString()) ? "" : " [" + name + "]");
            }
        }
        assertTrue(Duration.ofNanos(nanos).compareTo(LIMIT.plus(SLACK)) < 0, name + " took " + nanos / 1_000_000 + " ms");
        if (e instanceof ExtractedDocument d) {
            assertTrue(d.text().length() <= extractor.settings().maxChars());
            assertValidUnicode(d.text(), name);
            assertValidUnicode(d.title(), name);
            d.pages().forEach(p -> assertValidUnicode(p, name));
        }
    }

    @TestFactory
    Stream<DynamicTest> labelledEncodingsDecodeToTheTrueText() throws IOException {
        Path root = CORPUS.resolve("encoding-chardet-tests").resolve("tests");
        assumeTrue(Files.isDirectory(root));
        TextDecoder decoder = new TextDecoder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
            String folder = file.getParent().getFileName().toString();
            Charset truth = trueCharset(folder);
            assumeTrue(truth != null, "no Java charset for " + folder);
            byte[] body = Files.readAllBytes(file);
            String expected = strip(TextDecoder.decodeLenient(body, 0, truth));
            TextDecoder.Decoded decoded = decoder.decode(body, null);
            String actual = strip(decoded.text());
            boolean same = expected.equals(actual);
            synchronized (ENCODINGS) {
                int[] counts = ENCODINGS.computeIfAbsent(folder, k -> new int[2]);
                counts[1]++;
                if (same) {
                    counts[0]++;
                } else {
                    MISDECODED.add(root.relativize(file) + " as " + decoded.charset().name() + " ("
                            + decoded.source().name().toLowerCase(Locale.ROOT) + ")");
                }
            }
            assertValidUnicode(actual, file.toString());
            if (!KNOWN_MISSES.contains(folder) && !KNOWN_MISSES.contains(root.relativize(file).toString())) {
                assertEquals(expected, actual, "sniffed " + decoded.charset().name() + " (" + decoded.source() + ")");
            }
            // With the true charset in the HTTP header, the text must come out exactly (BOM still wins).
            TextDecoder.Decoded labelled = decoder.decode(body, "text/html; charset=" + truth.name());
            assertEquals(expected, strip(labelled.text()), "labelled as " + truth.name());
        }));
    }

    /** The folder names of the chardet corpus, mapped to Java charsets. */
    static Charset trueCharset(String folder) {
        String f = folder.toLowerCase(Locale.ROOT);
        String name = switch (f) {
            case "cp932" -> "windows-31j";
            case "cp949" -> "x-windows-949";
            case "euc-tw" -> "x-EUC-TW";
            case "johab" -> "x-Johab";
            case "maccyrillic" -> "x-MacCyrillic";
            case "macroman" -> "x-MacRoman";
            case "ascii" -> "US-ASCII";
            case "utf-8-sig" -> "UTF-8";
            case "tis-620" -> "TIS-620";
            default -> {
                // "iso-8859-2-czech", "windows-1251-russian": the charset, then the language.
                String[] parts = f.split("-");
                if (f.startsWith("iso-8859-")) {
                    yield "ISO-8859-" + parts[2];
                }
                if (f.startsWith("windows-")) {
                    yield "windows-" + parts[1];
                }
                yield folder;
            }
        };
        // Decoded as browsers decode that label (Shift_JIS as windows-31j, GB2312 as GB18030...), like the extractor.
        return Charset.isSupported(name) ? TextDecoder.resolve(name, false) : null;
    }

    private static String strip(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static void assertValidUnicode(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)), "lone surrogate in " + what);
                i++;
            } else {
                assertTrue(!Character.isLowSurrogate(c), "lone surrogate in " + what);
            }
        }
    }

    /** The #data sections of an html5lib tree-construction file. */
    static List<String> html5libInputs(String dat) {
        List<String> inputs = new ArrayList<>();
        StringBuilder current = null;
        for (String line : dat.split("\n", -1)) {
            if (line.equals("#data")) {
                current = new StringBuilder();
            } else if (line.startsWith("#") && current != null) {
                inputs.add(current.toString());
                current = null;
            } else if (current != null) {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line);
            }
        }
        return inputs;
    }

    private static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_GUNZIPPED) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null; // not really gzip, or truncated: the raw bytes were tested already
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
