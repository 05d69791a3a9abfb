package org.sdgsearch.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;
import org.apache.tika.parser.txt.UniversalEncodingDetector;

/**
 * Turns HTML or plain-text bytes into Unicode the way a browser does: byte order mark, then the HTTP charset, then a
 * meta charset (or XML declaration) in the first 1024 bytes, then sniffing. Labels are resolved as the WHATWG
 * Encoding standard does (ISO-8859-1 means windows-1252, GB2312 means GB18030...), because pages are written for
 * browsers, not for the IANA registry. Malformed bytes become U+FFFD, so the result is always valid Unicode.
 */
final class TextDecoder {

    /** How the charset was chosen: kept in metadata so that mis-decoded pages can be explained. */
    enum Source { BOM, HTTP, META, SNIFFED, DEFAULT }

    /** Decoded text with the charset used and how it was chosen. */
    record Decoded(String text, Charset charset, Source source) {
    }

    private static final int PRESCAN_BYTES = 1024;
    // Enough for the detectors to be stable on real pages, small enough to keep sniffing cheap on big bodies.
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_:.+-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DECLARATION = Pattern.compile(
            "^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([a-zA-Z0-9_:.+-]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_TYPE_CHARSET = Pattern.compile(
            "charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_:.+-]+)", Pattern.CASE_INSENSITIVE);

