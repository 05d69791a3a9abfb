package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextBufferTest {

    @Test
    void collapsesWhitespaceAndKeepsBreaksBetweenText() {
        TextBuffer b = new TextBuffer(1_000);
        b.paragraphBreak();
        b.append("  Heading \n");
        b.paragraphBreak();
        b.append("first\t\tline");
        b.lineBreak();
        b.append("second");
        b.paragraphBreak();
        assertEquals("Heading\n\nfirst line\nsecond", b.toString());
    }

    @Test
    void stopsAtTheLimitWithoutSplittingSurrogatePairs() {
        TextBuffer b = new TextBuffer(5);
        b.append("abcd\uD83C\uDF0D");
        assertTrue(b.isTruncated());
        assertEquals("abcd", b.toString());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\uFFFD", TextBuffer.validUnicode("a\uD800b\uDC00"));
        assertEquals("ok \uD83C\uDF0D", TextBuffer.validUnicode("ok \uD83C\uDF0D"));
    }
}
