package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The minimum raw score passed down to Lucene is a safe bound: no document whose boosted score reaches the minimum
 * competitive score has a raw score below it (else skipping would drop a document that belongs on the page), for
 * the constant of the all-words pass and the boosts' largest factors, with and without a selected SDG.
 */
class BoostedTopHitsTest {

    @Test
    void passedDownMinimumNeverSkipsACompetitiveDocument() {
        SplittableRandom r = new SplittableRandom(17);
        int reaching = 0;
        for (double constant : new double[] {1, AllWordsFirstQuery.ALL_WORDS_FACTOR}) {
            for (double maxFactor : new double[] {1.1, 2.2}) {
                float maxBoost = Math.nextUp((float) maxFactor);
                for (int i = 0; i < 1_000_000; i++) {
                    float raw = (float) (r.nextDouble() * 40);
                    // factors at the bound (and above it, clamped to it) are where rounding matters
                    int k = r.nextInt(4);
                    double factor = k == 0 ? maxFactor : k == 1 ? maxBoost : k == 2 ? maxFactor * 3
                            : 1 + r.nextDouble() * (maxFactor - 1);
                    float score = BoostedTopHits.boosted(raw, constant, factor, maxBoost);
                    // a minimum at, just below or just above the document's boosted score
                    float min = switch (r.nextInt(3)) {
                        case 0 -> score;
                        case 1 -> Math.nextDown(score);
                        default -> Math.nextUp(score);
                    };
                    if (score >= min) {
                        reaching++;
                        float bound = BoostedTopHits.rawMinimum(min, constant, maxBoost);
                        assertTrue(raw >= bound, () -> "raw " + raw + " x " + constant + " x " + factor + " = "
                                + score + " reaches " + min + " but is below the passed-down " + bound);
                    }
                }
            }
        }
        assertTrue(reaching > 2_000_000, "documents reaching the minimum: " + reaching);
    }

    @Test
    void scoreIsTheProductRoundedAsTheEveryHitPathRoundsIt() {
        float raw = 3.3f;
        assertEquals((float) ((float) (raw * 5.0) * 1.05), BoostedTopHits.boosted(raw, 5, 1.05, 2.2f));
        assertEquals((float) (raw * 2.2f), BoostedTopHits.boosted(raw, 1, 7.0, 2.2f), "factor clamped to the bound");
        assertEquals(0f, BoostedTopHits.boosted(raw, 1, Double.NaN, 2.2f));
    }
}
