package org.sdgsearch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sdgsearch.classify.TrainingData.BenchmarkRow;
import org.sdgsearch.classify.TrainingData.Example;
import org.sdgsearch.classify.TrainingData.Kind;

/**
 * Evaluation command: prints per-SDG F1 and macro-F1 of the model on
 * (a) the benchmark dev file, in-sample (its thresholds were tuned there) and by nested cross-validation over dev
 * folds (thresholds re-tuned without the scored fold: the estimate for unseen data);
 * (b) a validation split of the training data by indicator (whole indicators held out, model retrained without
 * them, thresholds as in the model);
 * (c) the same split restricted to French and to Russian texts.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=org.sdgsearch.classify.Evaluate -Dexec.args="--data ../shared/data"
 * </pre>
 *
 * {@code --model FILE} scores another model file; {@code --train} fits one in memory with the given settings
 * ({@code --c}, {@code --min-df}, {@code --official-copies}, {@code --positive-power}) to compare settings.
 */
public final class Evaluate {

    /** Share of indicator groups held out for validation. */
    static final double VALIDATION_SHARE = 0.2;

    private Evaluate() {
    }

    public static void main(String[] args) throws IOException {
        Train.Options o = Train.Options.parse(args);
        Path data = Path.of(o.get("data", Train.DEFAULT_DATA));
        Trainer.Settings settings = o.settings();
        List<Example> examples = TrainingData.load(data);
        List<BenchmarkRow> dev = TrainingData.benchmark(data.resolve(Train.DEV));
        TrainedSdgClassifier classifier;
        if (o.values().containsKey("train")) {
            classifier = new TrainedSdgClassifier(Train.fit(examples, dev, settings, System.out));
        } else if (o.values().containsKey("model")) {
            try (InputStream in = Files.newInputStream(Path.of(o.get("model", "")))) {
                classifier = TrainedSdgClassifier.load(in);
            }
        } else {
            classifier = TrainedSdgClassifier.load();
        }
        SdgModel model = classifier.model();

        double[][] scores = Train.benchmarkScores(classifier, dev);
        int[] all = new int[dev.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] devInSample = Thresholds.f1PerSdg(dev, scores, all, model.thresholds());
        double[] devNested = Thresholds.nestedCrossValidated(dev, scores, Train.SEED);

        double[][] validation = new double[3][];
        double[][] topOne = new double[3][];
        String allProse = "-";
        if (!o.values().containsKey("skip-split")) {
            List<Example> train = new ArrayList<>();
            List<Example> held = new ArrayList<>();
            for (Example e : examples) {
                (TrainingData.isValidation(e.group(), Train.SEED, VALIDATION_SHARE) ? held : train).add(e);
            }
            // Official texts are one-liners; scoring them would flatter the split, so only real prose is scored.
            held.removeIf(e -> e.kind() == Kind.OFFICIAL);
            SdgModel splitModel = Trainer.train(train, settings).withThresholds(model.thresholds());
            TrainedSdgClassifier splitClassifier = new TrainedSdgClassifier(splitModel);
            allProse = macro(multiLabelF1(splitClassifier, held, false));
            // Scored: the fields that say what an indicator is about (process fields such as data-source names
            // are left out of training for saying nothing about the goal, see TrainingData.isProcessField).
            List<Example> content = held.stream().filter(e -> !TrainingData.isProcessField(e.id())).toList();
            String[][] languages = {null, {"fr"}, {"ru"}};
            int[] counts = new int[3];
            for (int k = 0; k < 3; k++) {
                Set<String> langs = languages[k] == null ? null : Set.of(languages[k]);
                List<Example> subset = content.stream().filter(e -> langs == null || langs.contains(e.language()))
                        .toList();
                counts[k] = subset.size();
                validation[k] = multiLabelF1(splitClassifier, subset, false);
                topOne[k] = multiLabelF1(splitClassifier, subset, true);
            }
            System.out.printf(Locale.ROOT, "validation split: %,d training texts; %,d held-out texts from %.0f%% of "
                    + "indicator groups, %,d of them content fields (%d fr, %d ru)%n", train.size(), held.size(),
                    VALIDATION_SHARE * 100, counts[0], counts[1], counts[2]);
        }

        System.out.println();
        System.out.println("SDG  dev(in-sample)  dev(nested-CV)  split(all)  split(fr)  split(ru)");
        for (int g = 0; g < SdgModel.GOALS; g++) {
            System.out.printf(Locale.ROOT, "%3d  %14.3f  %14.3f  %10s  %9s  %9s%n", g + 1, devInSample[g], devNested[g],
                    cell(validation[0], g), cell(validation[1], g), cell(validation[2], g));
        }
        System.out.printf(Locale.ROOT, "mac  %14.3f  %14.3f  %10s  %9s  %9s%n", Thresholds.mean(devInSample),
                Thresholds.mean(devNested), macro(validation[0]), macro(validation[1]), macro(validation[2]));
        System.out.printf(Locale.ROOT, "min  %14.3f  %14.3f%n", min(devInSample), min(devNested));
        System.out.printf(Locale.ROOT, "split macro-F1 when 'assigned' = the single top-scoring SDG: all %s, fr %s, "
                + "ru %s%n", macro(topOne[0]), macro(topOne[1]), macro(topOne[2]));
        System.out.printf(Locale.ROOT, "split macro-F1 over all held-out prose, process fields included: %s%n",
                allProse);
        System.out.println("(split: model retrained without the held-out indicators, thresholds of the model; macro = "
                + "mean over the SDGs that occur in the held-out texts; '-' = none held out)");
    }

    /**
     * F1 per SDG over texts labelled with one or more SDGs; NaN where the SDG does not occur. With {@code topOne},
     * the prediction is the single best-scoring SDG instead of the assigned list: a threshold-free view of ranking.
     */
    static double[] multiLabelF1(TrainedSdgClassifier classifier, List<Example> texts, boolean topOne) {
        int[] tp = new int[SdgModel.GOALS];
        int[] fp = new int[SdgModel.GOALS];
        int[] fn = new int[SdgModel.GOALS];
        for (Example e : texts) {
            SdgProfile p = classifier.classify(e.text(), e.language(), List.of());
            int best = p.scores().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow().sdg();
            for (int g = 1; g <= SdgModel.GOALS; g++) {
                boolean predicted = topOne ? g == best && p.reason() == null : p.assigned().contains(g);
                boolean label = e.sdgs().contains(g);
                if (predicted && label) {
                    tp[g - 1]++;
                } else if (predicted) {
                    fp[g - 1]++;
                } else if (label) {
                    fn[g - 1]++;
                }
            }
        }
        double[] f1 = new double[SdgModel.GOALS];
        for (int g = 0; g < SdgModel.GOALS; g++) {
            f1[g] = tp[g] + fn[g] == 0 ? Double.NaN : Thresholds.f1(tp[g], fp[g], fn[g]);
        }
        return f1;
    }

    private static String cell(double[] values, int g) {
        return values == null || Double.isNaN(values[g]) ? "-" : String.format(Locale.ROOT, "%.3f", values[g]);
    }

    private static String macro(double[] values) {
        if (values == null) {
            return "-";
        }
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.3f", sum / n);
    }

    private static double min(double[] values) {
        double m = 1;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }
}
