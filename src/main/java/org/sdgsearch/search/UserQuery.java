package org.sdgsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The people's query language, parsed without ever failing: words (documents with all words rank first),
 * "phrases", -exclusion, OR between words or phrases, {@code word*} prefixes, and the filters {@code sdg:6},
 * {@code partnership:gpe}, {@code lang:fr}, {@code type:pdf}, {@code country:KE}, {@code year:2019..2024}.
 * Anything else is read as plain words; what we could not honour is reported as a notice.
 *
 * @param groups       required groups: each is a list of alternatives joined by OR (most groups hold one)
 * @param excluded     terms and phrases that must not match
 * @param sdgs         sdg: filters
 * @param partnerships partnership: filters
 * @param languages    lang: filters
 * @param types        type: filters
 * @param countries    country: filters
 * @param yearFrom     lower year bound or null
 * @param yearTo       upper year bound or null
 * @param notices      what was ignored or limited, for the user
 */
public record UserQuery(List<List<Part>> groups, List<Part> excluded, List<Integer> sdgs, List<String> partnerships,
                        List<String> languages, List<String> types, List<String> countries, Integer yearFrom,
                        Integer yearTo, List<String> notices) {

    /** Longest query we read; the rest is dropped with a notice. */
    public static final int MAX_LENGTH = 1000;
    /** Most words and phrases we search for; keeps boolean queries far below Lucene's clause limit. */
    public static final int MAX_PARTS = 32;

    /**
     * A word, a prefix or a phrase.
     *
     * @param text   the word(s), as typed
     * @param phrase whether it was quoted
     * @param prefix whether it ended with '*' (words only)
     */
    public record Part(String text, boolean phrase, boolean prefix) {
    }

    /** Whether the query has anything to match (else it is a browse by filters). */
    public boolean hasTerms() {
        return !groups.isEmpty();
    }

    /** Parses any input; never throws. */
    public static UserQuery parse(String input) {
        List<String> notices = new ArrayList<>();
        String q = input == null ? "" : input;
        if (q.length() > MAX_LENGTH) {
            q = q.substring(0, MAX_LENGTH);
            notices.add("The query was shortened to " + MAX_LENGTH + " characters.");
        }
        List<List<Part>> groups = new ArrayList<>();
        List<Part> excluded = new ArrayList<>();
        List<Integer> sdgs = new ArrayList<>();
        List<String> partnerships = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        Integer[] years = new Integer[2];
        boolean orPending = false;
        int parts = 0;

        List<Token> tokens = tokenize(q);
        for (Token t : tokens) {
            if (!t.quoted && t.text.equals("OR")) {
                orPending = !groups.isEmpty();
                continue;
            }
            if (!t.quoted && !t.negated && filter(t.text, sdgs, partnerships, languages, types, countries, years,
                    notices)) {
                orPending = false;
                continue;
            }
            Part part = part(t, notices);
            if (part == null) {
                continue;
            }
            if (++parts > MAX_PARTS) {
                if (parts == MAX_PARTS + 1) {
                    notices.add("Only the first " + MAX_PARTS + " words and phrases were used.");
                }
                continue;
            }
            if (t.negated) {
                excluded.add(part);
                orPending = false;
            } else if (orPending) {
                groups.get(groups.size() - 1).add(part);
                orPending = false;
            } else {
                List<Part> g = new ArrayList<>();
                g.add(part);
                groups.add(g);
            }
        }
        return new UserQuery(groups.stream().map(List::copyOf).toList(), List.copyOf(excluded), List.copyOf(sdgs),
                List.copyOf(partnerships), List.copyOf(languages), List.copyOf(types), List.copyOf(countries),
                years[0], years[1], List.copyOf(notices));
    }

    private record Token(String text, boolean quoted, boolean negated) {
    }

    private static List<Token> tokenize(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1))) {
                negated = true;
                i++;
                c = q.charAt(i);
            }
            if (c == '"') {
                int end = q.indexOf('"', i + 1);
                // An unbalanced quote is read as if it were closed at the end: broken syntax falls back to words.
                String phrase = end < 0 ? q.substring(i + 1) : q.substring(i + 1, end);
                i = end < 0 ? n : end + 1;
                if (!phrase.isBlank()) {
                    out.add(new Token(phrase.trim(), true, negated));
                }
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != '"') {
                i++;
            }
            out.add(new Token(q.substring(start, i), false, negated));
        }
        return out;
    }

    private static boolean filter(String token, List<Integer> sdgs, List<String> partnerships, List<String> languages,
                                  List<String> types, List<String> countries, Integer[] years, List<String> notices) {
        int colon = token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1) {
            return false;
        }
        String key = token.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = token.substring(colon + 1);
        switch (key) {
            case "sdg" -> {
                for (String v : value.split(",")) {
                    Integer g = intOrNull(v);
                    if (g != null && g >= 1 && g <= 17) {
                        sdgs.add(g);
                    } else {
                        notices.add("Ignored sdg:" + v + " (SDGs are 1 to 17).");
                    }
                }
            }
            case "partnership" -> partnerships.add(value.toLowerCase(Locale.ROOT));
            case "lang", "language" -> languages.add(value.toLowerCase(Locale.ROOT));
            case "type" -> types.add(value.toLowerCase(Locale.ROOT));
            case "country" -> countries.add(value.toUpperCase(Locale.ROOT));
            case "year" -> {
                String[] range = value.split("\\.\\.", -1);
                Integer from = intOrNull(range[0]);
                Integer to = range.length > 1 ? intOrNull(range[1]) : from;
                if ((from == null && (range.length == 1 || !range[0].isEmpty()))
                        || (to == null && range.length > 1 && !range[1].isEmpty())) {
                    notices.add("Ignored year:" + value + " (use year:2020 or year:2019..2024).");
                } else {
                    years[0] = from;
                    years[1] = range.length > 1 && range[1].isEmpty() ? null : to;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Part part(Token t, List<String> notices) {
        if (t.quoted) {
            return new Part(t.text, true, false);
        }
        String w = t.text;
        if (w.startsWith("/") && w.endsWith("/") && w.length() > 1) {
            notices.add("Regular expressions are not supported; searched for the words instead.");
            w = w.substring(1, w.length() - 1);
        }
        if (w.startsWith("*") || w.startsWith("?")) {
            notices.add("Leading wildcards are not supported: searched for '" + w.replaceAll("^[*?]+", "") + "'.");
        }
        boolean prefix = w.endsWith("*");
        String core = w.replaceAll("[*?]", "");
        if (core.isBlank()) {
            return null;
        }
        if (prefix && core.codePointCount(0, core.length()) < 3) {
            notices.add("Prefixes need at least 3 letters: searched for '" + core + "'.");
            prefix = false;
        }
        return new Part(core, false, prefix);
    }

    private static Integer intOrNull(String s) {
        try {
            return s.isEmpty() || s.length() > 9 ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
