package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents a query matches, as one bit set per segment, computed term at a time: each posting list is read
 * once, straight into a bit set, and word groups are combined with word operations (as Solr computes its DocSets
 * and Lucene its multi-term filters). Matching every document this way costs far less than iterating a scoring
 * disjunction document by document, which is what counting facets over all hits used to cost; the scores are then
 * computed only for the documents that can reach the page (block-max WAND over these sets).
 *
 * <p>Term, boolean, disjunction-max and all-words-first queries are evaluated here; any other query (phrases, point
 * ranges, ...) is matched by Lucene itself, into a bit set. Deleted documents are left out.
 */
final class MatchSets {

    private MatchSets() {
    }

    /** The live documents of {@code leaf} that {@code query} (rewritten) matches. */
    static FixedBitSet matches(IndexSearcher searcher, Query query, LeafReaderContext leaf) throws IOException {
        return matches(searcher, query, leaf, null);
    }

    /**
     * The live documents of {@code leaf} that {@code query} (rewritten) matches; an {@link AllWordsFirstQuery} in it
     * also hands {@code allWords} the documents that have every one of its word groups (deleted ones included),
     * from the same reading of the postings.
     */
    static FixedBitSet matches(IndexSearcher searcher, Query query, LeafReaderContext leaf,
                               Consumer<FixedBitSet> allWords) throws IOException {
        FixedBitSet bits = eval(searcher, query, leaf, allWords);
        Bits live = leaf.reader().getLiveDocs();
        if (live != null) {
            int maxDoc = bits.length();
            for (int doc = bits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                 doc = doc + 1 < maxDoc ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                if (!live.get(doc)) {
                    bits.clear(doc);
                }
            }
        }
        return bits;
    }

    private static FixedBitSet eval(IndexSearcher searcher, Query q, LeafReaderContext leaf,
                                    Consumer<FixedBitSet> allWords) throws IOException {
        int maxDoc = leaf.reader().maxDoc();
        if (q instanceof BoostQuery b) {
            return eval(searcher, b.getQuery(), leaf, allWords);
        }
        if (q instanceof ConstantScoreQuery c) {
            return eval(searcher, c.getQuery(), leaf, allWords);
        }
        if (q instanceof MatchAllDocsQuery) {
            FixedBitSet all = new FixedBitSet(maxDoc);
            all.set(0, maxDoc);
            return all;
        }
        if (q instanceof MatchNoDocsQuery) {
            return new FixedBitSet(maxDoc);
        }
        if (q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0) {
            FixedBitSet out = null;
            List<Query> should = new ArrayList<>();
            for (BooleanClause c : b.clauses()) {
                if (c.isRequired()) {
                    FixedBitSet r = eval(searcher, c.getQuery(), leaf, allWords);
                    if (out == null) {
                        out = r;
                    } else {
                        out.and(r);
                    }
                } else if (c.getOccur() == BooleanClause.Occur.SHOULD) {
                    should.add(c.getQuery());
                }
            }
            if (out == null) {
                // No required clause: any optional one matches (none at all: nothing, as in Lucene).
                out = new FixedBitSet(maxDoc);
                for (Query s : should) {
                    orInto(searcher, s, leaf, out, allWords);
                }
            }
            for (BooleanClause c : b.clauses()) {
                if (c.isProhibited()) {
                    out.andNot(eval(searcher, c.getQuery(), leaf, null));
                }
            }
            return out;
        }
        FixedBitSet out = new FixedBitSet(maxDoc);
        orInto(searcher, q, leaf, out, allWords);
        return out;
    }

    /** Adds the documents {@code q} matches to {@code bits}; disjunctions term by term, without a set per clause. */
    private static void orInto(IndexSearcher searcher, Query q, LeafReaderContext leaf, FixedBitSet bits,
                               Consumer<FixedBitSet> allWords) throws IOException {
        if (q instanceof BoostQuery b) {
            orInto(searcher, b.getQuery(), leaf, bits, allWords);
        } else if (q instanceof TermQuery t) {
            PostingsEnum pe = postings(t, leaf);
            if (pe != null) {
                bits.or(pe);
            }
        } else if (q instanceof DisjunctionMaxQuery d) {
            for (Query sub : d.getDisjuncts()) {
                orInto(searcher, sub, leaf, bits, allWords);
            }
        } else if (q instanceof AllWordsFirstQuery a) {
            if (allWords == null) {
                for (Query g : a.groups()) {
                    orInto(searcher, g, leaf, bits, null);
                }
            } else {
                // Each group into its own set: their union is the match, their intersection the all-words documents.
                FixedBitSet all = null;
                for (Query g : a.groups()) {
                    FixedBitSet group = new FixedBitSet(bits.length());
                    orInto(searcher, g, leaf, group, null);
                    bits.or(group);
                    if (all == null) {
                        all = group;
                    } else {
                        all.and(group);
                    }
                }
                if (all != null) {
                    allWords.accept(all);
                }
            }
        } else if (q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0
                && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
            for (BooleanClause c : b.clauses()) {
                orInto(searcher, c.getQuery(), leaf, bits, allWords);
            }
        } else if ((q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0)
                || q instanceof ConstantScoreQuery || q instanceof MatchAllDocsQuery || q instanceof MatchNoDocsQuery) {
            bits.or(eval(searcher, q, leaf, allWords));
        } else {
            Weight w = searcher.createWeight(q, ScoreMode.COMPLETE_NO_SCORES, 1f);
            BulkScorer scorer = w.bulkScorer(leaf);
            if (scorer != null) {
                scorer.score(new LeafCollector() {
                    @Override
                    public void setScorer(Scorable s) {
                    }

                    @Override
                    public void collect(int doc) {
                        bits.set(doc);
                    }
                }, null);
            }
        }
    }

    /** The postings of a term query's term, found through its term states when it has them (no dictionary walk). */
    private static PostingsEnum postings(TermQuery t, LeafReaderContext leaf) throws IOException {
        TermStates states = t.getTermStates();
        if (states == null) {
            return leaf.reader().postings(t.getTerm(), PostingsEnum.NONE);
        }
        TermState state = states.get(leaf);
        if (state == null) {
            return null;
        }
        TermsEnum te = leaf.reader().terms(t.getTerm().field()).iterator();
        te.seekExact(t.getTerm().bytes(), state);
        return te.postings(null, PostingsEnum.NONE);
    }

    /** Matches the documents of precomputed per-segment sets (by leaf ord), with a constant score of 0. */
    static final class SetQuery extends Query {
        private final FixedBitSet[] sets;

        /** @param sets one set per leaf of the searched reader, by leaf ord (null: no document) */
        SetQuery(FixedBitSet[] sets) {
            this.sets = sets;
        }

        /** The sets, by leaf ord. */
        FixedBitSet[] sets() {
            return sets;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, 0f) {
                @Override
                public Scorer scorer(LeafReaderContext context) {
                    FixedBitSet set = context.ord < sets.length ? sets[context.ord] : null;
                    if (set == null) {
                        return null;
                    }
                    return new ConstantScoreScorer(this, score(), scoreMode,
                            new BitSetIterator(set, set.cardinality()));
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return false;
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "matched-set";
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(sets) ^ System.identityHashCode(this);
        }
    }
}
