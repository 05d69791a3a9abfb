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
 * the text: extraction cuts the pages out of the text it builds, so each page is found there, in order, and costs a
 * few bytes. A page that is not a part of the text (a caller's own pages) is kept as text, so reading gives back
 * exactly the pages written.
 *
 * <p>Encoding: the number of pages, then per page either {@code start + 1} and the length in chars (a span of the
 * text) or 0 (the next of the pages kept as text), all as variable-length ints.
 */
final class PageSpans {

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
        // At most 5 bytes per int, three ints per page and the count.
        byte[] buffer = new byte[5 + 10 * pages.size()];
        ByteArrayDataOutput out = new ByteArrayDataOutput(buffer);
        List<String> verbatim = new ArrayList<>();
        try {
            out.writeVInt(pages.size());
            int from = 0;
            for (String page : pages) {
                int at = text.indexOf(page, from);
                if (at < 0) {
                    at = text.indexOf(page); // an earlier part of the text (pages given out of order)
                }
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
        try {
            // An exact copy: reading past the spans then fails instead of reading the bytes after them.
            return decode(text, new ByteArrayDataInput(BytesRef.deepCopyOf(spans).bytes), verbatim);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the page spans end early", e);
        }
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
        return List.copyOf(pages);
    }
}
