package org.sdgsearch.classify;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text as the model sees it: known feature columns with sublinear tf-idf weights, L2-normalised, plus where each
 * feature first occurs in the text so that evidence can quote the document's own words.
 */
final class SparseVector {

    private final int[] column;
    private final float[] count;
    private final float[] value;
    private final String[] sourceText;
    private final int[] start;
    private final int[] end;

    private SparseVector(int[] column, float[] count, String[] sourceText, int[] start, int[] end, SdgModel model) {
        this.column = column;
        this.count = count;
        this.sourceText = sourceText;
        this.start = start;
        this.end = end;
        this.value = new float[column.length];
        // Words and character n-grams are normalised apart: n-grams are many times more numerous and would
        // otherwise drown the words.
        double wordNorm = 0;
        double charNorm = 0;
        for (int i = 0; i < column.length; i++) {
            // Sublinear tf: a passage that repeats "water" ten times is not ten times more about water.
            double v = (1 + Math.log(count[i])) * model.idf(column[i]);
            value[i] = (float) v;
            if (model.isCharGram(column[i])) {
                charNorm += v * v;
            } else {
                wordNorm += v * v;
            }
        }
        float wordScale = wordNorm > 0 ? (float) (1 / Math.sqrt(wordNorm)) : 0;
        float charScale = charNorm > 0 ? (float) (model.charWeight() / Math.sqrt(charNorm)) : 0;
        for (int i = 0; i < value.length; i++) {
            value[i] *= model.isCharGram(column[i]) ? charScale : wordScale;
        }
    }

    /** Vectorises a text in a supported language; features the model does not know are dropped. */
    static SparseVector of(SdgModel model, String language, String text) {
        Occurrences occ = new Occurrences();
        TextFeatures.extract(language, text, model.charGrams(), (hash, s, e) -> {
            int c = model.column(hash);
            if (c >= 0) {
                occ.add(c, s, e);
            }
        });
        return build(model, text, occ.cols, occ.starts, occ.ends, occ.n);
    }

    private static SparseVector build(SdgModel model, String text, int[] cols, int[] starts, int[] ends, int n) {
        // Count occurrences per column with a small open-addressing table sized to this text: linear time and
        // cache-friendly, where sorting the occurrences cost a third of the classification time.
        int capacity = Integer.highestOneBit(Math.max(8, n * 2)) << 1;
        int mask = capacity - 1;
        int[] keys = new int[capacity];   // column + 1, 0 = empty
        int[] slotOf = new int[capacity]; // index into the output arrays
        int[] column = new int[n];
        float[] count = new float[n];
        int[] start = new int[n];
        int[] end = new int[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            int c = cols[i];
            int slot = (c * 0x9E3779B9) >>> 7 & mask;
            while (keys[slot] != 0 && keys[slot] != c + 1) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == 0) {
                keys[slot] = c + 1;
                slotOf[slot] = distinct;
                column[distinct] = c;
                start[distinct] = starts[i];
                end[distinct] = ends[i];
                distinct++;
            }
            count[slotOf[slot]]++;
        }
        String[] source = new String[distinct];
        Arrays.fill(source, text);
        return new SparseVector(Arrays.copyOf(column, distinct), Arrays.copyOf(count, distinct), source,
                Arrays.copyOf(start, distinct), Arrays.copyOf(end, distinct), model);
    }

    /** The vector of several texts taken together (a whole document from its passages). */
    static SparseVector sum(SdgModel model, List<SparseVector> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<Integer, Integer> slot = new HashMap<>();
        int total = 0;
        for (SparseVector p : parts) {
            total += p.size();
        }
        int[] column = new int[total];
        float[] count = new float[total];
        String[] source = new String[total];
        int[] start = new int[total];
        int[] end = new int[total];
        int n = 0;
        for (SparseVector p : parts) {
            for (int i = 0; i < p.size(); i++) {
                Integer s = slot.get(p.column[i]);
                if (s == null) {
                    slot.put(p.column[i], n);
                    column[n] = p.column[i];
                    count[n] = p.count[i];
                    source[n] = p.sourceText[i];
                    start[n] = p.start[i];
                    end[n] = p.end[i];
                    n++;
                } else {
                    count[s] += p.count[i];
                }
            }
        }
        return new SparseVector(Arrays.copyOf(column, n), Arrays.copyOf(count, n), Arrays.copyOf(source, n),
                Arrays.copyOf(start, n), Arrays.copyOf(end, n), model);
    }

    int size() {
        return column.length;
    }

    int column(int i) {
        return column[i];
    }

    float value(int i) {
        return value[i];
    }

    /** The words of the text that produced feature {@code i} (first occurrence), whitespace collapsed. */
    String surface(int i) {
        String raw = sourceText[i].substring(start[i], end[i]);
        StringBuilder sb = new StringBuilder(raw.length());
        boolean space = false;
        for (int k = 0; k < raw.length(); k++) {
            char ch = raw.charAt(k);
            if (Character.isWhitespace(ch)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(ch);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static final class Occurrences {
        int[] cols = new int[256];
        int[] starts = new int[256];
        int[] ends = new int[256];
        int n;

        void add(int column, int start, int end) {
            if (n == cols.length) {
                cols = Arrays.copyOf(cols, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            cols[n] = column;
            starts[n] = start;
            ends[n] = end;
            n++;
        }
    }
}
