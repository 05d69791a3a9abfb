package org.sdgsearch.classify;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The trained weights: a feature table (hash to column), inverse document frequencies, one linear model per SDG
 * and the per-SDG decision thresholds. Immutable once built, so one instance serves every thread.
 *
 * <p>File format (gzip): magic, version, feature count, feature hashes, idf, then per-SDG bias, threshold, and the
 * weights quantised to 16 bits with one scale per SDG. Quantisation halves the file and changes scores by less
 * than 1e-4.
 */
final class SdgModel {

    static final int GOALS = 17;
    private static final int MAGIC = 0x5344474d; // "SDGM"
    private static final int VERSION = 1;

    private final long[] hashes;   // column -> feature hash
    private final float[] idf;     // column -> idf
    private final float[] weights; // column * GOALS + (goal - 1), feature-major so one pass scores all goals
    private final float[] bias;
    private final float[] thresholds;
    private final int charGrams;   // longest character n-gram, 0 = words only
    private final float charWeight; // norm of the character block relative to the word block
    // Open addressing, hash and column side by side so that a lookup touches one cache line; hash 0 = empty.
    private final long[] table;

    SdgModel(int charGrams, float charWeight, long[] hashes, float[] idf, float[] weights, float[] bias,
             float[] thresholds) {
        if (idf.length != hashes.length || weights.length != hashes.length * GOALS
                || bias.length != GOALS || thresholds.length != GOALS) {
            throw new IllegalArgumentException("inconsistent model dimensions");
        }
        this.charGrams = charGrams;
        this.charWeight = charWeight;
        this.hashes = hashes;
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
        this.thresholds = thresholds;
        int capacity = Integer.highestOneBit(Math.max(4, hashes.length * 2)) << 1;
        this.table = new long[capacity * 2];
        int mask = capacity - 1;
        for (int c = 0; c < hashes.length; c++) {
            int slot = (int) (hashes[c] ^ (hashes[c] >>> 32)) & mask;
            while (table[slot * 2] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot * 2] = hashes[c];
            table[slot * 2 + 1] = c;
        }
    }

    int features() {
        return hashes.length;
    }

    /** Column of a feature hash, or -1 if the model does not know it. */
    int column(long hash) {
        int mask = (table.length >> 1) - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        long k;
        while ((k = table[slot * 2]) != 0) {
            if (k == hash) {
                return (int) table[slot * 2 + 1];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    int charGrams() {
        return charGrams;
    }

    float charWeight() {
        return charWeight;
    }

    boolean isCharGram(int column) {
        return TextFeatures.isCharGram(hashes[column]);
    }

    float idf(int column) {
        return idf[column];
    }

    float weight(int column, int goal) {
        return weights[column * GOALS + goal - 1];
    }

    float threshold(int goal) {
        return thresholds[goal - 1];
    }

    float[] thresholds() {
        return thresholds.clone();
    }

    /** A copy with other thresholds (training tunes them after the weights are fitted). */
    SdgModel withThresholds(float[] newThresholds) {
        return new SdgModel(charGrams, charWeight, hashes, idf, weights, bias, newThresholds.clone());
    }

    /** Probability-like score per goal (index 0 = SDG 1) of a tf-idf vector. */
    double[] scores(SparseVector v) {
        double[] z = new double[GOALS];
        for (int g = 0; g < GOALS; g++) {
            z[g] = bias[g];
        }
        for (int i = 0; i < v.size(); i++) {
            int base = v.column(i) * GOALS;
            double x = v.value(i);
            for (int g = 0; g < GOALS; g++) {
                z[g] += x * weights[base + g];
            }
        }
        for (int g = 0; g < GOALS; g++) {
            z[g] = 1.0 / (1.0 + Math.exp(-z[g]));
        }
        return z;
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out, 1 << 16)));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(charGrams);
        data.writeFloat(charWeight);
        data.writeInt(hashes.length);
        // Sorted hashes compress better and make the file independent of training order.
        Integer[] order = new Integer[hashes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
        long prev = 0;
        for (int c : order) {
            data.writeLong(hashes[c] - prev); // deltas: the high bytes are mostly zero and gzip squeezes them
            prev = hashes[c];
        }
        for (int c : order) {
            data.writeFloat(idf[c]);
        }
        for (int g = 0; g < GOALS; g++) {
            float max = 0;
            for (int c = 0; c < hashes.length; c++) {
                max = Math.max(max, Math.abs(weights[c * GOALS + g]));
            }
            float scale = max == 0 ? 1 : max / Short.MAX_VALUE;
            data.writeFloat(bias[g]);
            data.writeFloat(thresholds[g]);
            data.writeFloat(scale);
            for (int c : order) {
                data.writeShort(Math.round(weights[c * GOALS + g] / scale));
            }
        }
        data.flush();
        data.close();
    }

    static SdgModel read(InputStream in) throws IOException {
        // Bulk reads through a ByteBuffer: per-value DataInputStream calls made loading take seconds.
        DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an SDG model file");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported SDG model version " + version);
        }
        int charGrams = data.readInt();
        float charWeight = data.readFloat();
        int n = data.readInt();
        long[] hashes = new long[n];
        ByteBuffer deltas = block(data, n * 8L);
        long prev = 0;
        for (int c = 0; c < n; c++) {
            prev += deltas.getLong();
            hashes[c] = prev;
        }
        float[] idf = new float[n];
        block(data, n * 4L).asFloatBuffer().get(idf);
        float[] weights = new float[n * GOALS];
        float[] bias = new float[GOALS];
        float[] thresholds = new float[GOALS];
        for (int g = 0; g < GOALS; g++) {
            bias[g] = data.readFloat();
            thresholds[g] = data.readFloat();
            float scale = data.readFloat();
            ShortBuffer quantised = block(data, n * 2L).asShortBuffer();
            for (int c = 0; c < n; c++) {
                weights[c * GOALS + g] = quantised.get() * scale;
            }
        }
        return new SdgModel(charGrams, charWeight, hashes, idf, weights, bias, thresholds);
    }

    private static ByteBuffer block(DataInputStream data, long bytes) throws IOException {
        if (bytes > Integer.MAX_VALUE) {
            throw new IOException("model block too large: " + bytes);
        }
        byte[] b = new byte[(int) bytes];
        data.readFully(b);
        return ByteBuffer.wrap(b); // big-endian, as DataOutputStream wrote it
    }
}
