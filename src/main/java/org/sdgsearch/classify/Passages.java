package org.sdgsearch.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into passages of roughly 100-300 words at sentence ends, never across a page, so that each
 * passage is about as long as the texts the model was trained and tuned on, and evidence can name its page.
 */
final class Passages {

    /** A passage and the 1-based page it comes from (null when the document has no pages). */
    record Passage(String text, Integer page) {
    }

    static final int TARGET_WORDS = 150;
    static final int MAX_WORDS = 300;
    /** A tail shorter than this joins the passage before it rather than standing alone. */
    static final int MIN_WORDS = 100;

    private Passages() {
    }

    static List<Passage> split(String text, List<String> pages) {
        List<Passage> out = new ArrayList<>();
        if (pages != null && !pages.isEmpty()) {
            for (int p = 0; p < pages.size(); p++) {
                String page = pages.get(p);
                if (page != null) {
                    splitInto(page, p + 1, out);
                }
            }
        } else if (text != null) {
            splitInto(text, null, out);
        }
        return out;
    }

    private static void splitInto(String text, Integer page, List<Passage> out) {
        int n = text.length();
        int passageStart = -1;   // -1: no passage open
        double words = 0;        // words in the open passage
        boolean inWord = false;
        int lastSentenceEnd = -1; // offset after the last sentence end inside the open passage
        double wordsAtSentenceEnd = 0;
        int firstOnPage = out.size();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            boolean space = Character.isWhitespace(ch);
            if (!space && passageStart < 0) {
                passageStart = i;
                words = 0;
                lastSentenceEnd = -1;
            }
            if (passageStart < 0) {
                continue;
            }
            if (isIdeograph(ch)) {
                words += 0.5; // about two Han characters per word
                inWord = false;
            } else if (space) {
                inWord = false;
            } else if (!inWord) {
                words++;
                inWord = true;
            }
            if (isSentenceEnd(text, i)) {
                lastSentenceEnd = i + 1;
                wordsAtSentenceEnd = words;
                if (words >= TARGET_WORDS) {
                    add(out, text.substring(passageStart, i + 1), page);
                    passageStart = -1;
                    continue;
                }
            }
            if (words > MAX_WORDS) {
                // Cut at the last sentence end if there is a reasonable one, else at this word boundary.
                int cut = lastSentenceEnd > passageStart && wordsAtSentenceEnd >= MIN_WORDS ? lastSentenceEnd : i;
                add(out, text.substring(passageStart, cut), page);
                passageStart = -1;
                i = cut - 1;
                inWord = false;
            }
        }
        if (passageStart >= 0) {
            String tail = text.substring(passageStart).strip();
            if (!tail.isEmpty()) {
                if (words < MIN_WORDS && out.size() > firstOnPage) {
                    Passage last = out.remove(out.size() - 1);
                    add(out, last.text() + " " + tail, page);
                } else {
                    add(out, tail, page);
                }
            }
        }
    }

    private static void add(List<Passage> out, String text, Integer page) {
        String t = text.strip();
        if (!t.isEmpty()) {
            out.add(new Passage(t, page));
        }
    }

    private static boolean isSentenceEnd(String text, int i) {
        char ch = text.charAt(i);
        if (ch == '\u3002' || ch == '\uff01' || ch == '\uff1f' || ch == '\n' && i + 1 < text.length()
                && text.charAt(i + 1) == '\n') {
            return true;
        }
        if (ch == '.' || ch == '!' || ch == '?' || ch == '\u061f' || ch == ';') {
            return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1));
        }
        return false;
    }

    private static boolean isIdeograph(char ch) {
        return Character.isIdeographic(ch);
    }
}
