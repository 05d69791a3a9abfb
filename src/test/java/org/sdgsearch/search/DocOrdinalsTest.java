package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.IndexedDocument;
import org.sdgsearch.index.LuceneIndex;

/**
 * Counting partnerships and countries from the per-segment ordinal tables gives Lucene's doc-values counts and order:
 * single- and multi-valued documents, documents without a value, dense and sparse hits, several segments, deleted
 * and updated documents.
 */
class DocOrdinalsTest {

    @TempDir
    Path dir;

    @Test
    void ordinalCountsEqualDocValuesCounts() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            SplittableRandom r = new SplittableRandom(11);
            String[] words = {"water", "school", "energy", "forest"};
            for (int i = 0; i < 1500; i++) {
                IndexedDocument d = Fixtures.doc("d" + i, "p" + r.nextInt(40), "C" + r.nextInt(90), "t" + i,
                        words[r.nextInt(words.length)] + (i % 89 == 0 ? " rareword" : ""), "en", "web",
                        2000 + r.nextInt(25), 1 + r.nextInt(17));
                // Some documents are published by several partnerships or about several countries (the same
                // value twice counts once); in segment 2 every document is single-valued, in segment 3 some have
                // no country at all.
                int segment = i / 400;
                Set<String> partnerships = new LinkedHashSet<>(d.partnerships());
                Set<String> countries = new LinkedHashSet<>(d.countries());
                if (segment != 2 && r.nextInt(4) == 0) {
                    partnerships.add("p" + r.nextInt(40));
                    countries.add("C" + r.nextInt(90));
                    countries.add("C" + r.nextInt(90));
                }
                if (segment == 3 && r.nextInt(3) == 0) {
                    countries.clear();
                }
                index.put(new IndexedDocument(d.id(), d.urls(), new ArrayList<>(partnerships),
                        new ArrayList<>(countries), d.stakeholderTypes(), d.title(), d.description(), d.text(),
                        d.language(), d.type(), d.mediaType(), d.published(), d.modified(), d.fetched(), d.changed(),
                        d.author(), d.pages(), d.profile()));
                if (i % 400 == 399) {
                    index.commit();
                }
                if (i > 500 && r.nextInt(10) == 0) {
                    index.delete("d" + r.nextInt(i)); // deleted documents must not be counted
                }
            }
            index.put(Fixtures.doc("d5", "p-new", "C-new", "updated", "water rareword", "en", "web", 2030, 9));
            index.commit();
            index.refresh();
            DocOrdinals ordinals = new DocOrdinals(index.facetsConfig());
            IndexSearcher s = index.searchers().acquire();
            try {
                assertTrue(s.getIndexReader().leaves().size() > 2);
                assertTrue(s.getIndexReader().numDeletedDocs() > 0);
                int compared = DocValuesCounts.compare(s, index.facetsConfig(), List.of(Fields.PARTNERSHIP, Fields.COUNTRY), ordinals::count);
                assertTrue(compared > 200, "compared " + compared);
            } finally {
                index.searchers().release(s);
            }
        }
    }
}
