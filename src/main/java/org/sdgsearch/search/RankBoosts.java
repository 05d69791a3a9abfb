package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.sdgsearch.index.Fields;

/**
 * Multiplies BM25 by the strongest score among the selected SDGs (a document mostly about SDG 6 ranks above one
 * that mentions it) and by a mild freshness factor (newer work slightly first, never burying older relevant work).
 */
final class RankBoosts extends DoubleValuesSource {

    /** Weight of the SDG score: a document with score 1 gets ×(1 + SDG_WEIGHT). */
    static final double SDG_WEIGHT = 1.0;
    /** At most +10 % for brand-new documents, decaying with a half-life of about three years. */
    static final double FRESHNESS_WEIGHT = 0.1;
    private static final double HALF_LIFE_MS = 3 * 365.25 * 24 * 3600 * 1000.0;

    private static final long DAY_MS = 24 * 3600 * 1000L;
    /** 0.5^(age / half-life) by whole days of age, for 60 years: a table read instead of a pow() per matching doc. */
    private static final double[] FRESHNESS_BY_DAY = new double[60 * 366];

    static {
        for (int d = 0; d < FRESHNESS_BY_DAY.length; d++) {
            FRESHNESS_BY_DAY[d] = Math.pow(0.5, d * DAY_MS / HALF_LIFE_MS);
        }
    }

    /** The freshness factor in [0, 1] of a document published {@code ageMillis} ago (future dates count as new). */
    static double freshness(long ageMillis) {
        long days = Math.max(0, ageMillis) / DAY_MS;
        return days < FRESHNESS_BY_DAY.length ? FRESHNESS_BY_DAY[(int) days] : 0;
    }

    private final List<Integer> sdgs;
    private final long now;

    /** The largest factor these boosts give: with a selected SDG, ×2 for a score of 1; ×1.1 for a new document. */
    double maxFactor() {
        return (1 + (sdgs.isEmpty() ? 0 : SDG_WEIGHT)) * (1 + FRESHNESS_WEIGHT);
    }

    RankBoosts(List<Integer> sdgs, long now) {
        this.sdgs = List.copyOf(sdgs);
        this.now = now;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        List<NumericDocValues> sdgValues = new ArrayList<>();
        for (int g : sdgs) {
            NumericDocValues v = ctx.reader().getNumericDocValues(Fields.sdgScore(g));
            if (v != null) {
                sdgValues.add(v);
            }
        }
        NumericDocValues published = ctx.reader().getNumericDocValues(Fields.PUBLISHED);
        return new DoubleValues() {
            double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double best = 0;
                for (NumericDocValues v : sdgValues) {
                    if (v.advanceExact(doc)) {
                        // an SDG score is in [0, 1]; a stray value outside must not break maxFactor()
                        best = Math.max(best, Math.min(1, Float.intBitsToFloat((int) v.longValue())));
                    }
                }
                double fresh = 0;
                if (published != null && published.advanceExact(doc)) {
                    fresh = freshness(now - published.longValue());
                }
                value = (1 + SDG_WEIGHT * best) * (1 + FRESHNESS_WEIGHT * fresh);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher reader) {
        return this;
    }

    @Override
    public int hashCode() {
        return sdgs.hashCode() * 31 + Long.hashCode(now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankBoosts r && r.sdgs.equals(sdgs) && r.now == now;
    }

    @Override
    public String toString() {
        return "RankBoosts(sdgs=" + sdgs + ")";
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }
}
