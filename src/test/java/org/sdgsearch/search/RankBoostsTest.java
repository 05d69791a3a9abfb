package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;

/**
 * The boosts read from the per-segment heap tables equal those read from doc values: documents with and without a
 * publication date (old, new, in the future), with and without scores of the selected SDGs (also out of [0, 1]),
 * several segments, deleted and updated documents. The boost formula itself is checked on known documents.
 */
class RankBoostsTest {

    private static final long DAY = 24 * 3600 * 1000L;
    private static final long NOW = 1_780_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void tablesGiveTheBoostsOfDocValues() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        try (FSDirectory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new KeywordAnalyzer()))) {
            for (int i = 0; i < 3000; i++) {
                Document doc = new Document();
                doc.add(new StringField(Fields.ID, "d" + i, Field.Store.NO));
                if (r.nextInt(10) > 0) {
                    // from 70 years ago to 30 days ahead, at any time of day
                    doc.add(new NumericDocValuesField(Fields.PUBLISHED, NOW - r.nextLong(-30 * DAY, 70 * 366 * DAY)));
                }
                for (int g = 1; g <= 17; g++) {
                    if (r.nextInt(4) == 0) {
                        float score = r.nextInt(50) == 0 ? 1.7f : r.nextInt(50) == 0 ? -0.2f : (float) r.nextDouble();
                        doc.add(new FloatDocValuesField(Fields.sdgScore(g), score));
                    }
                }
                w.updateDocument(new Term(Fields.ID, "d" + (i % 7 == 0 ? i / 2 : i)), doc);
                if (i % 700 == 699) {
                    w.commit();
                }
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                assertTrue(reader.leaves().size() > 1);
                RankBoosts.Tables tables = new RankBoosts.Tables();
                for (List<Integer> sdgs : List.of(List.<Integer>of(), List.of(6), List.of(3, 6, 17))) {
                    RankBoosts fromTables = new RankBoosts(sdgs, NOW, tables);
                    RankBoosts fromDocValues = new RankBoosts(sdgs, NOW, null);
                    int compared = 0;
                    for (LeafReaderContext leaf : reader.leaves()) {
                        assertNotNull(tables.days(leaf), "a segment of a directory reader is cached");
                        DoubleValues a = fromTables.getValues(leaf, null);
                        DoubleValues b = fromDocValues.getValues(leaf, null);
                        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                            assertTrue(a.advanceExact(doc) && b.advanceExact(doc));
                            assertEquals(b.doubleValue(), a.doubleValue(), 0.0, "doc " + doc + " sdgs " + sdgs);
                            assertTrue(a.doubleValue() >= 1 && a.doubleValue() <= fromTables.maxFactor(),
                                    "within [1, maxFactor]");
                            compared++;
                        }
                    }
                    assertTrue(compared >= 3000);
                }
            }
        }
    }

    @Test
    void boostFormula() throws Exception {
        try (FSDirectory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new KeywordAnalyzer()))) {
            Document fresh = new Document(); // published today, SDG 6 score 1
            fresh.add(new NumericDocValuesField(Fields.PUBLISHED, NOW));
            fresh.add(new FloatDocValuesField(Fields.sdgScore(6), 1f));
            w.addDocument(fresh);
            Document old = new Document(); // published three years ago (one half-life), SDG 6 score 0.5
            old.add(new NumericDocValuesField(Fields.PUBLISHED, NOW - Math.round(3 * 365.25) * DAY));
            old.add(new FloatDocValuesField(Fields.sdgScore(6), 0.5f));
            w.addDocument(old);
            w.addDocument(new Document()); // no date, no SDG score
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                DoubleValues v = new RankBoosts(List.of(6), NOW, new RankBoosts.Tables())
                        .getValues(reader.leaves().get(0), null);
                double[] expected = {2 * 1.1, (1 + 128 / 255.0) * 1.05, 1};
                for (int doc = 0; doc < 3; doc++) {
                    assertTrue(v.advanceExact(doc));
                    assertEquals(expected[doc], v.doubleValue(), 1e-3, "doc " + doc);
                }
            }
        }
    }
}
