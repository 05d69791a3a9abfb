package org.sdgsearch.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Multiplies the wrapped query's score by a per-document factor known to lie in {@code [0, maxFactor]}, as
 * {@code FunctionScoreQuery.boostByValue} does, but keeps top-k search fast: because the factor is bounded, the
 * wrapped scorer's maximum scores times {@code maxFactor} bound this query's scores, so Lucene can skip blocks of
 * documents that cannot reach the top hits (block-max WAND) instead of scoring every match. Without scores (facet
 * counting) it is the wrapped query.
 */
final class BoundedBoostQuery extends Query {

    private final Query in;
    private final DoubleValuesSource factors;
    private final float maxFactor;

    /**
     * @param in        the query whose scores are boosted
     * @param factors   the per-document factor; a document without a value keeps its score (factor 1)
     * @param maxFactor an upper bound of every factor (and at least 1)
     */
    BoundedBoostQuery(Query in, DoubleValuesSource factors, double maxFactor) {
        if (factors.needsScores()) {
            throw new IllegalArgumentException("the factors must not depend on the score");
        }
        this.in = Objects.requireNonNull(in);
        this.factors = factors;
        this.maxFactor = Math.nextUp((float) Math.max(1, maxFactor));
    }

    Query wrapped() {
        return in;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = in.rewrite(searcher);
        DoubleValuesSource f = factors.rewrite(searcher);
        return rewritten == in && f == factors ? this : new BoundedBoostQuery(rewritten, f, maxFactor);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = in.createWeight(searcher, scoreMode, boost);
        if (!scoreMode.needsScores()) {
            return inner;
        }
        return new Weight(this) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                ScorerSupplier s = scorerSupplier(context);
                return s == null ? null : s.get(Long.MAX_VALUE);
            }

            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                ScorerSupplier s = inner.scorerSupplier(context);
                if (s == null) {
                    return null;
                }
                Weight weight = this;
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        return new Boosted(weight, s.get(leadCost), factors.getValues(context, null), maxFactor);
                    }

                    @Override
                    public long cost() {
                        return s.cost();
                    }

                    @Override
                    public void setTopLevelScoringClause() throws IOException {
                        // Skipping by maximum scores happens in the wrapped query (block-max WAND of its clauses).
                        s.setTopLevelScoringClause();
                    }
                };
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Explanation e = inner.explain(context, doc);
                if (!e.isMatch()) {
                    return e;
                }
                DoubleValues v = factors.getValues(context, null);
                double f = v.advanceExact(doc) ? clamp(v.doubleValue(), maxFactor) : 1;
                return Explanation.match((float) (e.getValue().floatValue() * f), "product of:", e,
                        Explanation.match((float) f, "rank boosts (SDG score, freshness)"));
            }

            @Override
            public Matches matches(LeafReaderContext context, int doc) throws IOException {
                return inner.matches(context, doc);
            }

            @Override
            public int count(LeafReaderContext context) throws IOException {
                return inner.count(context);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    static double clamp(double factor, float max) {
        return Double.isNaN(factor) || factor < 0 ? 0 : Math.min(factor, max);
    }

    private static final class Boosted extends Scorer {
        private final Scorer in;
        private final DoubleValues factors;
        private final float maxFactor;

        Boosted(Weight weight, Scorer in, DoubleValues factors, float maxFactor) {
            super(weight);
            this.in = in;
            this.factors = factors;
            this.maxFactor = maxFactor;
        }

        @Override
        public float score() throws IOException {
            float s = in.score();
            double f = factors.advanceExact(in.docID()) ? clamp(factors.doubleValue(), maxFactor) : 1;
            return (float) (s * f);
        }

        @Override
        public int docID() {
            return in.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return in.iterator();
        }

        @Override
        public TwoPhaseIterator twoPhaseIterator() {
            return in.twoPhaseIterator();
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            // Rounded up, so it stays a bound after the float multiplication.
            return Math.nextUp(in.getMaxScore(upTo) * maxFactor);
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            // A document needs at least minScore / maxFactor before boosting to compete; rounded down to stay safe.
            in.setMinCompetitiveScore(Math.max(0f, Math.nextDown(minScore / maxFactor)));
        }

        @Override
        public Collection<ChildScorable> getChildren() {
            return List.of(new ChildScorable(in, "MUST"));
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        in.visit(visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "boosted(" + in.toString(field) + ", " + factors + ", max " + maxFactor + ")";
    }

    @Override
    public boolean equals(Object o) {
        return sameClassAs(o) && o instanceof BoundedBoostQuery b && in.equals(b.in) && factors.equals(b.factors)
                && maxFactor == b.maxFactor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), in, factors, maxFactor);
    }
}
