package org.sdgsearch.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.sdgsearch.classify.Evidence;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.classify.SdgScore;
import org.sdgsearch.index.IndexedDocument;

/**
 * A deterministic generator of partnership documents whose shape follows what a crawl of SDG partnerships gives:
 * about 200 partnerships of Zipf-distributed size, each with home goals, countries and a main language; documents
 * mostly in English, mostly web pages with log-normal lengths (median about 500 words) and a tail of long PDFs with
 * pages; years 2005-2026 growing towards now; one to three SDGs per document with scores and evidence.
 * Document {@code i} depends only on {@code i} and the seed, so any thread may generate any document.
 */
final class SearchCorpus {

    static final String[] LANGS = {"en", "fr", "es", "ar", "zh", "ru", "pt", "de"};
    private static final double[] LANG_WEIGHTS = {0.62, 0.12, 0.10, 0.05, 0.04, 0.04, 0.02, 0.01};
    static final String[] TYPES = {"web", "pdf", "word", "slides", "spreadsheet", "text", "ebook"};
    private static final double[] TYPE_WEIGHTS = {0.70, 0.18, 0.05, 0.03, 0.02, 0.01, 0.01};
    private static final String[] MEDIA = {"text/html", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/plain", "application/epub+zip"};
    static final String[] COUNTRIES = ("KE IN BD NG PE SN ET ID BR UG TZ GH ZA MX CO PH VN PK EG MA FR DE GB US "
            + "CH NL SE NO DK CA JP CN RU AR CL BO EC GT HN NI HT MZ MW ZM ZW RW BF ML NE TD CM CI BJ TG SL LR NP LK "
            + "MM KH LA AF YE JO LB").split(" ");
    private static final String[] STAKEHOLDERS = {"civil society", "government", "private sector", "academia",
        "un agency", "foundation", "multilateral bank"};
    /** Relative popularity of SDGs 1..17 among partnership documents. */
    private static final double[] SDG_WEIGHTS = {6, 6, 9, 9, 6, 8, 6, 5, 4, 3, 4, 3, 9, 3, 4, 4, 11};
    static final int PARTNERSHIPS = 200;

    /** One generated partnership. */
    record Partnership(String id, List<Integer> sdgs, List<String> countries, List<String> stakeholders,
                       String lang) {
    }

    final long seed;
    final List<Partnership> partnerships = new ArrayList<>();
    private final double[] partnershipCdf = SearchVocabulary.zipfCdf(PARTNERSHIPS, 1.0);
    private final double[] countryCdf = SearchVocabulary.zipfCdf(COUNTRIES.length, 0.8);
    private final double[] sdgCdf = cdf(SDG_WEIGHTS);
    private final double[] langCdf = cdf(LANG_WEIGHTS);
    private final double[] typeCdf = cdf(TYPE_WEIGHTS);
    private final double[] yearCdf;
    final Map<String, SearchVocabulary> vocab = new LinkedHashMap<>();

    SearchCorpus(long seed) {
        this.seed = seed;
        for (String l : LANGS) {
            vocab.put(l, new SearchVocabulary(l, l.equals("en") ? 60_000 : 20_000, seed));
        }
        double[] yw = new double[2026 - 2005 + 1];
        for (int i = 0; i < yw.length; i++) {
            yw[i] = 1 + i * 0.35; // more documents in recent years
        }
        yearCdf = cdf(yw);
        SplittableRandom r = new SplittableRandom(seed);
        SearchVocabulary en = vocab.get("en");
        for (int p = 0; p < PARTNERSHIPS; p++) {
            List<Integer> sdgs = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            while (sdgs.size() < n) {
                int g = 1 + SearchVocabulary.sample(sdgCdf, r);
                if (!sdgs.contains(g)) {
                    sdgs.add(g);
                }
            }
            List<String> countries = new ArrayList<>();
            int nc = 1 + r.nextInt(3);
            while (countries.size() < nc) {
                String c = COUNTRIES[SearchVocabulary.sample(countryCdf, r)];
                if (!countries.contains(c)) {
                    countries.add(c);
                }
            }
            List<String> st = new ArrayList<>(List.of(STAKEHOLDERS[r.nextInt(STAKEHOLDERS.length)]));
            if (r.nextBoolean()) {
                String s = STAKEHOLDERS[r.nextInt(STAKEHOLDERS.length)];
                if (!st.contains(s)) {
                    st.add(s);
                }
            }
            String lang = LANGS[SearchVocabulary.sample(langCdf, r)];
            String id = String.format(Locale.ROOT, "p%03d-%s", p, en.syntheticRank(2000 + p * 7));
            partnerships.add(new Partnership(id, List.copyOf(sdgs), List.copyOf(countries), List.copyOf(st), lang));
        }
    }

    private static double[] cdf(double[] w) {
        double[] c = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            c[i] = sum;
        }
        for (int i = 0; i < w.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** Document number {@code i}. */
    IndexedDocument document(long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        Partnership p = partnerships.get(SearchVocabulary.sample(partnershipCdf, r));
        List<Partnership> publishers = new ArrayList<>(List.of(p));
        if (r.nextInt(100) < 3) { // the same content published by a second partnership
            Partnership q = partnerships.get(SearchVocabulary.sample(partnershipCdf, r));
            if (q != p) {
                publishers.add(q);
            }
        }
        String lang = r.nextInt(10) < 8 ? p.lang() : LANGS[SearchVocabulary.sample(langCdf, r)];
        int t = SearchVocabulary.sample(typeCdf, r);
        String type = TYPES[t];
        List<Integer> sdgs = new ArrayList<>();
        int nSdgs = r.nextInt(100) < 50 ? 1 : r.nextInt(100) < 70 ? 2 : 3;
        while (sdgs.size() < nSdgs) {
            int g = r.nextInt(10) < 7 ? p.sdgs().get(r.nextInt(p.sdgs().size()))
                    : 1 + SearchVocabulary.sample(sdgCdf, r);
            if (!sdgs.contains(g)) {
                sdgs.add(g);
            }
        }
        SearchVocabulary v = vocab.get(lang);
        int words = words(type, r);
        String text = text(v, sdgs, words, r);
        String title = capitalise(phrase(v, sdgs, 3 + r.nextInt(7), r, 0.5));
        String description = r.nextInt(10) < 7 ? capitalise(phrase(v, sdgs, 15 + r.nextInt(25), r, 0.2)) + "." : "";
        List<String> pages = List.of();
        if (type.equals("pdf") || type.equals("slides")) {
            pages = pages(text, type.equals("pdf") ? 3000 : 600);
        }
        int year = 2005 + SearchVocabulary.sample(yearCdf, r);
        LocalDate day = LocalDate.of(year, 1, 1).plusDays(r.nextInt(365));
        Instant date = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant published = r.nextInt(100) < 85 ? date : null;
        Instant modified = r.nextInt(100) < 60 ? date.plusSeconds(86_400L * r.nextInt(200)) : null;
        Instant fetched = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(r.nextInt(30 * 86_400));
        if (published == null && modified == null) {
            fetched = date; // the only date we have decides the year
        }
        String id = String.format(Locale.ROOT, "%016x", mix(seed, i));
        List<String> urls = new ArrayList<>();
        List<String> partnershipIds = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        List<String> stakeholders = new ArrayList<>();
        for (Partnership pub : publishers) {
            urls.add("https://" + pub.id() + ".example.org/" + (type.equals("web") ? "pages/" : "files/") + id
                    + (type.equals("web") ? ".html" : "." + type));
            partnershipIds.add(pub.id());
            pub.countries().stream().filter(c -> !countries.contains(c)).forEach(countries::add);
            pub.stakeholders().stream().filter(c -> !stakeholders.contains(c)).forEach(stakeholders::add);
        }
        return new IndexedDocument(id, urls, partnershipIds, countries, stakeholders, title, description, text, lang,
                type, MEDIA[t], published, modified, fetched, fetched, r.nextInt(3) == 0 ? "Secretariat" : null,
                pages, profile(sdgs, text, r));
    }

    /** Log-normal lengths: web pages and office files around 500 words, PDFs around 2,500 with a long tail. */
    private static int words(String type, SplittableRandom r) {
        double g = gaussian(r);
        double median = switch (type) {
            case "pdf", "ebook" -> 2500;
            case "slides", "word" -> 900;
            case "spreadsheet" -> 250;
            default -> 500;
        };
        double sigma = type.equals("pdf") || type.equals("ebook") ? 0.9 : 0.7;
        return (int) Math.max(20, Math.min(60_000, median * Math.exp(sigma * g)));
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String text(SearchVocabulary v, List<Integer> sdgs, int words, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(words * 7);
        boolean zh = v.lang.equals("zh");
        int written = 0;
        int sentences = 0;
        while (written < words) {
            int n = Math.min(words - written, 6 + r.nextInt(20));
            String s = phrase(v, sdgs, n, r, 0.12);
            sb.append(zh ? s : capitalise(s)).append(zh ? "。" : ". ");
            written += n;
            if (++sentences % (4 + r.nextInt(5)) == 0) {
                sb.append("\n\n");
            }
        }
        return sb.toString().strip();
    }

    /** {@code n} words: function words, subject words (share {@code subject}) and synthetic words. */
    private static String phrase(SearchVocabulary v, List<Integer> sdgs, int n, SplittableRandom r, double subject) {
        StringBuilder sb = new StringBuilder();
        String sep = v.lang.equals("zh") ? "" : " ";
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble();
            String w = x < subject ? v.subjectWord(r, sdgs)
                    : x < subject + 0.38 ? v.functionWord(r) : v.syntheticWord(r);
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(w);
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        if (s.isEmpty() || !Character.isLowerCase(s.charAt(0))) {
            return s;
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> pages(String text, int charsPerPage) {
        List<String> pages = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + charsPerPage);
            int space = text.indexOf(' ', to);
            to = space < 0 || space - to > 50 ? to : space;
            pages.add(text.substring(from, to));
            from = to;
        }
        return pages;
    }

    /** Assigned goals score 0.5-1; the others 0-0.3; evidence is a passage of the text and subject terms. */
    private static SdgProfile profile(List<Integer> assigned, String text, SplittableRandom r) {
        List<SdgScore> scores = new ArrayList<>();
        for (int g = 1; g <= 17; g++) {
            boolean a = assigned.contains(g);
            double s = a ? 0.5 + 0.5 * r.nextDouble() : 0.3 * r.nextDouble() * r.nextDouble();
            scores.add(new SdgScore(g, Math.round(s * 1000) / 1000.0, a ? Math.round(r.nextDouble() * 100) / 100.0
                    : 0));
        }
        List<Integer> sorted = assigned.stream().sorted().toList();
        List<Evidence> evidence = new ArrayList<>();
        for (int g : sorted) {
            int from = r.nextInt(Math.max(1, text.length() - 300));
            String passage = text.substring(from, Math.min(text.length(), from + 240));
            String[] terms = SearchVocabulary.EN_SDG[g - 1];
            evidence.add(new Evidence(g, List.of(new Evidence.Passage(passage, null, 0.6 + 0.4 * r.nextDouble())),
                    List.of(terms[0], terms[1 % terms.length], terms[2 % terms.length])));
        }
        return new SdgProfile(scores, sorted, evidence, null);
    }

    private static long mix(long seed, long i) {
        long z = seed * 31 + i + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
