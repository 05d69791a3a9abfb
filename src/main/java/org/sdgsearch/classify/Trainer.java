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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
     * @param processFields  whether to keep metadata fields about data production (see
     *                       {@link TrainingData#isProcessField}); leaving them out scored better on held-out rows
     * @param charGrams      longest character n-gram (0 = words only)
     * @param charWeight     norm of the character n-gram block relative to the word block
     * @param officialCombos passes of paragraph-length combinations of official texts ({@link #combinations})
     *
     * <p>The defaults were chosen by the nested cross-validated dev score among a dozen settings, and they sit in
     * the middle of a plateau (neighbouring values score within 0.01), not on a spike.
     */
    record Settings(double c, int minDf, int officialCopies, double positivePower, boolean processFields,
                    int charGrams, double charWeight, int officialCombos) {
        static Settings defaults() {
            return new Settings(4.0, 2, 2, 0.5, false, 5, 0.5, 3);
        }
    }

    private Trainer() {
    }

    /**
     * Paragraph-length texts made of several official target and indicator texts of one goal and language: the
     * official texts are one-liners, while the texts to classify are paragraphs, and a model that only saw
     * one-liners of a goal is too timid on paragraphs about it.
     */
    static List<Example> combinations(List<Example> all, int passes) {
        Map<String, List<Example>> byGoal = new TreeMap<>();
        for (Example e : all) {
            if (e.kind() == Kind.OFFICIAL && !e.id().contains(":goal:")) {
                byGoal.computeIfAbsent(e.language() + ":" + e.sdgs().iterator().next(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Example> out = new ArrayList<>();
        Random random = new Random(Train.SEED);
        for (int pass = 0; pass < passes; pass++) {
            for (Map.Entry<String, List<Example>> en : byGoal.entrySet()) {
                List<Example> list = new ArrayList<>(en.getValue());
                Collections.shuffle(list, random);
                for (int i = 0; i + 1 < list.size(); i += 4) {
                    List<Example> part = list.subList(i, Math.min(list.size(), i + 4));
                    String text = String.join(" ", part.stream().map(Example::text).toList());
                    Example first = part.get(0);
                    out.add(new Example("combo:" + pass + ":" + en.getKey() + ":" + i, first.group(), Kind.REGISTRY,
                            first.language(), first.sdgs(), text));
                }
            }
        }
        return out;
    }

    static SdgModel train(List<Example> all, Settings settings) {
        List<Example> examples = new ArrayList<>(settings.processFields() ? all
                : all.stream().filter(e -> !TrainingData.isProcessField(e.id())).toList());
        examples.addAll(combinations(all, settings.officialCombos()));
        Map<Long, Integer> df = new HashMap<>();
        for (Example e : examples) {
            Set<Long> seen = new HashSet<>();
            TextFeatures.extract(e.language(), e.text(), settings.charGrams(), (hash, s, end) -> seen.add(hash));
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
        SdgModel vocabulary = new SdgModel(settings.charGrams(), (float) settings.charWeight(), hashes, idf, new float[hashes.length * SdgModel.GOALS], zeros, zeros);

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
            Arrays.sort(x, 0, v.size(), (a, b) -> Integer.compare(a.getIndex(), b.getIndex())); // liblinear needs it
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
        return new SdgModel(settings.charGrams(), (float) settings.charWeight(), hashes, idf, weights, bias,
                thresholds);
    }
}
