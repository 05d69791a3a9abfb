package org.sdgsearch.classify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sdgsearch.classify.TrainingData.BenchmarkRow;
import org.sdgsearch.classify.TrainingData.Example;

/**
 * Training command: fits the SDG model on the shared labelled texts and official SDG texts, tunes the per-SDG
 * thresholds on the benchmark dev file (thresholds only, never weights), and writes the model file the app loads.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=org.sdgsearch.classify.Train \
 *     -Dexec.args="--data ../shared/data --out src/main/resources/classify/sdg-model.bin.gz"
 * </pre>
 *
 * Reproducible: the solver is deterministic and the only shuffle (threshold folds) uses {@link #SEED}.
 */
public final class Train {

    /** Seed of every random choice in training and evaluation. */
    public static final long SEED = 20240917L;

    static final String DEFAULT_DATA = "../shared/data";
    static final String DEFAULT_OUT = "src/main/resources/classify/sdg-model.bin.gz";
    static final String DEV = "sdg-benchmark-dev/benchmark-dev.csv";

    private Train() {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        Path data = Path.of(o.get("data", DEFAULT_DATA));
        Path out = Path.of(o.get("out", DEFAULT_OUT));
        Trainer.Settings settings = o.settings();
        long t0 = System.nanoTime();
        List<Example> examples = TrainingData.load(data);
        List<BenchmarkRow> dev = TrainingData.benchmark(data.resolve(DEV));
        SdgModel model = fit(examples, dev, settings, System.out);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.write(os);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%,d bytes, %,d features) in %.1f s%n", out, Files.size(out),
                model.features(), (System.nanoTime() - t0) / 1e9);
    }

    /** Fits the weights on {@code examples}, then tunes the thresholds on the dev rows. */
    static SdgModel fit(List<Example> examples, List<BenchmarkRow> dev, Trainer.Settings settings, PrintStream log) {
        log.printf(Locale.ROOT, "training on %,d texts with %s%n", examples.size(), settings);
        SdgModel weights = Trainer.train(examples, settings);
        double[][] scores = benchmarkScores(new TrainedSdgClassifier(weights), dev);
        int[] all = new int[dev.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Thresholds.Tuned tuned = Thresholds.tune(dev, scores, all, SEED);
        log.printf(Locale.ROOT, "thresholds (shrinkage %.2f towards the global one): %s%n", tuned.shrinkage(),
                format(tuned.thresholds()));
        return weights.withThresholds(tuned.thresholds());
    }

    /** Scores of every benchmark row's text (English) for the 17 goals. */
    static double[][] benchmarkScores(TrainedSdgClassifier classifier, List<BenchmarkRow> rows) {
        double[][] scores = new double[rows.size()][];
        for (int i = 0; i < scores.length; i++) {
            SdgProfile p = classifier.classify(rows.get(i).text(), "en", List.of());
            scores[i] = p.scores().stream().mapToDouble(SdgScore::score).toArray();
        }
        return scores;
    }

    static String format(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : " ").append(i + 1).append('=').append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return sb.toString();
    }

    /** "--name value" command-line options shared by the training and evaluation commands. */
    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option, got " + args[i]);
                }
                String name = args[i].substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    m.put(name, args[++i]);
                } else {
                    m.put(name, "true");
                }
            }
            return new Options(m);
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        Trainer.Settings settings() {
            Trainer.Settings d = Trainer.Settings.defaults();
            return new Trainer.Settings(
                    Double.parseDouble(get("c", Double.toString(d.c()))),
                    Integer.parseInt(get("min-df", Integer.toString(d.minDf()))),
                    Integer.parseInt(get("official-copies", Integer.toString(d.officialCopies()))),
                    Double.parseDouble(get("positive-power", Double.toString(d.positivePower()))),
                    Boolean.parseBoolean(get("process-fields", Boolean.toString(d.processFields()))),
                    Integer.parseInt(get("char-grams", Integer.toString(d.charGrams()))),
                    Double.parseDouble(get("char-weight", Double.toString(d.charWeight()))),
                    Integer.parseInt(get("official-combos", Integer.toString(d.officialCombos()))));
        }
    }
}
