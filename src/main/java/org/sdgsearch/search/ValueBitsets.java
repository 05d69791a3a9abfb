package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Facet counts of a dimension with few values by intersecting the hits with one bit set per value and segment, as
 * Solr's {@code facet.method=enum} does with its filter cache. A count then costs a fixed number of word operations
 * per value (maxDoc / 64), however many documents match, where counting doc values costs a lookup per matching
 * document. The bit sets are built once per segment from the drill-down terms of the dimension and dropped when the
 * segment closes; for 1,000,000 documents each value takes 125 KB.
 */
final class ValueBitsets {

    /** Dimensions with more values than this are counted from doc values instead (bounded memory per dimension). */
    static final int MAX_VALUES = 64;

    /** One segment's values of one dimension: labels in index order, each with its documents. */
    record SegmentValues(String[] labels, FixedBitSet[] docs) {
    }

    /** A segment with more than {@link #MAX_VALUES} values of the dimension: not kept as bit sets. */
    private static final SegmentValues TOO_MANY = new SegmentValues(null, null);

    private final PerSegment<SegmentValues> cache = new PerSegment<>(this::build);
    private final FacetsConfig config;

    ValueBitsets(FacetsConfig config) {
        this.config = config;
    }

    /** The values of {@code dim} in this segment, or null when the segment cannot be cached. */
    SegmentValues values(LeafReaderContext leaf, String dim) throws IOException {
        return cache.get(leaf, dim);
    }

    private SegmentValues build(LeafReaderContext leaf, String dim) throws IOException {
        String field = config.getDimConfig(dim).indexFieldName;
        String prefix = FacetsConfig.pathToString(dim) + FacetsConfig.DELIM_CHAR;
        List<String> labels = new ArrayList<>();
        List<FixedBitSet> docs = new ArrayList<>();
        Terms terms = leaf.reader().terms(field);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            BytesRef start = new BytesRef(prefix);
            PostingsEnum pe = null;
            if (te.seekCeil(start) != TermsEnum.SeekStatus.END) {
                for (BytesRef t = te.term(); t != null; t = te.next()) {
                    String term = t.utf8ToString();
                    if (!term.startsWith(prefix)) {
                        break;
                    }
                    if (labels.size() == MAX_VALUES) {
                        return TOO_MANY;
                    }
                    FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
                    pe = te.postings(pe, PostingsEnum.NONE);
                    bits.or(pe);
                    labels.add(FacetsConfig.stringToPath(term)[1]);
                    docs.add(bits);
                }
            }
        }
        return new SegmentValues(labels.toArray(String[]::new), docs.toArray(FixedBitSet[]::new));
    }

    /**
     * Counts each value of {@code dim} among the hits, or returns null when a segment cannot be cached or has more
     * than {@link #MAX_VALUES} values (count from doc values then).
     *
     * @return label → number of hits with that value (values without hits left out)
     */
    Map<String, Long> count(FacetsCollector hits, String dim) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (FacetsCollector.MatchingDocs md : hits.getMatchingDocs()) {
            if (md.totalHits == 0) {
                continue;
            }
            SegmentValues v = values(md.context, dim);
            if (v == null || v == TOO_MANY) {
                return null;
            }
            long[] counts = new long[v.labels().length];
            DocIdSet set = md.bits;
            if (set instanceof BitDocIdSet b && b.bits() instanceof FixedBitSet dense) {
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = FixedBitSet.intersectionCount(dense, v.docs()[i]);
                }
            } else {
                // Few hits (Lucene keeps them as a sorted list below maxDoc / 128): test each against the values.
                DocIdSetIterator it = set.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    for (int i = 0; i < counts.length; i++) {
                        if (v.docs()[i].get(doc)) {
                            counts[i]++;
                        }
                    }
                }
            }
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    out.merge(v.labels()[i], counts[i], Long::sum);
                }
            }
        }
        return out;
    }

    /** The counts as Lucene's facet result: most frequent first, ties in index (byte) order of the label. */
    static FacetResult top(String dim, Map<String, Long> counts, int topN) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int c = Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : new BytesRef(a.getKey()).compareTo(new BytesRef(b.getKey()));
        });
        int n = Math.min(topN, entries.size());
        LabelAndValue[] lv = new LabelAndValue[n];
        long sum = 0;
        for (int i = 0; i < entries.size(); i++) {
            sum += entries.get(i).getValue();
            if (i < n) {
                lv[i] = new LabelAndValue(entries.get(i).getKey(), entries.get(i).getValue());
            }
        }
        return new FacetResult(dim, new String[0], sum, lv, entries.size());
    }
}
