package org.sdgsearch.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;

/**
 * Facet counts of a dimension with many values (partnership, country) from a per-segment table of each document's
 * values kept on the heap, as Solr's un-inverted fields and Elasticsearch's global ordinals do for faceting. Each
 * value gets an id that is the same in every segment, so counting is one array read and one increment per matching
 * document, with no per-segment ordinal mapping afterwards; labels are looked up only for the values counted. The
 * table is built once per segment from the dimension's doc values and dropped when the segment closes; it takes 4
 * bytes per document (plus the ids of documents with several values).
 */
final class DocOrdinals {

    /**
     * One segment's values of one dimension.
     *
     * @param first per document: 0 no value; {@code id + 1} its one value; {@code -(offset + 1)} several values,
     *              {@code more[offset]} of them at {@code more[offset + 1 ...]}
     * @param more  the ids of documents with several values
     */
    record SegmentIds(int[] first, int[] more) {
    }

    private static final SegmentIds NONE = new SegmentIds(new int[0], new int[0]);

    private final PerSegment<SegmentIds> cache = new PerSegment<>(this::build);
    private final FacetsConfig config;
    /** Per dimension: label → id and id → label, shared by all segments (grows as values appear). */
    private final Map<String, Map<String, Integer>> ids = new ConcurrentHashMap<>();
    private final Map<String, List<String>> labels = new ConcurrentHashMap<>();

    DocOrdinals(FacetsConfig config) {
        this.config = config;
    }

    private int id(String dim, String label) {
        Map<String, Integer> byLabel = ids.computeIfAbsent(dim, d -> new ConcurrentHashMap<>());
        Integer id = byLabel.get(label);
        if (id != null) {
            return id;
        }
        synchronized (byLabel) {
            id = byLabel.get(label);
            if (id == null) {
                List<String> names = labels.computeIfAbsent(dim, d -> new CopyOnWriteArrayList<>());
                id = names.size();
                names.add(label);
                byLabel.put(label, id);
            }
            return id;
        }
    }

    private SegmentIds build(LeafReaderContext leaf, String dim) throws IOException {
        String field = config.getDimConfig(dim).indexFieldName;
        if (leaf.reader().getFieldInfos().fieldInfo(field) == null) {
            return NONE;
        }
        SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
        long valueCount = dv.getValueCount();
        if (valueCount == 0 || valueCount >= Integer.MAX_VALUE) {
            return NONE;
        }
        int[] idOfOrd = new int[(int) valueCount];
        for (int ord = 0; ord < idOfOrd.length; ord++) {
            String[] path = FacetsConfig.stringToPath(dv.lookupOrd(ord).utf8ToString());
            idOfOrd[ord] = path.length == 2 && path[0].equals(dim) ? id(dim, path[1]) : -1;
        }
        int[] first = new int[leaf.reader().maxDoc()];
        int[] more = new int[16];
        int used = 0;
        int[] ofDoc = new int[8];
        for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            int n = 0;
            for (int i = dv.docValueCount(); i > 0; i--) {
                int id = idOfOrd[(int) dv.nextOrd()];
                if (id >= 0) {
                    ofDoc = ArrayUtil.grow(ofDoc, n + 1);
                    ofDoc[n++] = id;
                }
            }
            if (n == 1) {
                first[doc] = ofDoc[0] + 1;
            } else if (n > 1) {
                more = ArrayUtil.grow(more, used + n + 1);
                first[doc] = -(used + 1);
                more[used] = n;
                System.arraycopy(ofDoc, 0, more, used + 1, n);
                used += n + 1;
            }
        }
        return new SegmentIds(first, ArrayUtil.copyOfSubArray(more, 0, used));
    }

    /**
     * Counts each value of {@code dim} among the hits, or returns null when a segment cannot be cached (count from
     * doc values then).
     *
     * @return label → number of hits with that value (values without hits left out)
     */
    Map<String, Long> count(FacetsCollector hits, String dim) throws IOException {
        int[] counts = new int[0];
        for (FacetsCollector.MatchingDocs md : hits.getMatchingDocs()) {
            if (md.totalHits == 0) {
                continue;
            }
            SegmentIds s = cache.get(md.context, dim);
            if (s == null) {
                return null;
            }
            if (s == NONE) {
                continue;
            }
            List<String> names = labels.get(dim);
            if (counts.length < names.size()) {
                counts = ArrayUtil.growExact(counts, names.size());
            }
            int[] first = s.first();
            int[] more = s.more();
            if (md.bits instanceof BitDocIdSet b && b.bits() instanceof FixedBitSet dense) {
                // Straight over the words of the bit set: no iterator call per hit.
                long[] words = dense.getBits();
                int numWords = Math.min(words.length, (first.length + 63) >>> 6);
                for (int w = 0; w < numWords; w++) {
                    long word = words[w];
                    while (word != 0) {
                        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        add(counts, first[doc], more);
                    }
                }
            } else {
                DocIdSetIterator it = md.bits.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    add(counts, first[doc], more);
                }
            }
        }
        Map<String, Long> out = new HashMap<>();
        List<String> names = labels.getOrDefault(dim, List.of());
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0) {
                out.put(names.get(id), (long) counts[id]);
            }
        }
        return out;
    }

    private static void add(int[] counts, int v, int[] more) {
        if (v > 0) {
            counts[v - 1]++;
        } else if (v < 0) {
            int at = -v - 1;
            for (int i = at + 1, end = at + 1 + more[at]; i < end; i++) {
                counts[more[i]]++;
            }
        }
    }
}
