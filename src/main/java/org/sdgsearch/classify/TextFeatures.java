package org.sdgsearch.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns text into hashed word unigram and bigram features, with the Lucene analyzer of its language.
 *
 * <p>Features are 64-bit hashes of the analysed (stemmed, stop-word free) terms rather than strings: the model
 * then needs no vocabulary of strings, and classification allocates no string per token. Evidence terms are shown
 * from the document's own words through the token offsets, so nothing is lost for users.
 *
 * <p>Thread-safe: Lucene analyzers reuse their token streams per thread.
 */
final class TextFeatures {

    /** Languages with an analyzer and training data (the six UN languages, plus German and Italian official texts). */
    static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ar", "zh", "ru", "de", "it");

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en", new EnglishAnalyzer(),
            "fr", new FrenchAnalyzer(),
            "es", new SpanishAnalyzer(),
            "ar", new ArabicAnalyzer(),
            "zh", new SmartChineseAnalyzer(),
            "ru", new RussianAnalyzer(),
            "de", new GermanAnalyzer(),
            "it", new ItalianAnalyzer());

    /** Receives each feature of a text in order. */
    interface Sink {
        /**
         * @param hash  the feature's hash (never 0)
         * @param start offset of the feature's first character in the analysed text
         * @param end   offset after its last character
         */
        void accept(long hash, int start, int end);
    }

    private TextFeatures() {
    }

    /** Normalises a language tag ("zh-Hans", "FR") to the code the analyzers are keyed by, or null if unsupported. */
    static String language(String tag) {
        if (tag == null) {
            return null;
        }
        String code = tag.toLowerCase(Locale.ROOT);
        int dash = code.indexOf('-');
        if (dash < 0) {
            dash = code.indexOf('_');
        }
        if (dash > 0) {
            code = code.substring(0, dash);
        }
        return LANGUAGES.contains(code) ? code : null;
    }

    /**
     * Emits the features of {@code text}: each analysed term, and each pair of consecutive terms. Terms made only
     * of digits and punctuation are skipped: indicator codes such as "6.1.1" would otherwise leak the label of
     * metadata texts into the model and mean nothing in a partner's report.
     */
    static void extract(String language, String text, Sink sink) {
        extract(language, text, 0, sink);
    }

    /**
     * As {@link #extract(String, String, Sink)}, plus, when {@code charGrams > 0}, the character n-grams of each
     * term (lengths 3 to {@code charGrams}, with word-boundary marks) so that unseen inflections and compounds
     * still share features with the training texts.
     */
    static void extract(String language, String text, int charGrams, Sink sink) {
        Analyzer analyzer = ANALYZERS.get(language);
        if (analyzer == null) {
            throw new IllegalArgumentException("unsupported language: " + language);
        }
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            long previous = 0;
            int previousStart = 0;
            while (ts.incrementToken()) {
                char[] buffer = term.buffer();
                int length = term.length();
                if (!hasLetter(buffer, length)) {
                    previous = 0;
                    continue;
                }
                long hash = hash(buffer, length);
                int start = offset.startOffset();
                int end = offset.endOffset();
                sink.accept(hash, start, end);
                if (charGrams > 0) {
                    charGrams(buffer, length, charGrams, start, end, sink);
                }
                if (previous != 0) {
                    sink.accept(bigram(previous, hash), previousStart, end);
                }
                previous = hash;
                previousStart = start;
            }
            ts.end();
        } catch (IOException e) {
            // Analysis reads from a String: an IOException here is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    private static void charGrams(char[] term, int length, int max, int start, int end, Sink sink) {
        // Positions -1 and length stand for the word-boundary marks.
        for (int n = 3; n <= max; n++) {
            for (int from = -1; from + n <= length + 1; from++) {
                long h = 0x84222325cbf29ce4L + n;
                for (int i = from; i < from + n; i++) {
                    char c = i < 0 ? '\u0002' : i >= length ? '\u0003' : term[i];
                    h ^= c;
                    h *= 0x100000001b3L;
                }
                sink.accept(mix(h ^ 0x5bd1e9955bd1e995L) | 1L, start, end);
            }
        }
    }

    private static boolean hasLetter(char[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (Character.isLetter(buffer[i])) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the term's chars, finished with a strong mixer so that bigram mixing stays uniform. */
    static long hash(char[] buffer, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h ^= buffer[i];
            h *= 0x100000001b3L;
        }
        return nonZero(mix(h));
    }

    static long hash(String term) {
        return hash(term.toCharArray(), term.length());
    }

    static long bigram(long first, long second) {
        return nonZero(mix(first * 0x9E3779B97F4A7C15L + Long.rotateLeft(second, 29) + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Word features have an even hash, character n-grams an odd one, so each block can be normalised apart. */
    static boolean isCharGram(long hash) {
        return (hash & 1L) != 0;
    }

    private static long nonZero(long h) {
        long even = h & ~1L;
        return even == 0 ? 2 : even;
    }
}
