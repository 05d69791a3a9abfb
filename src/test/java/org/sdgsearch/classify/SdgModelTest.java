package org.sdgsearch.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdgModelTest {

    @Test
    void writtenModelReadsBackWithTheSameScores() throws IOException {
        Random random = new Random(7);
        int n = 50;
        long[] hashes = new long[n];
        float[] idf = new float[n];
        float[] weights = new float[n * SdgModel.GOALS];
        for (int i = 0; i < n; i++) {
            hashes[i] = random.nextLong() | 2; // any non-zero hash
            idf[i] = 1 + random.nextFloat();
        }
        hashes[0] = TextFeatures.hash("water");
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        float[] bias = new float[SdgModel.GOALS];
        float[] thresholds = new float[SdgModel.GOALS];
        for (int g = 0; g < SdgModel.GOALS; g++) {
            bias[g] = -g / 10f;
            thresholds[g] = 0.1f + g / 100f;
        }
        SdgModel model = new SdgModel(5, 0.5f, hashes, idf, weights, bias, thresholds);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        SdgModel copy = SdgModel.read(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(n, copy.features());
        assertEquals(5, copy.charGrams());
        assertArrayEquals(thresholds, copy.thresholds());
        SparseVector v = SparseVector.of(model, "en", "Water, water everywhere");
        SparseVector w = SparseVector.of(copy, "en", "Water, water everywhere");
        assertEquals(v.size(), w.size());
        double[] a = model.scores(v);
        double[] b = copy.scores(w);
        for (int g = 0; g < SdgModel.GOALS; g++) {
            assertEquals(a[g], b[g], 1e-4);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(model.weight(i, 3), copy.weight(copy.column(hashes[i]), 3), 1e-3);
        }
    }

    @Test
    void otherFilesAreRefused() {
        assertThrows(IOException.class, () -> SdgModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    }
}
