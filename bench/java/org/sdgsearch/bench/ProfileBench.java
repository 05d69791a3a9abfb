package org.sdgsearch.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.sdgsearch.index.IndexSchema;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.LuceneSearch;
import org.sdgsearch.search.SearchRequest;

/**
 * The search benchmark's query mix run in-process against an existing benchmark index, one thread, no HTTP: the
 * search's own latency by query kind, for comparing changes quickly. {@code bench/run search} stays the figure of
 * record. Arguments: {@code --data DIR} (a data directory made by {@code bench/run search}), {@code --rounds N},
 * {@code --parallel-up-to N} (0: every request on one core, as under load; default: alone, on all cores),
 * {@code --kind K} (only the queries of one kind, e.g. multiword), {@code --slowest N} (the N slowest queries of the
 * last round, with their hits).
 */
public final class ProfileBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path data = Path.of(a.getOrDefault("data", "target/bench-search/docs-1000000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        IndexSchema schema = IndexSchema.load(Path.of("index-schema/schema.yaml"));
        List<String> urls = SearchQueries.mix(new SearchCorpus(seed), 400, seed);
        if (a.containsKey("kind")) {
            urls = urls.stream().filter(u -> SearchQueries.kind(u).equals(a.get("kind"))).toList();
        }
        List<SearchRequest> requests = urls.stream().map(ProfileBench::request).toList();
        try (LuceneIndex index = new LuceneIndex(data.resolve("index"), schema)) {
            LuceneSearch search = new LuceneSearch(index, Map::of);
            if (a.containsKey("parallel-up-to")) {
                search.parallelUpTo(Integer.parseInt(a.get("parallel-up-to")));
            }
            StringBuilder totals = a.containsKey("totals") ? new StringBuilder() : null;
            for (int r = 0; r < rounds; r++) {
                Map<String, List<Double>> byKind = new TreeMap<>();
                List<Double> all = new ArrayList<>();
                long hits = 0;
                long cpu0 = processCpuNanos();
                double[] took = new double[requests.size()];
                long[] found = new long[requests.size()];
                for (int i = 0; i < requests.size(); i++) {
                    long t = System.nanoTime();
                    long total = search.search(requests.get(i)).total();
                    hits += total;
                    if (totals != null && r == 0) {
                        totals.append(urls.get(i)).append('\t').append(total).append('\n');
                    }
                    double ms = (System.nanoTime() - t) / 1e6;
                    took[i] = ms;
                    found[i] = total;
                    all.add(ms);
                    byKind.computeIfAbsent(SearchQueries.kind(urls.get(i)), k -> new ArrayList<>()).add(ms);

                }
                // CPU of the whole process per request (every core, GC and compilation included): a request's work,
                // less sensitive than latency to how fast this machine happens to be today
                double cpuMs = (processCpuNanos() - cpu0) / 1e6 / requests.size();
                System.out.printf(Locale.ROOT,
                        "round %d: p50 %.1f p90 %.1f p99 %.1f mean %.1f ms, CPU %.1f ms per request (hits %d)%n", r,
                        p(all, 50), p(all, 90), p(all, 99), all.stream().mapToDouble(d -> d).average().orElse(0),
                        cpuMs, hits);
                if (r == rounds - 1) {
                    byKind.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-12s n=%3d p50 %6.1f p99 %6.1f%n",
                            k, v.size(), p(v, 50), p(v, 99)));
                    int slowest = Integer.parseInt(a.getOrDefault("slowest", "0"));
                    List<String> asked = urls;
                    java.util.stream.IntStream.range(0, took.length).boxed()
                            .sorted((x, y) -> Double.compare(took[y], took[x])).limit(slowest)
                            .forEach(i -> System.out.printf(Locale.ROOT, "  slow: %6.1f ms %9d hits %-11s %s%n",
                                    took[i], found[i], SearchQueries.kind(asked.get(i)), asked.get(i)));
                }
            }
            search.close();
            if (totals != null) {
                java.nio.file.Files.writeString(Path.of(a.get("totals")), totals);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double p(List<Double> v, int pct) {
        double[] s = v.stream().mapToDouble(d -> d).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.ceil(pct / 100.0 * s.length) - 1)];
    }

    static SearchRequest request(String url) {
        String qs = url.substring(url.indexOf('?') + 1);
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String kv : qs.split("&")) {
            int eq = kv.indexOf('=');
            p.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        List<Integer> sdgs = p.getOrDefault("sdg", List.of()).stream().map(Integer::valueOf).toList();
        List<Integer> years = p.getOrDefault("year", List.of()).stream().map(Integer::valueOf).toList();
        int page = Integer.parseInt(p.getOrDefault("page", List.of("1")).get(0));
        return new SearchRequest(p.getOrDefault("q", List.of("")).get(0), sdgs, p.get("partnership"), p.get("lang"),
                p.get("type"), p.get("country"), years, null, null, SearchRequest.Sort.RELEVANCE, page, 10, true,
                null, false);
    }
}
