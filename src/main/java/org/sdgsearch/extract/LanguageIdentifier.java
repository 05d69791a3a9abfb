package org.sdgsearch.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;

/**
 * Detects the dominant language of a text as an ISO 639-1 code, using Tika's OpenNLP detector.
 *
 * <p>OpenNLP answers in ISO 639-3 ("eng", "cmn", "arb"...); we map to the two-letter codes the index and the UI
 * use. Long texts are sampled in several windows spread over the text and each window votes with its confidence,
 * so a report with an English preface and a French body comes out French. When the detector is unsure or the text
 * is short, the declared language (html lang, Content-Language) breaks the tie.
 */
final class LanguageIdentifier {

    static final String UNDETERMINED = "und";

    private static final int WINDOWS = 5;
    private static final int WINDOW_CHARS = 2_000;
    // Below this many letters the n-gram statistics are noise, and a declared language is more trustworthy.
    private static final int SHORT_TEXT_LETTERS = 60;
    // Best score at least this many times the runner-up's counts as a sure answer for a window.
    private static final double SURE_MARGIN = 1.15;
    // The declared language wins when it got at least this share of the winner's votes.
    private static final double TIE = 0.6;

    // ISO 639-3 individual languages that OpenNLP uses where ISO 639-1 has a code for the macrolanguage.
    private static final Map<String, String> MACRO = Map.ofEntries(
            Map.entry("cmn", "zh"), Map.entry("yue", "zh"), Map.entry("wuu", "zh"), Map.entry("arb", "ar"),
            Map.entry("pes", "fa"), Map.entry("prs", "fa"), Map.entry("zlm", "ms"), Map.entry("zsm", "ms"),
            Map.entry("ekk", "et"), Map.entry("lvs", "lv"), Map.entry("khk", "mn"), Map.entry("uzn", "uz"),
            Map.entry("swh", "sw"), Map.entry("azj", "az"), Map.entry("nob", "nb"), Map.entry("nno", "nn"),
            Map.entry("npi", "ne"), Map.entry("ory", "or"), Map.entry("pbu", "ps"), Map.entry("plt", "mg"),
            Map.entry("gug", "gn"), Map.entry("pnb", "pa"), Map.entry("ckb", "ku"), Map.entry("quz", "qu"),
            Map.entry("quy", "qu"), Map.entry("ydd", "yi"), Map.entry("als", "sq"));

    private static final Map<String, String> ISO3_TO_ISO1 = buildIso3Map();

    private final LanguageDetector prototype;

    LanguageIdentifier() {
        try {
            // The 23 MB model is static inside OpenNLPDetector; loading it here makes the cost visible at startup
            // instead of on the first crawled page.
            this.prototype = new OpenNLPDetector().loadModels();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP language model", e);
        }
    }

    /**
     * The dominant language of the text, or {@code "und"}.
     *
     * @param text     extracted text
     * @param declared the declared language tag (e.g. "en-GB"), or null
     */
    String identify(String text, String declared) {
        String declaredCode = normalise(declared);
        int letters = countLetters(text, SHORT_TEXT_LETTERS);
        if (letters < SHORT_TEXT_LETTERS && declaredCode != null) {
            return declaredCode;
        }
        if (letters == 0) {
            return UNDETERMINED;
        }
        // OpenNLP's scores are spread over ~100 languages and tiny in absolute terms; what tells a sure answer
        // from a guess is how far the best language is ahead of the runner-up.
        Map<String, Double> sure = new HashMap<>();
        Map<String, Double> guesses = new HashMap<>();
        for (String window : windows(text)) {
            List<LanguageResult> results = detect(window);
            if (results.isEmpty() || results.get(0).getLanguage().isEmpty()) {
                continue;
            }
            String best = toIso1(results.get(0).getLanguage());
            double margin = results.size() < 2 ? Double.MAX_VALUE
                    : results.get(0).getRawScore() / Math.max(1e-9, results.get(1).getRawScore());
            (margin >= SURE_MARGIN ? sure : guesses).merge(best, (double) window.length(), Double::sum);
        }
        Map<String, Double> votes = sure.isEmpty() ? guesses : sure;
        if (votes.isEmpty()) {
            return declaredCode == null ? UNDETERMINED : declaredCode;
        }
        Map.Entry<String, Double> winner = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        if (declaredCode != null) {
            if (sure.isEmpty()) {
                return declaredCode;
            }
            // A close race between the detected and the declared language goes to the declared one.
            if (votes.getOrDefault(declaredCode, 0.0) >= TIE * winner.getValue()) {
                return declaredCode;
            }
        }
        return winner.getKey();
    }

