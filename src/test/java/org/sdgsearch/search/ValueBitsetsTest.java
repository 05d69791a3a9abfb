package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;

/**
 * Counting a dimension by intersecting value bit sets gives Lucene's doc-values counts and order, for dense and sparse
 * hits, multi-valued dimensions, several segments, deleted and updated documents.
 */
class ValueBitsetsTest {

    @TempDir
    Path dir;

    @Test
    void bitSetCountsEqualDocValuesCounts() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            SplittableRandom r = new SplittableRandom(3);
            String[] words = {"water", "school", "energy", "forest"};
            for (int i = 0; i < 1200; i++) {
                int sdg = 1 + r.nextInt(17);
                index.put(Fixtures.doc("d" + i, "p" + r.nextInt(5), "KE", "t" + i,
                        words[r.nextInt(words.length)] + " " + (i % 97 == 0 ? "rareword" : ""),
                        new String[] {"en", "fr", "es", "ar"}[r.nextInt(4)], r.nextInt(3) == 0 ? "pdf" : "web",
                        2000 + r.nextInt(25), sdg, 1 + (sdg + 1 + r.nextInt(15)) % 17));
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
            ValueBitsets bitsets = new ValueBitsets(index.facetsConfig());
            IndexSearcher s = index.searchers().acquire();
            try {
                assertTrue(s.getIndexReader().leaves().size() > 1);
                assertTrue(s.getIndexReader().numDeletedDocs() > 0);
                int compared = DocValuesCounts.compare(s, index.facetsConfig(), List.of(Fields.SDG, Fields.LANGUAGE, Fields.TYPE, Fields.YEAR), bitsets::count);
                assertTrue(compared > 100, "compared " + compared);
            } finally {
                index.searchers().release(s);
            }
        }
    }
}
