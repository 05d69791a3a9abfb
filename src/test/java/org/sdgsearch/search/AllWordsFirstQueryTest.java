package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The single-pass all-words-first query gives every document the score of the two-clause query it replaces
 * ({@code all-required^4 OR any}), with words in two fields and phrases, on several segments.
 */
class AllWordsFirstQueryTest {

    private static final String[] WORDS = {"water", "sanitation", "health", "school", "energy", "solar", "rain",
        "forest", "ocean", "farm"};

    @Test
    void scoresEqualTheTwoClauseQueryItReplaces() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 600; i++) {
                Document d = new Document();
                d.add(new TextField("title", words(r, 2 + r.nextInt(4)), Field.Store.NO));
                d.add(new TextField("text", words(r, 5 + r.nextInt(40)), Field.Store.NO));
                w.addDocument(d);
                if (i % 150 == 149) {
                    w.commit();
                }
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertTrue(reader.leaves().size() > 1);
                IndexSearcher searcher = new IndexSearcher(reader);
                int compared = 0;
                for (int q = 0; q < 200; q++) {
                    // distinct groups: a repeated word counts once in the new query
                    List<Query> groups = new ArrayList<>();
                    int n = 2 + r.nextInt(3);
                    while (groups.size() < n) {
                        Query g = group(r);
                        if (!groups.contains(g)) {
                            groups.add(g);
                        }
                    }
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    BooleanQuery.Builder any = new BooleanQuery.Builder();
                    for (Query g : groups) {
                        all.add(g, Occur.MUST);
                        any.add(g, Occur.SHOULD);
                    }
                    BooleanQuery.Builder old = new BooleanQuery.Builder();
                    old.add(new BoostQuery(all.build(), 4f), Occur.SHOULD);
                    old.add(any.build(), Occur.SHOULD);
                    old.setMinimumNumberShouldMatch(1);
                    Map<Integer, Float> expected = scores(searcher, old.build());
                    Map<Integer, Float> actual = scores(searcher, new AllWordsFirstQuery(groups));
                    assertEquals(expected.keySet(), actual.keySet(), "matching documents of query " + q);
                    for (Map.Entry<Integer, Float> e : expected.entrySet()) {
                        float a = actual.get(e.getKey());
                        assertEquals(e.getValue(), a, Math.ulp(e.getValue()) * 4, "score of doc " + e.getKey());
                        compared++;
                    }
                }
                assertTrue(compared > 10_000, "compared " + compared);
            }
        }
    }

    private static Query group(SplittableRandom r) {
        String a = WORDS[r.nextInt(WORDS.length)];
        if (r.nextInt(4) == 0) {
            String b = WORDS[r.nextInt(WORDS.length)];
            return new DisjunctionMaxQuery(List.of(new BoostQuery(new PhraseQuery("title", a, b), 3f),
                    new PhraseQuery("text", a, b)), 0.1f);
        }
        return new DisjunctionMaxQuery(List.of(new BoostQuery(new TermQuery(new Term("title", a)), 3f),
                new TermQuery(new Term("text", a))), 0.1f);
    }

    private static Map<Integer, Float> scores(IndexSearcher searcher, Query q) throws Exception {
        Map<Integer, Float> out = new HashMap<>();
        for (ScoreDoc sd : searcher.search(q, 1000).scoreDocs) {
            out.put(sd.doc, sd.score);
        }
        return out;
    }

    private static String words(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        }
        return sb.toString();
    }
}
