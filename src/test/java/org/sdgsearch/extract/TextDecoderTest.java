package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDecoderTest {

    private final TextDecoder decoder = new TextDecoder();
    private static final String TEXT = "<p>Développement durable – « objectifs » €</p>";

    @Test
    void bomBeatsHttpAndMeta() {
        byte[] body = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                ("<meta charset=\"windows-1252\">" + TEXT).getBytes(StandardCharsets.UTF_8));
        TextDecoder.Decoded d = decoder.decode(body, "text/html; charset=ISO-8859-1");
        assertEquals(TextDecoder.Source.BOM, d.source());
        assertEquals("<meta charset=\"windows-1252\">" + TEXT, d.text());
    }

    @Test
    void httpBeatsMeta() {
        byte[] body = ("<meta charset=\"utf-8\">" + TEXT).getBytes(Charset.forName("windows-1252"));
        TextDecoder.Decoded d = decoder.decode(body, "text/html; charset=\"windows-1252\"");
        assertEquals(TextDecoder.Source.HTTP, d.source());
        assertEquals("<meta charset=\"utf-8\">" + TEXT, d.text());
    }

    @Test
    void metaInTheFirst1024BytesCounts() {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">"
                + "</head><body><p>Œuvre, déjà, €</p></body></html>";
        TextDecoder.Decoded d = decoder.decode(html.getBytes(Charset.forName("ISO-8859-15")), null);
        assertEquals(TextDecoder.Source.META, d.source());
        assertEquals(html, d.text());
    }

    @Test
    void metaInsideACommentDoesNotCount() {
        String html = "<!-- <meta charset=\"koi8-r\"> -->" + TEXT;
        TextDecoder.Decoded d = decoder.decode(html.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(TextDecoder.Source.SNIFFED, d.source());
        assertEquals(html, d.text());
    }

    @Test
    void sniffsUtf16WithoutBom() {
        String text = "Plain text in UTF-16 without a byte order mark, as some exporters write it.";
        assertEquals(text, decoder.decode(text.getBytes(StandardCharsets.UTF_16LE), null).text());
        assertEquals(text, decoder.decode(text.getBytes(StandardCharsets.UTF_16BE), null).text());
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        byte[] body = {'a', (byte) 0xC3, '(', 'b'};
        assertEquals("a\uFFFD(b", decoder.decode(body, "text/plain; charset=utf-8").text());
    }

    @ParameterizedTest
    @CsvSource({"iso-8859-1, windows-1252", "US-ASCII, windows-1252", "gb2312, GB18030", "Shift_JIS, windows-31j",
            "euc-kr, x-windows-949", "utf-8, UTF-8", "koi8-r, KOI8-R"})
    void labelsResolveLikeBrowsers(String label, String charset) {
        assertEquals(Charset.forName(charset), TextDecoder.resolve(label, false));
    }

    @Test
    void metaCannotSwitchToUtf16() {
        assertEquals(StandardCharsets.UTF_8, TextDecoder.resolve("utf-16le", true));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
