package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;

/**
 * Counting a dimension by intersecting value bit sets, or the single-valued ones from value codes, gives Lucene's
 * doc-values counts and order, for dense and sparse hits, multi-valued dimensions, several segments, deleted and
 * updated documents.
 */
class ValueBitsetsTest {

    @TempDir
    Path dir;

    /** 1,200 documents in several segments, some deleted, one updated. */
    private LuceneIndex index() throws IOException {
        LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        SplittableRandom r = new SplittableRandom(3);
        String[] words = {"water", "school", "energy", "forest"};
        for (int i = 0; i < 1200; i++) {
            int sdg = 1 + r.nextInt(17);
            index.put(Fixtures.doc("d" + i, "p" + r.nextInt(5), "KE", "t" + i,
                    words[r.nextInt(words.length)] + " " + (i % 97 == 0 ? "rareword" : ""),
                    new String[] {"en", "fr", "es", "ar", "zh", "ru"}[r.nextInt(6)],
                    new String[] {"web", "pdf", "word", "slides"}[r.nextInt(4)], 1990 + r.nextInt(35), sdg,
                    1 + (sdg + 1 + r.nextInt(15)) % 17));
            if (i % 300 == 299) {
                index.commit();
            }
            if (i > 400 && r.nextInt(10) == 0) {
                index.delete("d" + r.nextInt(i)); // deleted documents must not be counted
            }
        }
        index.put(Fixtures.doc("d5", "p1", "KE", "updated", "water rareword", "en", "web", 2030, 9));
        index.commit();
        index.refresh();
        return index;
    }

    @Test
    void bitSetCountsEqualDocValuesCounts() throws Exception {
        try (LuceneIndex index = index()) {
            ValueBitsets bitsets = new ValueBitsets(index.facetsConfig());
            IndexSearcher s = index.searchers().acquire();
            try {
                assertTrue(s.getIndexReader().leaves().size() > 1);
                assertTrue(s.getIndexReader().numDeletedDocs() > 0);
                int compared = DocValuesCounts.compare(s, index.facetsConfig(),
                        List.of(Fields.SDG, Fields.LANGUAGE, Fields.TYPE, Fields.YEAR), bitsets::count);
                assertTrue(compared > 100, "compared " + compared);
            } finally {
                index.searchers().release(s);
            }
        }
    }

    /**
     * Counting the single-valued dimensions from per-segment value codes ({@link ValueCodes}) gives the same counts
     * and order, one dimension or three in one pass; a multi-valued dimension has no codes.
     */
    @Test
    void codeCountsEqualDocValuesCounts() throws Exception {
        List<String> single = List.of(Fields.LANGUAGE, Fields.TYPE, Fields.YEAR);
        try (LuceneIndex index = index()) {
            ValueCodes codes = new ValueCodes(new ValueBitsets(index.facetsConfig()));
            IndexSearcher s = index.searchers().acquire();
            try {
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                int compared = DocValuesCounts.compare(s, index.facetsConfig(), single, (hits, dim) -> {
                    FixedBitSet[] sets = sets(leaves, hits);
                    List<Map<String, Long>> one = codes.count(leaves, sets, List.of(dim));
                    // the three dimensions in one pass count each as alone
                    List<Map<String, Long>> three = codes.count(leaves, sets, single);
                    assertEquals(one.get(0), three.get(single.indexOf(dim)), dim);
                    return one.get(0);
                });
                assertTrue(compared > 100, "compared " + compared);
                FixedBitSet[] all = new FixedBitSet[leaves.size()];
                for (LeafReaderContext leaf : leaves) {
                    all[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
                    all[leaf.ord].set(0, leaf.reader().maxDoc());
                }
                assertNull(codes.count(leaves, all, List.of(Fields.SDG)), "documents have several SDGs");
            } finally {
                index.searchers().release(s);
            }
        }
    }

    private static FixedBitSet[] sets(List<LeafReaderContext> leaves, FacetsCollector hits) throws IOException {
        FixedBitSet[] sets = new FixedBitSet[leaves.size()];
        for (FacetsCollector.MatchingDocs md : hits.getMatchingDocs()) {
            FixedBitSet set = new FixedBitSet(md.context.reader().maxDoc());
            DocIdSetIterator it = md.bits.iterator();
            if (it != null) {
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    set.set(doc);
                }
            }
            sets[md.context.ord] = set;
        }
        return sets;
    }
}
