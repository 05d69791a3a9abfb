package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The top hits by BM25 × a constant × the rank boosts, where the boosts are applied as each document is collected
 * rather than by wrapping the query: the query's own top-level bulk scorer (block-max WAND, block-max conjunction,
 * MaxScore) stays in use. Because the boosts are bounded ({@link RankBoosts#maxFactor()}), a minimum competitive
 * score of the boosted scores is passed down divided by the largest factor, so Lucene still skips what cannot reach
 * the page. A document scores {@code (float) ((float) (bm25 × constant) × boost)}, as the query-wrapping boost of the
 * every-hit path computes it.
 */
final class BoostedTopHits implements CollectorManager<Collector, TopDocs> {

    private final RankBoosts boosts;
    private final float maxBoost;
    private final double constant;
    private final float atLeast;
    private final TopScoreDocCollectorManager in;
    private final List<TopScoreDocCollector> made = new ArrayList<>();

    /**
     * @param constant a factor of every score (at least 1)
     * @param atLeast  a boosted score below which no document is wanted (0: none); lets skipping start at once
     */
    BoostedTopHits(RankBoosts boosts, double constant, float atLeast, int topN) {
        this.boosts = boosts;
        this.maxBoost = Math.nextUp((float) Math.max(1, boosts.maxFactor()));
        this.constant = constant;
        this.atLeast = atLeast;
        this.in = new TopScoreDocCollectorManager(topN, null, topN);
    }

    @Override
    public Collector newCollector() throws IOException {
        TopScoreDocCollector c = in.newCollector();
        synchronized (made) {
            made.add(c);
        }
        return new FilterCollector(c) {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                DoubleValues factors = boosts.getValues(context, null);
                return new FilterLeafCollector(super.getLeafCollector(context)) {
                    private int doc = -1;

                    @Override
                    public void setScorer(Scorable raw) throws IOException {
                        Scorable boosted = new Scorable() {
                            @Override
                            public float score() throws IOException {
                                return boosted(raw.score(), constant,
                                        factors.advanceExact(doc) ? factors.doubleValue() : 1, maxBoost);
                            }

                            @Override
                            public int docID() {
                                return doc;
                            }

                            @Override
                            public void setMinCompetitiveScore(float minScore) throws IOException {
                                raw.setMinCompetitiveScore(rawMinimum(Math.max(minScore, atLeast), constant,
                                        maxBoost));
                            }
                        };
                        if (atLeast > 0) {
                            boosted.setMinCompetitiveScore(atLeast);
                        }
                        super.setScorer(boosted);
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        this.doc = doc;
                        super.collect(doc);
                    }
                };
            }
        };
    }

    /** The score of a document: {@code (float) ((float) (raw × constant) × factor)}, the factor within [0, max]. */
    static float boosted(float raw, double constant, double factor, float maxBoost) {
        float s = constant != 1 ? (float) (raw * constant) : raw;
        return (float) (s * clamp(factor, maxBoost));
    }

    /**
     * The lowest raw score that can still reach {@code minScore} once boosted: minScore / maxBoost, then / constant,
     * each rounded down so it stays a safe bound (a document below it can be skipped).
     */
    static float rawMinimum(float minScore, double constant, float maxBoost) {
        float m = Math.nextDown(minScore / maxBoost);
        if (constant != 1) {
            m = Math.nextDown(m / Math.nextUp((float) constant));
        }
        return Math.max(0f, m);
    }

    /** A factor within [0, max] (NaN and negative: 0), so {@code max} bounds every boost. */
    static double clamp(double factor, float max) {
        return Double.isNaN(factor) || factor < 0 ? 0 : Math.min(factor, max);
    }

    @Override
    public TopDocs reduce(Collection<Collector> collectors) throws IOException {
        synchronized (made) {
            return in.reduce(made);
        }
    }
}
