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
    /** An SDG score of {@code i} 255ths as a number in [0, 1]. */
    private static final double[] SCORE_STEPS = new double[256];

    static {
        for (int i = 0; i < SCORE_STEPS.length; i++) {
            SCORE_STEPS[i] = i / 255.0;
        }
    }
    /** 0.5^(age / half-life) by whole days of age, for 60 years: a table read instead of a pow() per matching doc. */
    private static final double[] FRESHNESS_BY_DAY = new double[60 * 366];

    static {
        for (int d = 0; d < FRESHNESS_BY_DAY.length; d++) {
            FRESHNESS_BY_DAY[d] = Math.pow(0.5, d * DAY_MS / HALF_LIFE_MS);
        }
    }

    /** The freshness factor in [0, 1] of a document published {@code days} whole days ago (future dates: new). */
    static double freshness(long days) {
        long d = Math.max(0, days);
        return d < FRESHNESS_BY_DAY.length ? FRESHNESS_BY_DAY[(int) d] : 0;
    }

    /** The day (since 1970-01-01 UTC) of an instant in epoch milliseconds. */
    static int day(long epochMillis) {
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.floorDiv(epochMillis, DAY_MS)));
    }

    /** A document without a publication date in {@link PublicationDays}: no freshness boost. */
    static final int NO_DAY = Integer.MIN_VALUE;

    /**
     * Per segment, what the boosts read for every scored document, kept on the heap as Solr's field cache keeps sort
     * values: each document's publication day (4 bytes per document) and, for an SDG once it has been selected, each
     * document's score for it in steps of 1/255 (1 byte per document). A boost is then an array read instead of a
     * doc-values lookup through the memory-mapped index, which was most of the boosts' cost in the benchmark's
     * profile (and 7 % of a request's CPU with an SDG selected).
     */
    static final class Tables {
        private final PerSegment<Object> cache = new PerSegment<>(Tables::build);

        /** The days of this segment's documents ({@link #NO_DAY} without a date), or null if it cannot be cached. */
        int[] days(LeafReaderContext leaf) throws IOException {
            return (int[]) cache.get(leaf, Fields.PUBLISHED);
        }

        /** The scores of SDG {@code sdg} in 255ths (0: none), or null if the segment cannot be cached. */
        byte[] sdgScores(LeafReaderContext leaf, int sdg) throws IOException {
            return (byte[]) cache.get(leaf, Fields.sdgScore(sdg));
        }

        private static Object build(LeafReaderContext leaf, String field) throws IOException {
            NumericDocValues values = leaf.reader().getNumericDocValues(field);
            if (field.equals(Fields.PUBLISHED)) {
                int[] days = new int[leaf.reader().maxDoc()];
                java.util.Arrays.fill(days, NO_DAY);
                if (values != null) {
                    for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                        days[doc] = day(values.longValue());
                    }
                }
                return days;
            }
            byte[] scores = new byte[leaf.reader().maxDoc()];
            if (values != null) {
                for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                    scores[doc] = (byte) quantize(Float.intBitsToFloat((int) values.longValue()));
                }
            }
            return scores;
        }
    }

    /** An SDG score in 255ths, clamped to [0, 1] (a stray value outside must not break {@link #maxFactor()}). */
    static int quantize(float score) {
        return Float.isNaN(score) ? 0 : Math.round(Math.max(0f, Math.min(1f, score)) * 255f);
    }

    private final List<Integer> sdgs;
    private final long now;
    private final int today;
    private final Tables tables;

    /** The largest factor these boosts give: with a selected SDG, ×2 for a score of 1; ×1.1 for a new document. */
    double maxFactor() {
        return (1 + (sdgs.isEmpty() ? 0 : SDG_WEIGHT)) * (1 + FRESHNESS_WEIGHT);
    }

    /**
     * @param now  the clock of the request (a cursor keeps its first page's, so scores stay the same)
     * @param tables the values kept per segment, or null to read them from doc values (the same boosts)
     */
    RankBoosts(List<Integer> sdgs, long now, Tables tables) {
        this.sdgs = List.copyOf(sdgs);
        this.now = now;
        this.today = day(now);
        this.tables = tables;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        int[] days = tables == null ? null : tables.days(ctx);
        List<byte[]> sdgTables = new ArrayList<>();
        List<NumericDocValues> sdgValues = new ArrayList<>();
        for (int g : sdgs) {
            byte[] t = tables == null ? null : tables.sdgScores(ctx, g);
            if (t != null) {
                sdgTables.add(t);
            } else {
                NumericDocValues v = ctx.reader().getNumericDocValues(Fields.sdgScore(g));
                if (v != null) {
                    sdgValues.add(v);
                }
            }
        }
        byte[][] sdgBytes = sdgTables.toArray(byte[][]::new);
        NumericDocValues published = days != null ? null : ctx.reader().getNumericDocValues(Fields.PUBLISHED);
        int today = this.today;
        return new DoubleValues() {
            double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                int best = 0;
                for (byte[] t : sdgBytes) {
                    best = Math.max(best, t[doc] & 0xFF);
                }
                for (NumericDocValues v : sdgValues) {
                    if (v.advanceExact(doc)) {
                        best = Math.max(best, quantize(Float.intBitsToFloat((int) v.longValue())));
                    }
                }
                double fresh = 0;
                if (days != null) {
                    int day = days[doc];
                    fresh = day == NO_DAY ? 0 : freshness((long) today - day);
                } else if (published != null && published.advanceExact(doc)) {
                    fresh = freshness((long) today - day(published.longValue()));
                }
                value = (1 + SDG_WEIGHT * SCORE_STEPS[best]) * (1 + FRESHNESS_WEIGHT * fresh);
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
