package org.sdgsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The pages of a paged document (PDF) as where each one lies in the document's text, instead of a second copy of
 * the text: extraction cuts the pages out of the text it builds, one after the other, so each page is found where
 * the previous one ended (past a paragraph break) and costs a few bytes. A page found nowhere there (one whose text
 * extraction repaired, or a caller's own pages) is kept as text, so reading gives back exactly the pages written.
 * Finding a page costs at most a few comparisons of its length: no search through the text, which a hostile document
 * could make quadratic.
 *
 * <p>Encoding: the number of pages, then per page either {@code start + 1} and the length in chars (a span of the
 * text) or 0 (the next of the pages kept as text), all as variable-length ints.
 */
final class PageSpans {

    /** Whitespace between one page and the next that is looked past (extraction writes at most a paragraph break). */
    private static final int MAX_GAP = 8;

    /**
     * The stored form of some pages.
     *
     * @param spans    the encoded spans (null when there are no pages)
     * @param verbatim the pages that are not a part of the text, in order
     */
    record Encoded(BytesRef spans, List<String> verbatim) {
    }

    private PageSpans() {
    }

    static Encoded encode(String text, List<String> pages) {
        if (pages.isEmpty()) {
            return new Encoded(null, List.of());
        }
        // At most 5 bytes for the count and per page 1 (kept as text) or 5 + 5 (a span).
        byte[] buffer = new byte[5 + 10 * pages.size()];
        ByteArrayDataOutput out = new ByteArrayDataOutput(buffer);
        List<String> verbatim = new ArrayList<>();
        try {
            out.writeVInt(pages.size());
            int from = 0;
            for (String page : pages) {
                int at = at(text, page, from);
                if (at < 0) {
                    out.writeVInt(0);
                    verbatim.add(page);
                } else {
                    out.writeVInt(at + 1);
                    out.writeVInt(page.length());
                    from = at + page.length();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an array output
        }
        return new Encoded(new BytesRef(buffer, 0, out.getPosition()), List.copyOf(verbatim));
    }

    /** Where {@code page} starts in {@code text}: at {@code from} or past a few whitespace characters; else -1. */
    private static int at(String text, String page, int from) {
        for (int k = from, end = Math.min(text.length(), from + MAX_GAP); k <= end; k++) {
            if (text.startsWith(page, k)) {
                return k;
            }
            if (k < text.length() && !Character.isWhitespace(text.charAt(k))) {
                break;
            }
        }
        return -1;
    }

    /**
     * The pages written, from the text they were encoded against.
     *
     * @param spans null when the document has no pages
     * @throws IllegalArgumentException when the spans do not fit the text or the pages kept as text (a damaged or
     *                                  foreign stored document)
     */
    static List<String> decode(String text, BytesRef spans, List<String> verbatim) {
        if (spans == null || spans.length == 0) {
            return List.of();
        }
        // An exact copy: reading past the spans then fails instead of reading the bytes after them.
        ByteArrayDataInput in = new ByteArrayDataInput(BytesRef.deepCopyOf(spans).bytes);
        List<String> pages;
        try {
            pages = decode(text, in, verbatim);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) { // bytes that end early or are not variable-length ints
            throw new IllegalArgumentException("the page spans are damaged: " + e.getMessage(), e);
        }
        if (!in.eof()) {
            throw new IllegalArgumentException("the page spans go on after their last page");
        }
        return pages;
    }

    private static List<String> decode(String text, ByteArrayDataInput in, List<String> verbatim) {
        int n = in.readVInt();
        List<String> pages = new ArrayList<>(Math.min(n, 1 << 16));
        int next = 0;
        for (int i = 0; i < n; i++) {
            int start = in.readVInt() - 1;
            if (start < 0) {
                if (next >= verbatim.size()) {
                    throw new IllegalArgumentException("page " + (i + 1) + " is missing from the stored pages");
                }
                pages.add(verbatim.get(next++));
                continue;
            }
            int length = in.readVInt();
            if (length < 0 || start > text.length() - length) {
                throw new IllegalArgumentException("page " + (i + 1) + " lies outside the text");
            }
            pages.add(text.substring(start, start + length));
        }
        if (next != verbatim.size()) {
            throw new IllegalArgumentException((verbatim.size() - next) + " stored page texts belong to no page");
        }
        return List.copyOf(pages);
    }
}
