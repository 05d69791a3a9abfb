package org.sdgsearch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SDG classifier backed by the trained linear model in {@code classify/sdg-model.bin.gz}.
 *
 * <p>A document is cut into passages of about 100-300 words ({@link Passages}); each passage is scored for the 17
 * goals. A goal's document score is the larger of the whole text's score and the mean score of its strongest
 * quarter of passages, so a long report with one solid chapter on water still counts for SDG 6 while a stray
 * mention does not. A goal is assigned when its score reaches the goal's threshold, tuned on held-out benchmark
 * rows and shrunk towards one global threshold.
 *
 * <p>Immutable and thread-safe: load it once and share it.
 */
public final class TrainedSdgClassifier implements SdgClassifier {

    /** Classpath location of the committed model. */
    public static final String RESOURCE = "/classify/sdg-model.bin.gz";

    static final int EVIDENCE_PASSAGES = 3;
    static final int EVIDENCE_TERMS = 8;

    private final SdgModel model;

    TrainedSdgClassifier(SdgModel model) {
        this.model = model;
    }

    /** Loads the model shipped on the classpath. */
    public static TrainedSdgClassifier load() {
        try (InputStream in = TrainedSdgClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("SDG model missing from the classpath: " + RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SDG model " + RESOURCE, e);
        }
    }

    /** Loads a model file written by the training command. */
    public static TrainedSdgClassifier load(InputStream in) throws IOException {
        return new TrainedSdgClassifier(SdgModel.read(in));
    }

    SdgModel model() {
        return model;
    }

    @Override
    public SdgProfile classify(String text, String language, List<String> pages) {
        String lang = TextFeatures.language(language);
        if (lang == null) {
            String tag = language == null || language.isBlank() ? "und" : language.toLowerCase(Locale.ROOT);
            return SdgProfile.empty("und".equals(tag)
                    ? "language unknown: no SDG profile without a detected language"
                    : "unsupported language: " + tag + " (supported: " + String.join(", ",
                            TextFeatures.LANGUAGES.stream().sorted().toList()) + ")");
        }
        List<Passages.Passage> passages = Passages.split(text, pages);
        if (passages.isEmpty()) {
            return SdgProfile.empty("no text");
        }
        int n = passages.size();
        List<SparseVector> vectors = new ArrayList<>(n);
        double[][] passageScores = new double[n][];
        for (int i = 0; i < n; i++) {
            SparseVector v = SparseVector.of(model, lang, passages.get(i).text());
            vectors.add(v);
            passageScores[i] = model.scores(v);
        }
        SparseVector document = SparseVector.sum(model, vectors);
        if (document.size() == 0) {
            return SdgProfile.empty("no terms the model knows in this " + lang + " text");
        }
        double[] documentScores = n == 1 ? passageScores[0] : model.scores(document);
        int top = (n + 3) / 4;
        List<SdgScore> scores = new ArrayList<>(SdgModel.GOALS);
        List<Integer> assigned = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        double[] column = new double[n];
        for (int g = 1; g <= SdgModel.GOALS; g++) {
            double threshold = model.threshold(g);
            int above = 0;
            for (int i = 0; i < n; i++) {
                column[i] = passageScores[i][g - 1];
                if (column[i] >= threshold) {
                    above++;
                }
            }
            double score = documentScores[g - 1];
            if (n > 1) {
                double[] sorted = column.clone();
                Arrays.sort(sorted);
                double sum = 0;
                for (int i = n - top; i < n; i++) {
                    sum += sorted[i];
                }
                score = Math.max(score, sum / top);
            }
            scores.add(new SdgScore(g, score, above / (double) n));
            if (score >= threshold) {
                assigned.add(g);
                evidence.add(evidence(g, passages, passageScores, document));
            }
        }
        return new SdgProfile(scores, assigned, evidence, null);
    }

    private Evidence evidence(int goal, List<Passages.Passage> passages, double[][] passageScores,
                              SparseVector document) {
        Integer[] order = new Integer[passages.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable sort: equal scores keep document order, so evidence is deterministic.
        Arrays.sort(order, (a, b) -> Double.compare(passageScores[b][goal - 1], passageScores[a][goal - 1]));
        List<Evidence.Passage> support = new ArrayList<>();
        for (int k = 0; k < Math.min(EVIDENCE_PASSAGES, order.length); k++) {
            int i = order[k];
            double s = passageScores[i][goal - 1];
            if (k > 0 && s < model.threshold(goal)) {
                break; // beyond the first, quote only passages that carry the goal on their own
            }
            support.add(new Evidence.Passage(passages.get(i).text(), passages.get(i).page(), s));
        }
        return new Evidence(goal, support, topTerms(goal, document));
    }

    /** The document's words whose features pushed hardest towards the goal (weight times tf-idf). */
    private List<String> topTerms(int goal, SparseVector document) {
        int size = document.size();
        long[] ranked = new long[size];
        int m = 0;
        for (int i = 0; i < size; i++) {
            float contribution = document.value(i) * model.weight(document.column(i), goal);
            if (contribution > 0) {
                // Positive floats sort like their bit patterns; the low half keeps the index.
                ranked[m++] = ((long) Float.floatToIntBits(contribution) << 32) | i;
            }
        }
        Arrays.sort(ranked, 0, m);
        Set<String> terms = new LinkedHashSet<>();
        for (int k = m - 1; k >= 0 && terms.size() < EVIDENCE_TERMS; k--) {
            terms.add(document.surface((int) ranked[k]));
        }
        return List.copyOf(terms);
    }
}
