package org.sdgsearch.search;

import java.io.IOException;
import java.util.Objects;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The wrapped query restricted to the request's hit set, for scoring the top hits. The set is handed to the wrapped
 * query's top-level bulk scorer as the accepted documents (as Lucene hands it the live documents), not added as a
 * filter clause: a filter clause would make Lucene fall back to its generic conjunction, while a top-level
 * conjunction of words keeps Lucene's block-max conjunction bulk scorer (which stops scoring a document once the
 * words left cannot make it competitive) and a disjunction keeps its MaxScore bulk scorer.
 */
final class WithinHitsQuery extends Query {

    private final Query in;
    private final FixedBitSet[] hits;

    /** @param hits the hit set, one bit set per leaf of the searched reader by leaf ord (null: no hit there) */
    WithinHitsQuery(Query in, FixedBitSet[] hits) {
        this.in = Objects.requireNonNull(in);
        this.hits = hits;
    }

    private FixedBitSet hits(LeafReaderContext leaf) {
        return leaf.ord < hits.length ? hits[leaf.ord] : null;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = in.rewrite(searcher);
        return rewritten == in ? this : new WithinHitsQuery(rewritten, hits);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = in.createWeight(searcher, scoreMode, boost);
        return new FilterWeight(this, inner) {
            @Override
            public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
                FixedBitSet set = hits(context);
                if (set == null) {
                    return null;
                }
                BulkScorer bulk = in.bulkScorer(context);
                if (bulk == null) {
                    return null;
                }
                return new BulkScorer() {
                    @Override
                    public int score(LeafCollector collector, Bits acceptDocs, int min, int max) throws IOException {
                        return bulk.score(collector, acceptDocs == null ? set : both(set, acceptDocs), min, max);
                    }

                    @Override
                    public long cost() {
                        return bulk.cost();
                    }
                };
            }

            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                // Not used by a top-level search (that takes the bulk scorer); filters the same way for others.
                FixedBitSet set = hits(context);
                ScorerSupplier s = set == null ? null : in.scorerSupplier(context);
                if (s == null) {
                    return null;
                }
                Weight weight = this;
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        return new InSet(weight, s.get(leadCost), set);
                    }

                    @Override
                    public long cost() {
                        return s.cost();
                    }
                };
            }

            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                ScorerSupplier s = scorerSupplier(context);
                return s == null ? null : s.get(Long.MAX_VALUE);
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                FixedBitSet set = hits(context);
                return set != null && set.get(doc) ? in.explain(context, doc)
                        : Explanation.noMatch("not among the hits");
            }

            @Override
            public Matches matches(LeafReaderContext context, int doc) throws IOException {
                FixedBitSet set = hits(context);
                return set != null && set.get(doc) ? in.matches(context, doc) : null;
            }

            @Override
            public int count(LeafReaderContext context) {
                return -1;
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    private static Bits both(FixedBitSet set, Bits accept) {
        return new Bits() {
            @Override
            public boolean get(int index) {
                return set.get(index) && accept.get(index);
            }

            @Override
            public int length() {
                return set.length();
            }
        };
    }

    /** The wrapped scorer, matching only documents of the set. */
    private static final class InSet extends Scorer {
        private final Scorer in;
        private final TwoPhaseIterator twoPhase;

        InSet(Weight weight, Scorer in, FixedBitSet set) {
            super(weight);
            this.in = in;
            TwoPhaseIterator inner = in.twoPhaseIterator();
            DocIdSetIterator approximation = inner != null ? inner.approximation() : in.iterator();
            this.twoPhase = new TwoPhaseIterator(approximation) {
                @Override
                public boolean matches() throws IOException {
                    return set.get(approximation.docID()) && (inner == null || inner.matches());
                }

                @Override
                public float matchCost() {
                    return 1 + (inner == null ? 0 : inner.matchCost());
                }
            };
        }

        @Override
        public int docID() {
            return in.docID();
        }

        @Override
        public float score() throws IOException {
            return in.score();
        }

        @Override
        public DocIdSetIterator iterator() {
            return TwoPhaseIterator.asDocIdSetIterator(twoPhase);
        }

        @Override
        public TwoPhaseIterator twoPhaseIterator() {
            return twoPhase;
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            return in.getMaxScore(upTo);
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            in.setMinCompetitiveScore(minScore);
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        in.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "withinHits(" + in.toString(field) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return sameClassAs(o) && o instanceof WithinHitsQuery w && in.equals(w.in) && hits == w.hits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), in, System.identityHashCode(hits));
    }
}
