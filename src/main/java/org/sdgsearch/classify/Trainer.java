package org.sdgsearch.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sdgsearch.classify.TrainingData.Example;
import org.sdgsearch.classify.TrainingData.Kind;

/**
 * Fits the SDG model: a vocabulary of hashed unigrams and bigrams seen in at least {@code minDf} texts, sublinear
 * tf-idf, and one L2-regularised logistic regression per SDG (liblinear), positives up-weighted so that rare goals
 * are not drowned by the frequent ones. Deterministic: liblinear's primal Newton solver uses no randomness, and the
 * vocabulary is ordered by hash, not by encounter.
 */
final class Trainer {

    /**
     * Knobs of one training run.
     *
     * @param c              liblinear's inverse regularisation strength
     * @param minDf          minimum number of texts a feature must occur in to enter the vocabulary
     * @param officialCopies how many times each official goal/target/indicator text is repeated; they are short,
     *                       clean and the only data for es, ar, zh, de, it
     * @param positivePower  positives are weighted (negatives / positives) ^ positivePower; 0 = unweighted,
     *                       1 = balanced
     */
    record Settings(double c, int minDf, int officialCopies, double positivePower) {
        static Settings defaults() {
            return new Settings(4.0, 2, 2, 0.5);
        }
    }

    private Trainer() {
    }

    static SdgModel train(List<Example> examples, Settings settings) {
        Map<Long, Integer> df = new HashMap<>();
        for (Example e : examples) {
            Set<Long> seen = new HashSet<>();
            TextFeatures.extract(e.language(), e.text(), (hash, s, end) -> seen.add(hash));
            for (Long h : seen) {
                df.merge(h, 1, Integer::sum);
            }
        }
        long[] hashes = df.entrySet().stream().filter(en -> en.getValue() >= settings.minDf())
                .mapToLong(Map.Entry::getKey).sorted().toArray();
        int n = examples.size();
        float[] idf = new float[hashes.length];
        for (int c = 0; c < hashes.length; c++) {
            idf[c] = (float) (Math.log((1.0 + n) / (1.0 + df.get(hashes[c]))) + 1);
        }
        float[] zeros = new float[SdgModel.GOALS];
        SdgModel vocabulary = new SdgModel(hashes, idf, new float[hashes.length * SdgModel.GOALS], zeros, zeros);

        List<Feature[]> rows = new ArrayList<>();
        List<Set<Integer>> labels = new ArrayList<>();
        for (Example e : examples) {
            SparseVector v = SparseVector.of(vocabulary, e.language(), e.text());
            if (v.size() == 0) {
                continue;
            }
            // liblinear learns the intercept as the weight of one extra, constant feature after the last column.
            Feature[] x = new Feature[v.size() + 1];
            for (int i = 0; i < v.size(); i++) {
                x[i] = new FeatureNode(v.column(i) + 1, v.value(i));
            }
            x[v.size()] = new FeatureNode(hashes.length + 1, 1);
            int copies = e.kind() == Kind.OFFICIAL ? settings.officialCopies() : 1;
            for (int k = 0; k < copies; k++) {
                rows.add(x);
                labels.add(e.sdgs());
            }
        }

        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = hashes.length + 1;
        problem.x = rows.toArray(new Feature[0][]);
        problem.bias = 1;
        Linear.disableDebugOutput();
        float[] weights = new float[hashes.length * SdgModel.GOALS];
        float[] bias = new float[SdgModel.GOALS];
        for (int g = 1; g <= SdgModel.GOALS; g++) {
            double[] y = new double[problem.l];
            int positives = 0;
            for (int i = 0; i < problem.l; i++) {
                boolean pos = labels.get(i).contains(g);
                y[i] = pos ? 1 : -1;
                positives += pos ? 1 : 0;
            }
            problem.y = y;
            Parameter parameter = new Parameter(SolverType.L2R_LR, settings.c(), 0.001);
            double ratio = positives == 0 ? 1 : (problem.l - positives) / (double) positives;
            parameter.setWeights(new double[] {Math.pow(ratio, settings.positivePower()), 1}, new int[] {1, -1});
            Model model = Linear.train(problem, parameter);
            double[] w = model.getFeatureWeights();
            // liblinear's weights point towards its first label; make them point towards "is about goal g".
            double sign = model.getLabels()[0] == 1 ? 1 : -1;
            for (int c = 0; c < hashes.length; c++) {
                weights[c * SdgModel.GOALS + g - 1] = (float) (sign * w[c]);
            }
            bias[g - 1] = (float) (sign * w[hashes.length]);
        }
        float[] thresholds = new float[SdgModel.GOALS];
        Arrays.fill(thresholds, 0.5f);
        return new SdgModel(hashes, idf, weights, bias, thresholds);
    }
}
