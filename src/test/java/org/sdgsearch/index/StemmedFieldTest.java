package org.sdgsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stemmed sub-field holds each document analysed in its own language, also when threads write in parallel. */
class StemmedFieldTest {

    @TempDir
    Path dir;

    private static final String[][] WORDS = {
        {"en", "villages"}, {"fr", "écoles"}, {"es", "bombas"}, {"ru", "школами"}, {"ar", "المدارس"}};

    /** What the language's own analyzer makes of a word. */
    private static String stem(String language, String word) throws IOException {
        Analyzer a = Analyzers.languages(Fixtures.schema()).get(language);
        try (TokenStream ts = a.tokenStream("x", word)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            assertTrue(ts.incrementToken(), word);
            String out = t.toString();
            ts.end();
            return out;
        }
    }

    @Test
    void eachDocumentIsStemmedInItsOwnLanguageEvenWithParallelWriters() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            int perLanguage = 200;
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < perLanguage * WORDS.length; i += 4) {
                        String[] w = WORDS[i % WORDS.length];
                        index.put(Fixtures.doc("d" + i, "p", "KE", "title " + i, w[1] + " report " + i, w[0],
                                "web", 2020, 6));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            index.commit();
            IndexSearcher s = index.searchers().acquire();
            try {
                for (String[] w : WORDS) {
                    String own = stem(w[0], w[1]);
                    assertEquals(perLanguage, s.count(new TermQuery(new Term(Fields.stem(Fields.TEXT), own))),
                            w[0] + " documents hold their own stem " + own);
                }
                // The English stem of a French word is not what French documents hold.
                String en = stem("en", "écoles");
                assertNotEquals(stem("fr", "écoles"), en);
                assertEquals(0, s.count(new TermQuery(new Term(Fields.stem(Fields.TEXT), en))));
            } finally {
                index.searchers().release(s);
            }
        }
    }

    @Test
    void everyDocumentHasTheStemmedFieldSoItsNormsAreDense() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            // Portuguese has no analyzer of its own: its documents are analysed neutrally there, but still present.
            index.put(Fixtures.doc("en1", "p", "KE", "Water", "Villages and pumps", "en", "web", 2020, 6));
            index.put(Fixtures.doc("pt1", "p", "BR", "Água", "Bombas de água nas aldeias", "pt", "web", 2020, 6));
            index.commit();
            index.refresh();
            IndexSearcher s = index.searchers().acquire();
            try {
                for (String field : List.of(Fields.TITLE, Fields.DESCRIPTION, Fields.TEXT)) {
                    int withNorms = 0;
                    for (var leaf : s.getIndexReader().leaves()) {
                        var norms = leaf.reader().getNormValues(Fields.stem(field));
                        while (norms != null && norms.nextDoc() != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                            withNorms++;
                        }
                    }
                    assertEquals(2, withNorms, Fields.stem(field));
                }
                assertEquals(1, s.count(new TermQuery(new Term(Fields.stem(Fields.TEXT), "aldeias"))));
            } finally {
                index.searchers().release(s);
            }
        }
    }
}