    // WHATWG Encoding standard: labels whose bytes browsers decode with a superset encoding.
    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"),
            Map.entry("l1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"), Map.entry("cp1252", "windows-1252"),
            Map.entry("iso-8859-9", "windows-1254"), Map.entry("latin5", "windows-1254"),
            Map.entry("iso-8859-11", "x-windows-874"), Map.entry("tis-620", "x-windows-874"),
            Map.entry("windows-874", "x-windows-874"),
            Map.entry("gb2312", "GB18030"), Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"),
            Map.entry("chinese", "GB18030"), Map.entry("csgb2312", "GB18030"),
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"), Map.entry("cp932", "windows-31j"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("windows-949", "x-windows-949"), Map.entry("cp949", "x-windows-949"),
            Map.entry("big5", "Big5-HKSCS"), Map.entry("x-x-big5", "Big5-HKSCS"));

    // ICU answers below this confidence are guesses; above ICU_OVERRIDE they beat a single-byte answer of Mozilla's.
    private static final int ICU_MIN_CONFIDENCE = 10;
    private static final int ICU_OVERRIDE = 60;

    private final UniversalEncodingDetector universal = new UniversalEncodingDetector();

    TextDecoder() {
        universal.setMarkLimit(SNIFF_BYTES);
    }

    /**
     * Decodes a body.
     *
     * @param body        the bytes
     * @param contentType the HTTP Content-Type header value, or null
     */
    Decoded decode(byte[] body, String contentType) {
        Bom bom = Bom.of(body);
        if (bom != null) {
            return new Decoded(decodeLenient(body, bom.length, bom.charset), bom.charset, Source.BOM);
        }
        Charset http = resolve(charsetParameter(contentType), false);
        if (http != null) {
            return new Decoded(decodeLenient(body, 0, http), http, Source.HTTP);
        }
        Charset meta = resolve(prescan(body), true);
        if (meta != null) {
            return new Decoded(decodeLenient(body, 0, meta), meta, Source.META);
        }
        Charset sniffed = sniff(body);
        if (sniffed != null) {
            return new Decoded(decodeLenient(body, 0, sniffed), sniffed, Source.SNIFFED);
        }
        return new Decoded(decodeLenient(body, 0, WINDOWS_1252), WINDOWS_1252, Source.DEFAULT);
    }

    /** The charset parameter of a Content-Type value, or null. */
    static String charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CONTENT_TYPE_CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Resolves a label to the charset browsers decode it with, or null when unknown.
     *
     * @param fromMeta a meta tag cannot switch to UTF-16: the bytes it was read from are ASCII-compatible
     */
    static Charset resolve(String label, boolean fromMeta) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String key = label.trim().toLowerCase(Locale.ROOT);
        if (fromMeta && key.startsWith("utf-16")) {
            return StandardCharsets.UTF_8;
        }
        if (key.equals("x-user-defined")) {
            return WINDOWS_1252;
        }
        String name = SUPERSETS.getOrDefault(key, key);
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The charset named by a meta tag or an XML declaration in the first 1024 bytes, or null. */
    static String prescan(byte[] body) {
        // ISO-8859-1 maps bytes one to one, so offsets and ASCII markup survive whatever the real encoding is.
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        head = head.replaceAll("(?s)<!--.*?-->", "");
        Matcher xml = XML_DECLARATION.matcher(head);
        if (xml.find()) {
            return xml.group(1);
        }
        Matcher meta = META_CHARSET.matcher(head);
        return meta.find() ? meta.group(1) : null;
    }

    private Charset sniff(byte[] body) {
        byte[] sample = body.length > SNIFF_BYTES ? Arrays.copyOf(body, SNIFF_BYTES) : body;
        Charset wide = sniffUtf16Or32(sample);
        if (wide != null) {
            return wide;
        }
        boolean escapes = hasEscape(sample);
        if (isAscii(sample) && !escapes) {
            return WINDOWS_1252;
        }
        if (!escapes && isUtf8(sample, body.length > SNIFF_BYTES)) {
            return StandardCharsets.UTF_8;
        }
        Charset universal = detect(this.universal::detect, sample);
        CharsetMatch icu = icuBest(sample);
        Charset chosen = universal;
        // Mozilla's detector (juniversalchardet) is the better one for CJK, Cyrillic, Greek, Hebrew and Thai, but it
        // knows no Central European or Turkish encodings and calls them Latin-1; ICU's detector does know them.
        // Measured on the chardet corpus in ../shared (see HostileCorpusTest).
        if (icu != null && (universal == null || isLatin1Family(universal))) {
            chosen = Charset.forName(icu.getName());
        } else if (icu != null && icu.getConfidence() >= ICU_OVERRIDE && !isMultiByte(universal)
                && !icu.getName().equalsIgnoreCase(universal.name())) {
            chosen = Charset.forName(icu.getName());
        }
        return chosen == null ? null : resolve(chosen.name(), false);
    }

    /** ICU's best single-byte or CJK guess; EBCDIC and UTF-16/32 guesses on ASCII-based web text are noise. */
    private static CharsetMatch icuBest(byte[] sample) {
        try {
            CharsetDetector detector = new CharsetDetector();
            // Markup would otherwise dominate the statistics and pull every page towards Latin-1.
            detector.enableInputFilter(true);
            detector.setText(sample);
            for (CharsetMatch m : detector.detectAll()) {
                String name = m.getName().toUpperCase(Locale.ROOT);
                if (name.startsWith("IBM4") || name.startsWith("IBM5") || name.startsWith("UTF-16")
                        || name.startsWith("UTF-32") || !Charset.isSupported(m.getName())) {
                    continue;
                }
                return m.getConfidence() >= ICU_MIN_CONFIDENCE ? m : null;
            }
        } catch (RuntimeException e) {
            // a detector bug must not fail the page; the caller falls back
        }
        return null;
    }

    private static boolean isLatin1Family(Charset c) {
        String n = c.name().toUpperCase(Locale.ROOT);
        return n.equals("ISO-8859-1") || n.equals("WINDOWS-1252") || n.equals("ISO-8859-15") || n.equals("US-ASCII");
    }

    private static boolean isMultiByte(Charset c) {
        return c.newEncoder().maxBytesPerChar() > 1.0f;
    }

    private static boolean hasEscape(byte[] sample) {
        // ISO-2022 encodings are 7-bit and switch character sets with ESC sequences.
        for (byte b : sample) {
            if (b == 0x1B) {
                return true;
            }
        }
        return false;
    }

    private interface Detector {
        Charset detect(ByteArrayInputStream in, Metadata metadata) throws IOException;
    }

    private static Charset detect(Detector detector, byte[] sample) {
        try {
            return detector.detect(new ByteArrayInputStream(sample), new Metadata());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** UTF-16/32 without a byte order mark: ASCII-range text leaves tell-tale zero bytes in fixed columns. */
    static Charset sniffUtf16Or32(byte[] sample) {
        int n = Math.min(sample.length, 4096) & ~3;
        if (n < 8) {
            return null;
        }
        int[] zeros = new int[4];
        for (int i = 0; i < n; i++) {
            if (sample[i] == 0) {
                zeros[i & 3]++;
            }
        }
        int quarter = n / 4;
        double high = 0.9 * quarter;
        double low = 0.1 * quarter;
        if (zeros[0] > high && zeros[1] > high && zeros[2] > high && zeros[3] < low) {
            return Charset.forName("UTF-32BE");
        }
        if (zeros[0] < low && zeros[1] > high && zeros[2] > high && zeros[3] > high) {
            return Charset.forName("UTF-32LE");
        }
        int even = zeros[0] + zeros[2];
        int odd = zeros[1] + zeros[3];
        int half = n / 2;
        if (even > 0.4 * half && odd < 0.05 * half) {
            return StandardCharsets.UTF_16BE;
        }
        if (odd > 0.4 * half && even < 0.05 * half) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static boolean isAscii(byte[] sample) {
        for (byte b : sample) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 check; a sample cut from a longer body may end inside a sequence, which is allowed. */
    static boolean isUtf8(byte[] sample, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = sample.length;
        if (truncated) {
            // Back off to the start of the last (possibly incomplete) sequence.
            int i = length - 1;
            while (i > 0 && length - i < 4 && (sample[i] & 0xC0) == 0x80) {
                i--;
            }
            length = i;
        }
        try {
            decoder.decode(ByteBuffer.wrap(sample, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String decodeLenient(byte[] body, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(body, offset, body.length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // REPLACE never reports; keep a safe answer anyway.
            return new String(body, offset, body.length - offset, charset);
        }
    }

    private record Bom(Charset charset, int length) {
        static Bom of(byte[] b) {
            // UTF-32LE's mark starts like UTF-16LE's, so it is tested first.
            if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
                return new Bom(Charset.forName("UTF-32LE"), 4);
            }
            if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
                return new Bom(Charset.forName("UTF-32BE"), 4);
            }
            if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                return new Bom(StandardCharsets.UTF_8, 3);
            }
            if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
                return new Bom(StandardCharsets.UTF_16BE, 2);
            }
            if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
                return new Bom(StandardCharsets.UTF_16LE, 2);
            }
            return null;
        }
    }
}
