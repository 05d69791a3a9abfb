package org.sdgsearch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fixed, seeded query mix of the search benchmark, as {@code /api/search} URLs. Every response is highlighted
 * and faceted (the API always does both); the kinds are weighted as people search: mostly one to three words,
 * some phrases, filters written in the query, facet selections and a few browses without words.
 */
final class SearchQueries {

    static final List<String> KINDS = List.of("keyword", "multiword", "prefix", "rare", "phrase", "filtered",
            "faceted", "browse", "non-english");
    private static final Map<String, String> KIND = new HashMap<>();

    private SearchQueries() {
    }

    static synchronized String kind(String url) {
        return KIND.getOrDefault(url, "?");
    }

    static synchronized List<String> mix(SearchCorpus corpus, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        SearchVocabulary en = corpus.vocab.get("en");
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            int x = r.nextInt(100);
            int g = 1 + r.nextInt(17);
            String[] topic = SearchVocabulary.EN_SDG[g - 1];
            String kind;
            StringBuilder url = new StringBuilder("/api/search?q=");
            if (x < 22) {
                kind = "keyword";
                url.append(SearchBench.enc(single(topic, r)));
            } else if (x < 38) {
                kind = "multiword";
                String q = single(topic, r) + " " + single(topic, r);
                if (r.nextBoolean()) {
                    q += " " + SearchVocabulary.EN_GENERAL[r.nextInt(SearchVocabulary.EN_GENERAL.length)];
                }
                url.append(SearchBench.enc(q));
            } else if (x < 42) {
                kind = "prefix";
                String w = single(topic, r);
                url.append(SearchBench.enc(w.substring(0, Math.min(w.length(), 3 + r.nextInt(3))) + "*"));
            } else if (x < 47) {
                kind = "rare";
                url.append(SearchBench.enc(en.syntheticRank(500 + r.nextInt(20_000)) + " " + single(topic, r)));
            } else if (x < 57) {
                kind = "phrase";
                String p = topic[r.nextInt(topic.length)];
                if (!p.contains(" ")) {
                    p = SearchVocabulary.EN_GENERAL[r.nextInt(9)] + " " + p;
                }
                url.append(SearchBench.enc("\"" + p + "\""));
            } else if (x < 74) {
                kind = "filtered";
                String filter = switch (r.nextInt(5)) {
                    case 0 -> "sdg:" + g;
                    case 1 -> "lang:" + (r.nextBoolean() ? "en" : "fr");
                    case 2 -> "year:" + (2010 + r.nextInt(10)) + ".." + (2020 + r.nextInt(7));
                    case 3 -> "type:pdf";
                    default -> "country:" + SearchCorpus.COUNTRIES[r.nextInt(12)];
                };
                url.append(SearchBench.enc(single(topic, r) + " " + filter));
            } else if (x < 90) {
                kind = "faceted";
                url.append(SearchBench.enc(single(topic, r)));
                switch (r.nextInt(4)) {
                    case 0 -> url.append("&sdg=").append(g).append("&sdg=").append(1 + r.nextInt(17));
                    case 1 -> url.append("&lang=en&lang=fr");
                    case 2 -> url.append("&sdg=").append(g).append("&type=pdf&type=word");
                    default -> url.append("&partnership=").append(corpus.partnerships.get(r.nextInt(20)).id())
                            .append("&country=").append(SearchCorpus.COUNTRIES[r.nextInt(8)]);
                }
            } else if (x < 95) {
                kind = "browse";
                url.append("&sdg=").append(g);
                if (r.nextBoolean()) {
                    url.append("&year=").append(2015 + r.nextInt(11));
                }
            } else {
                kind = "non-english";
                String lang = r.nextBoolean() ? "fr" : "es";
                List<String> words = corpus.vocab.get(lang).subjectWords();
                url.append(SearchBench.enc(words.get(r.nextInt(words.size())) + " lang:" + lang));
            }
            if (r.nextInt(10) == 0) {
                url.append("&page=2");
            }
            String u = url.toString();
            if (!KIND.containsKey(u)) {
                KIND.put(u, kind);
                out.add(u);
            }
        }
        return out;
    }

    /** One word of a goal's subject words (a phrase entry gives its last word). */
    private static String single(String[] topic, SplittableRandom r) {
        String w = topic[r.nextInt(topic.length)];
        int space = w.lastIndexOf(' ');
        return space < 0 ? w : w.substring(space + 1);
    }
}
