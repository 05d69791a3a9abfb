package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Facet counts of the single-valued dimensions with few values (language, type, year) in one pass over the hits: per
 * segment and dimension, each document's value is kept on the heap as a one-byte code (1 MB per 1,000,000 documents),
 * and each hit adds one to the count of its code in every dimension, as Lucene's doc-values counting does but from
 * an array in memory. Intersecting the hits with one bit set per value ({@link ValueBitsets}) reads every value's
 * bit set whole for every request (44 of them for these three dimensions on the benchmark, 5.5 MB per 1,000,000
 * documents); this reads one byte per hit and dimension, which is less work unless the hits are most of the index.
 */
final class ValueCodes {

    /** One segment's codes of a dimension: 0 no value, {@code i + 1} the value {@code labels[i]}. */
    record SegmentCodes(String[] labels, byte[] codes) {
    }

    /** A segment where some document has several values of the dimension (or it has too many values): no codes. */
    private static final SegmentCodes NONE = new SegmentCodes(null, null);

    private final PerSegment<SegmentCodes> cache;
    private final ValueBitsets bitsets;

    ValueCodes(ValueBitsets bitsets) {
        this.bitsets = bitsets;
        this.cache = new PerSegment<>(this::build);
    }

    private SegmentCodes build(LeafReaderContext leaf, String dim) throws IOException {
        ValueBitsets.SegmentValues values = bitsets.values(leaf, dim);
        if (values == null || values.labels() == null || values.labels().length > 255) {
            return NONE;
        }
        byte[] codes = new byte[leaf.reader().maxDoc()];
        for (int i = 0; i < values.docs().length; i++) {
            FixedBitSet docs = values.docs()[i];
            for (int doc = docs.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                 doc = doc + 1 < docs.length() ? docs.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                if (codes[doc] != 0) {
                    return NONE; // a document with two values: counted from the bit sets instead
                }
                codes[doc] = (byte) (i + 1);
            }
        }
        return new SegmentCodes(values.labels(), codes);
    }

    /**
     * Whether counting {@code dims} this way is less work than intersecting bit sets: a byte read per hit and
     * dimension against a word operation per value and 64 documents, which reads memory less densely (measured:
     * the bit sets win only when most documents are hits).
     *
     * @param values the number of values of the dimensions together
     */
    static boolean cheaper(long hits, int dims, int values, int maxDoc) {
        return hits * dims < (long) values * (maxDoc / 64 + 1) * 4;
    }

    /**
     * Counts each of {@code dims} over the hits of these segments, or returns null when a segment has no codes for
     * one of them (several values in a document, too many values, or a reader that cannot be cached).
     *
     * @param hits the hits by leaf ord
     * @return per dimension (in the order given): label → number of hits with that value (values without hits left
     *         out)
     */
    List<Map<String, Long>> count(List<LeafReaderContext> leaves, FixedBitSet[] hits, List<String> dims)
            throws IOException {
        int n = dims.size();
        List<Map<String, Long>> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            out.add(new HashMap<>());
        }
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet set = hits[leaf.ord];
            if (set == null) {
                continue;
            }
            SegmentCodes[] seg = new SegmentCodes[n];
            for (int d = 0; d < n; d++) {
                seg[d] = cache.get(leaf, dims.get(d));
                if (seg[d] == null || seg[d] == NONE) {
                    return null;
                }
            }
            int[][] counts = new int[n][256];
            long[] words = set.getBits();
            int numWords = Math.min(words.length, (set.length() + 63) >>> 6);
            if (n == 3) {
                // The usual case (language, type, year), unrolled.
                byte[] c0 = seg[0].codes(), c1 = seg[1].codes(), c2 = seg[2].codes();
                int[] n0 = counts[0], n1 = counts[1], n2 = counts[2];
                for (int w = 0; w < numWords; w++) {
                    long word = words[w];
                    int base = w << 6;
                    while (word != 0) {
                        int doc = base + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        n0[c0[doc] & 0xFF]++;
                        n1[c1[doc] & 0xFF]++;
                        n2[c2[doc] & 0xFF]++;
                    }
                }
            } else {
                for (int w = 0; w < numWords; w++) {
                    long word = words[w];
                    int base = w << 6;
                    while (word != 0) {
                        int doc = base + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        for (int d = 0; d < n; d++) {
                            counts[d][seg[d].codes()[doc] & 0xFF]++;
                        }
                    }
                }
            }
            for (int d = 0; d < n; d++) {
                String[] labels = seg[d].labels();
                for (int i = 0; i < labels.length; i++) {
                    int c = counts[d][i + 1];
                    if (c > 0) {
                        out.get(d).merge(labels[i], (long) c, Long::sum);
                    }
                }
            }
        }
        return out;
    }
}
