package org.sdgsearch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {

    private static String sentences(int count, String sentence) {
        return (sentence + " ").repeat(count).strip();
    }

    private static int words(String s) {
        return s.split("\\s+").length;
    }

    @Test
    void longTextIsCutAtSentenceEndsIntoPassagesOf100To300Words() {
        String text = sentences(120, "The district council opened two new clinics this year."); // 9 words each
        List<Passages.Passage> passages = Passages.split(text, List.of());
        assertTrue(passages.size() >= 4, "passages: " + passages.size());
        for (Passages.Passage p : passages) {
            assertTrue(words(p.text()) >= 100 && words(p.text()) <= 300, "words: " + words(p.text()));
            assertTrue(p.text().endsWith("."));
            assertNull(p.page());
        }
        assertEquals(words(text), passages.stream().mapToInt(p -> words(p.text())).sum());
    }

    @Test
    void shortTextIsOnePassage() {
        List<Passages.Passage> passages = Passages.split("Clean water for all.", null);
        assertEquals(List.of(new Passages.Passage("Clean water for all.", null)), passages);
    }

    @Test
    void aSentenceWithoutEndIsCutAtThreeHundredWords() {
        String text = "word ".repeat(700);
        List<Passages.Passage> passages = Passages.split(text, List.of());
        assertEquals(List.of(300, 300, 100), passages.stream().map(p -> words(p.text())).toList());
    }

    @Test
    void passagesNeverCrossPagesAndKnowTheirPage() {
        List<String> pages = List.of(sentences(40, "Water flows in the new pipes."), "", "Short last page.");
        List<Passages.Passage> passages = Passages.split("ignored when pages are given", pages);
        assertEquals(1, passages.get(0).page());
        assertEquals(3, passages.get(passages.size() - 1).page());
        assertEquals("Short last page.", passages.get(passages.size() - 1).text());
        assertTrue(passages.stream().noneMatch(p -> p.page() == 2));
    }

    @Test
    void chineseIsMeasuredInCharactersNotSpaces() {
        String text = "确保人人获得安全饮用水。".repeat(100); // no spaces at all
        List<Passages.Passage> passages = Passages.split(text, List.of());
        assertTrue(passages.size() > 1, "passages: " + passages.size());
    }
}
