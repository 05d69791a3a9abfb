package org.sdgsearch.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sdgsearch.classify.TrainingData.BenchmarkRow;

/**
 * Chooses the per-SDG decision thresholds on benchmark rows and scores them.
 *
 * <p>A benchmark file has only 20-30 rows per SDG, so the threshold that maximises one SDG's F1 there is mostly
 * noise. Three guards: F1 is smoothed over neighbouring thresholds before taking the best one; each SDG's best
 * threshold is shrunk towards the single threshold that is best for all SDGs together; and the shrinkage is chosen
 * by cross-validation over folds of the rows, never by the in-sample score.
 */
final class Thresholds {

    static final double[] SHRINKAGES = {0, 0.25, 0.5, 0.75, 1};
    private static final int GRID = 99;     // thresholds 0.01 .. 0.99
    private static final int SMOOTH = 3;    // +-0.03
    static final int FOLDS = 5;

    /** Thresholds tuned on a subset of rows, with the shrinkage that was used. */
    record Tuned(float[] thresholds, double shrinkage) {
    }

    private Thresholds() {
    }

    static double f1(int tp, int fp, int fn) {
        int d = 2 * tp + fp + fn;
        return d == 0 ? 1 : 2.0 * tp / d;
    }

    /** F1 per SDG (index 0 = SDG 1) of the rows {@code subset} with the given thresholds. */
    static double[] f1PerSdg(List<BenchmarkRow> rows, double[][] scores, int[] subset, float[] thresholds) {
        int[] tp = new int[SdgModel.GOALS];
        int[] fp = new int[SdgModel.GOALS];
        int[] fn = new int[SdgModel.GOALS];
        for (int r : subset) {
            int g = rows.get(r).sdg() - 1;
            boolean predicted = scores[r][g] >= thresholds[g];
            boolean label = rows.get(r).label();
            if (predicted && label) {
                tp[g]++;
            } else if (predicted) {
                fp[g]++;
            } else if (label) {
                fn[g]++;
            }
        }
        double[] f1 = new double[SdgModel.GOALS];
        for (int g = 0; g < SdgModel.GOALS; g++) {
            f1[g] = f1(tp[g], fp[g], fn[g]);
        }
        return f1;
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /** Tunes thresholds on {@code subset} with a fixed shrinkage. */
    static float[] tune(List<BenchmarkRow> rows, double[][] scores, int[] subset, double shrinkage) {
        // f1[g][t]: F1 of SDG g at threshold (t + 1) / 100
        double[][] f1 = new double[SdgModel.GOALS][GRID];
        for (int t = 0; t < GRID; t++) {
            float[] th = new float[SdgModel.GOALS];
            Arrays.fill(th, (t + 1) / 100f);
            double[] perSdg = f1PerSdg(rows, scores, subset, th);
            for (int g = 0; g < SdgModel.GOALS; g++) {
                f1[g][t] = perSdg[g];
            }
        }
        double[] macro = new double[GRID];
        for (int t = 0; t < GRID; t++) {
            for (int g = 0; g < SdgModel.GOALS; g++) {
                macro[t] += f1[g][t] / SdgModel.GOALS;
            }
        }
        int global = argmax(smooth(macro), -1);
        float[] thresholds = new float[SdgModel.GOALS];
        for (int g = 0; g < SdgModel.GOALS; g++) {
            int best = argmax(smooth(f1[g]), global);
            double t = global + shrinkage * (best - global);
            thresholds[g] = (float) ((t + 1) / 100);
        }
        return thresholds;
    }

    /** Tunes thresholds on {@code subset}, choosing the shrinkage by cross-validation inside the subset. */
    static Tuned tune(List<BenchmarkRow> rows, double[][] scores, int[] subset, long seed) {
        double bestScore = -1;
        double bestShrinkage = 0;
        for (double shrinkage : SHRINKAGES) {
            double s = mean(crossValidated(rows, scores, subset, seed, shrinkage));
            if (s > bestScore + 1e-9) {
                bestScore = s;
                bestShrinkage = shrinkage;
            }
        }
        return new Tuned(tune(rows, scores, subset, bestShrinkage), bestShrinkage);
    }

    /** Out-of-fold F1 per SDG: thresholds tuned on the other folds with a fixed shrinkage. */
    static double[] crossValidated(List<BenchmarkRow> rows, double[][] scores, int[] subset, long seed,
                                   double shrinkage) {
        return outOfFold(rows, scores, subset, seed, (train) -> tune(rows, scores, train, shrinkage));
    }

    /**
     * Out-of-fold F1 per SDG of the whole procedure, the shrinkage choice included (nested cross-validation): the
     * honest estimate of the score on rows the thresholds never saw.
     */
    static double[] nestedCrossValidated(List<BenchmarkRow> rows, double[][] scores, long seed) {
        int[] all = new int[rows.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return outOfFold(rows, scores, all, seed, (train) -> tune(rows, scores, train, seed + 1).thresholds());
    }

    private interface Tuner {
        float[] tune(int[] train);
    }

    private static double[] outOfFold(List<BenchmarkRow> rows, double[][] scores, int[] subset, long seed,
                                      Tuner tuner) {
        int[] fold = folds(rows, subset, seed);
        int[] tp = new int[SdgModel.GOALS];
        int[] fp = new int[SdgModel.GOALS];
        int[] fn = new int[SdgModel.GOALS];
        for (int f = 0; f < FOLDS; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < subset.length; i++) {
                (fold[i] == f ? test : train).add(subset[i]);
            }
            float[] th = tuner.tune(train.stream().mapToInt(Integer::intValue).toArray());
            for (int r : test) {
                int g = rows.get(r).sdg() - 1;
                boolean predicted = scores[r][g] >= th[g];
                boolean label = rows.get(r).label();
                if (predicted && label) {
                    tp[g]++;
                } else if (predicted) {
                    fp[g]++;
                } else if (label) {
                    fn[g]++;
                }
            }
        }
        double[] f1 = new double[SdgModel.GOALS];
        for (int g = 0; g < SdgModel.GOALS; g++) {
            f1[g] = f1(tp[g], fp[g], fn[g]);
        }
        return f1;
    }

    /** Fold of each subset position, stratified by (sdg, label) so that every fold sees every SDG. */
    private static int[] folds(List<BenchmarkRow> rows, int[] subset, long seed) {
        Integer[] order = new Integer[subset.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Integer> shuffled = new ArrayList<>(Arrays.asList(order));
        Collections.shuffle(shuffled, new Random(seed));
        shuffled.sort((a, b) -> {
            BenchmarkRow x = rows.get(subset[a]);
            BenchmarkRow y = rows.get(subset[b]);
            int c = Integer.compare(x.sdg(), y.sdg());
            return c != 0 ? c : Boolean.compare(x.label(), y.label());
        });
        int[] fold = new int[subset.length];
        for (int k = 0; k < shuffled.size(); k++) {
            fold[shuffled.get(k)] = k % FOLDS;
        }
        return fold;
    }

    private static double[] smooth(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, i - SMOOTH); j <= Math.min(values.length - 1, i + SMOOTH); j++) {
                sum += values[j];
                count++;
            }
            out[i] = sum / count;
        }
        return out;
    }

    /** Index of the maximum; ties go to the index nearest {@code prefer} (or the middle of the tie if -1). */
    private static int argmax(double[] values, int prefer) {
        double max = Arrays.stream(values).max().orElse(0);
        List<Integer> ties = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= max - 1e-12) {
                ties.add(i);
            }
        }
        if (prefer < 0) {
            return ties.get(ties.size() / 2);
        }
        int best = ties.get(0);
        for (int i : ties) {
            if (Math.abs(i - prefer) < Math.abs(best - prefer)) {
                best = i;
            }
        }
        return best;
    }
}
