package org.sdgsearch.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Guards the committed model against regressions on the shared benchmark dev file, when it is present. */
class BenchmarkDevTest {

    private static final Path DEV = Path.of("../shared/data").resolve(Train.DEV);

    @Test
    void committedModelKeepsItsDevScore() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DEV), "no shared data at " + DEV);
        List<TrainingData.BenchmarkRow> rows = TrainingData.benchmark(DEV);
        TrainedSdgClassifier classifier = TrainedSdgClassifier.load();
        double[][] scores = Train.benchmarkScores(classifier, rows);
        int[] all = java.util.stream.IntStream.range(0, rows.size()).toArray();
        double[] f1 = Thresholds.f1PerSdg(rows, scores, all, classifier.model().thresholds());
        double macro = Thresholds.mean(f1);
        // In-sample (the thresholds were tuned on this file): a drop means the model or the pipeline changed.
        assertTrue(macro >= 0.85, "macro-F1 " + macro);
        for (double v : f1) {
            assertTrue(v >= 0.70, "an SDG below 0.70: " + java.util.Arrays.toString(f1));
        }
    }
}