    private List<LanguageResult> detect(String window) {
        try {
            // Instances buffer text, so each call gets its own; the model behind them is shared and immutable.
            LanguageDetector detector = prototype.loadModels();
            detector.addText(window);
            return detector.detectAll();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Windows that each get a vote. Short texts are cut into consecutive pieces, long ones sampled at evenly spaced
     * places; the detector alone would decide on the first few hundred characters it sees.
     */
    static List<String> windows(String text) {
        int n = Math.max(1, Math.min(WINDOWS, text.length() / (WINDOW_CHARS / 2)));
        int size = Math.min(WINDOW_CHARS, (text.length() + n - 1) / n);
        long step = n == 1 ? 0 : (text.length() - size) / (n - 1);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int start = (int) (i * step);
            int end = Math.min(text.length(), start + size);
            // Cut at spaces so that no window starts or ends inside a word (scripts without spaces cut anywhere).
            int s = start == 0 ? -1 : text.indexOf(' ', start);
            start = s < 0 || s > start + 100 ? start : s + 1;
            int e = end == text.length() ? -1 : text.lastIndexOf(' ', end);
            end = e < start + size / 2 ? end : e;
            out[i] = text.substring(start, Math.max(start, end));
        }
        return List.of(out);
    }

    /** A language tag or code reduced to its primary language subtag, lower case; null when unusable. */
    static String normalise(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.trim().replace('_', '-');
        int comma = t.indexOf(',');
        if (comma >= 0) {
            t = t.substring(0, comma).trim();
        }
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) {
            t = t.substring(0, semicolon).trim();
        }
        String primary = Locale.forLanguageTag(t).getLanguage();
        if (primary.isEmpty() || primary.length() > 3) {
            return null;
        }
        return primary.length() == 3 ? ISO3_TO_ISO1.getOrDefault(primary, primary) : primary;
    }

    /** Maps an OpenNLP (ISO 639-3) code to ISO 639-1 where one exists. */
    static String toIso1(String iso3) {
        String code = iso3.toLowerCase(Locale.ROOT);
        // "zho-simp", "zho-trad", "hin-rom", "mya-zaw": script variants of one language.
        int dash = code.indexOf('-');
        if (dash > 0) {
            code = code.substring(0, dash);
        }
        String macro = MACRO.get(code);
        if (macro != null) {
            return macro;
        }
        return ISO3_TO_ISO1.getOrDefault(code, code);
    }

    private static Map<String, String> buildIso3Map() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                String iso3 = new Locale(iso1).getISO3Language();
                if (!iso3.isEmpty()) {
                    map.put(iso3, iso1);
                }
            } catch (MissingResourceException e) {
                // no three-letter code known for this language
            }
        }
        // Java knows only the terminology codes; a few bibliographic ones show up in documents too.
        map.putIfAbsent("fre", "fr");
        map.putIfAbsent("ger", "de");
        map.putIfAbsent("chi", "zh");
        map.putIfAbsent("dut", "nl");
        map.putIfAbsent("per", "fa");
        return Map.copyOf(map);
    }

    private static int countLetters(String text, int enough) {
        int n = 0;
        for (int i = 0; i < text.length() && n < enough; i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
