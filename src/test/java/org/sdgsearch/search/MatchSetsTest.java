package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;

/**
 * The term-at-a-time match sets hold exactly the documents Lucene matches, for random nestings of the queries a
 * search builds (terms, boolean clauses of every kind, disjunction max, all words first, boosts) and the ones Lucene
 * matches itself (phrases, prefixes, point ranges, a minimum number of optional clauses), on several segments with
 * deleted documents.
 */
class MatchSetsTest {

    private static final String[] WORDS = {"water", "health", "school", "energy", "solar", "forest", "ocean", "farm"};

    @TempDir
    Path dir;

    @Test
    void setsHoldWhatLuceneMatches() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            SplittableRandom r = new SplittableRandom(23);
            for (int i = 0; i < 900; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 3 + r.nextInt(12); w++) {
                    text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
                }
                index.put(Fixtures.doc("d" + i, "p1", "KE", WORDS[r.nextInt(WORDS.length)], text.toString(), "en",
                        "web", 2000 + r.nextInt(25), 1 + r.nextInt(17)));
                if (i % 300 == 299) {
                    index.commit();
                }
                if (i > 100 && r.nextInt(8) == 0) {
                    index.delete("d" + r.nextInt(i));
                }
            }
            index.commit();
            index.refresh();
            IndexSearcher s = index.searchers().acquire();
            try {
                assertTrue(s.getIndexReader().leaves().size() > 1);
                assertTrue(s.getIndexReader().numDeletedDocs() > 0);
                long nonEmpty = 0;
                long allWordsCompared = 0;
                BooleanQuery.Builder twoOfThree = new BooleanQuery.Builder().setMinimumNumberShouldMatch(2);
                for (String w : new String[] {"water", "health", "school"}) {
                    twoOfThree.add(new TermQuery(new Term(Fields.TEXT, w)), Occur.SHOULD);
                }
                for (int i = 0; i < 300; i++) {
                    Query q = s.rewrite(i == 0 ? twoOfThree.build() : random(r, 3));
                    FixedBitSet[] expected = new FixedBitSet[s.getIndexReader().leaves().size()];
                    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                        expected[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
                    }
                    s.search(q, new SimpleCollector() {
                        private LeafReaderContext leaf;

                        @Override
                        protected void doSetNextReader(LeafReaderContext context) {
                            leaf = context;
                        }

                        @Override
                        public void collect(int doc) {
                            expected[leaf.ord].set(doc);
                        }

                        @Override
                        public ScoreMode scoreMode() {
                            return ScoreMode.COMPLETE_NO_SCORES;
                        }
                    });
                    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                        FixedBitSet got = MatchSets.matches(s, q, leaf);
                        assertEquals(expected[leaf.ord], got, q + " in segment " + leaf.ord);
                        nonEmpty += got.cardinality() > 0 ? 1 : 0;
                    }
                    if (q instanceof AllWordsFirstQuery awf) {
                        // The all-words documents handed out while matching: what every group matches.
                        BooleanQuery.Builder all = new BooleanQuery.Builder();
                        awf.groups().forEach(g -> all.add(g, Occur.MUST));
                        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                            FixedBitSet[] allWords = new FixedBitSet[1];
                            assertEquals(expected[leaf.ord], MatchSets.matches(s, q, leaf, set -> allWords[0] = set));
                            FixedBitSet want = new FixedBitSet(leaf.reader().maxDoc());
                            var scorer = s.createWeight(s.rewrite(all.build()), ScoreMode.COMPLETE_NO_SCORES, 1f)
                                    .scorer(leaf);
                            if (scorer != null) {
                                var live = leaf.reader().getLiveDocs();
                                var it = scorer.iterator();
                                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                                    if (live == null || live.get(doc)) {
                                        want.set(doc);
                                    }
                                }
                            }
                            FixedBitSet got = allWords[0];
                            if (leaf.reader().getLiveDocs() != null) {
                                for (int doc = 0; doc < got.length(); doc++) {
                                    if (!leaf.reader().getLiveDocs().get(doc)) {
                                        got.clear(doc);
                                    }
                                }
                            }
                            assertEquals(want, got, "all words of " + q + " in segment " + leaf.ord);
                            allWordsCompared += want.cardinality() > 0 ? 1 : 0;
                        }
                    }
                }
                assertTrue(nonEmpty > 200, "non-empty " + nonEmpty);
                assertTrue(allWordsCompared > 5, "all-words sets compared " + allWordsCompared);
            } finally {
                index.searchers().release(s);
            }
        }
    }

    private static Query random(SplittableRandom r, int depth) {
        int kind = depth == 0 ? r.nextInt(4) : r.nextInt(9);
        switch (kind) {
            case 0:
            case 1:
                return new TermQuery(new Term(r.nextBoolean() ? Fields.TEXT : Fields.TITLE, word(r)));
            case 2:
                return new PhraseQuery(Fields.TEXT, word(r), word(r));
            case 3:
                return r.nextBoolean() ? new PrefixQuery(new Term(Fields.TEXT, word(r).substring(0, 2)))
                        : IntPoint.newRangeQuery(Fields.YEAR, 2000 + r.nextInt(25), 2005 + r.nextInt(25));
            case 4:
                return new BoostQuery(random(r, depth - 1), 2f);
            case 5: {
                List<Query> subs = new ArrayList<>();
                for (int i = 0; i < 2 + r.nextInt(3); i++) {
                    subs.add(random(r, depth - 1));
                }
                return new DisjunctionMaxQuery(subs, r.nextBoolean() ? 0f : 0.1f);
            }
            case 6: {
                List<Query> groups = new ArrayList<>();
                for (int i = 0; i < 2 + r.nextInt(2); i++) {
                    groups.add(random(r, depth - 1));
                }
                return new AllWordsFirstQuery(groups);
            }
            case 7:
                return r.nextInt(5) == 0 ? new MatchAllDocsQuery() : random(r, depth - 1);
            default: {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                int n = 1 + r.nextInt(4);
                int should = 0;
                for (int i = 0; i < n; i++) {
                    Occur occur = Occur.values()[r.nextInt(Occur.values().length)];
                    should += occur == Occur.SHOULD ? 1 : 0;
                    b.add(random(r, depth - 1), occur);
                }
                if (should > 0 && r.nextInt(3) == 0) {
                    b.setMinimumNumberShouldMatch(1 + r.nextInt(should)); // matched by Lucene itself, into the set
                }
                return b.build();
            }
        }
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }
}
