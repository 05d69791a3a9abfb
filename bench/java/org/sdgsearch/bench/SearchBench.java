package org.sdgsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.sdgsearch.index.IndexSchema;
import org.sdgsearch.index.LuceneIndex;

/**
 * The search benchmark: generates an index of N partnership documents (or reuses the one generated before with the
 * same N, seed and schema), starts the real application on it as a child process with a 1 GB heap, and measures a
 * fixed, seeded query mix over HTTP: p50/p99 latency and throughput at 1 and 8 closed-loop clients, the server's
 * heap and the index size on disk.
 *
 * <pre>
 * bench/run search [--docs 1000000] [--duration 30] [--warmup 30] [--clients 1,8] [--data DIR] [--regenerate]
 *                  [--xmx 1g] [--index-threads 2] [--seed 42] [--jfr FILE.jfr] [--driver lean|jdk]
 *                  [--corpus docs.jsonl] [--generate-only] [--server-opts "JVM options of the server"]
 * </pre>
 * {@code --corpus} indexes peer-bench's generated corpus instead (the documents the Solr comparison indexes);
 * {@code --generate-only} stops once the index is built.
 * <pre>
 * </pre>
 * The application must be built (bench/run does: {@code mvn -DskipTests package}).
 */
public final class SearchBench {

    private static final int GENERATOR_VERSION = 1;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        long docs = Long.parseLong(a.getOrDefault("docs", "1000000").replace("_", ""));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        int duration = Integer.parseInt(a.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "30"));
        int[] clients = Arrays.stream(a.getOrDefault("clients", "1,8").split(",")).mapToInt(Integer::parseInt).toArray();
        String xmx = a.getOrDefault("xmx", "1g");
        driver = a.getOrDefault("driver", "lean");
        if (!driver.equals("lean") && !driver.equals("jdk")) {
            throw new IllegalArgumentException("--driver must be lean or jdk, got " + driver);
        }
        int indexThreads = Integer.parseInt(a.getOrDefault("index-threads", "2"));
        Path data = Path.of(a.getOrDefault("data", "target/bench-search/docs-" + docs)).toAbsolutePath();
        IndexSchema schema = IndexSchema.load(Path.of("index-schema/schema.yaml"));

        SearchCorpus corpus = new SearchCorpus(seed);
        String generation = a.containsKey("corpus")
                ? importPeer(Path.of(a.get("corpus")), data, schema, indexThreads, a.containsKey("regenerate"))
                : generate(corpus, docs, data, schema, indexThreads, a.containsKey("regenerate"));
        long indexBytes = size(data.resolve("index"));
        if (a.containsKey("generate-only")) {
            System.out.printf(Locale.ROOT, "Index: %s (%.2f GB)%n", data.resolve("index"), indexBytes / 1e9);
            return;
        }

        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the application first: mvn -DskipTests package");
        }
        List<String> queries = SearchQueries.mix(corpus, 400, seed);
        int port = freePort();
        Path log = data.getParent().resolve("server-" + docs + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-Xms" + xmx, "-XX:+UseG1GC"));
        if (a.containsKey("jfr")) {
            // A flight recording of the whole server run, for finding where the time goes.
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(a.get("jfr")).toAbsolutePath());
        }
        if (a.containsKey("server-opts")) {
            // Extra JVM options of the server, e.g. a setting to compare both ways.
            cmd.addAll(List.of(a.get("server-opts").trim().split("\\s+")));
        }
        // No crawl at start and no scheduled recrawl: a crawl during the run would change the index and the figures.
        cmd.addAll(List.of("-Dsdg.data-dir=" + data, "-Dsdg.crawl.on-start=false", "-Dsdg.schedule.enabled=false",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.file.enabled=false", "-jar", jar.toString()));
        System.out.printf(Locale.ROOT, "Starting the application (-Xmx%s) on port %d, log %s%n", xmx, port, log);
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        String base = "http://127.0.0.1:" + port;
        try {
            long started = System.nanoTime();
            awaitReady(base, server, log);
            System.out.printf(Locale.ROOT, "Ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            HeapProbe heap = new HeapProbe(base);
            heap.start();
            // The JIT needs thousands of requests before the search path is compiled: warm up for the given time
            // and at least until every query ran three times (on a busy machine that takes longer than the time).
            long w0 = System.nanoTime();
            int warmed = 0;
            while (warmed < 3 * queries.size() || (System.nanoTime() - w0) / 1e9 < warmup) {
                warmed += run(base, queries, 2, Math.max(5, warmup / 4), warmed).nanos().length;
                if ((System.nanoTime() - w0) / 1e9 > 600) {
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "Warmed up with %d requests in %.0f s (2 clients)%n", warmed,
                    (System.nanoTime() - w0) / 1e9);
            List<Row> rows = new ArrayList<>();
            Map<Integer, double[]> serverTimes = new LinkedHashMap<>();
            for (int c : clients) {
                double[] before = serverTimes(base);
                Row row = run(base, queries, c, duration, 1000 + c);
                double[] after = serverTimes(base);
                serverTimes.put(c, new double[] {(after[0] - before[0]) / Math.max(1, after[1] - before[1]),
                    (after[2] - before[2]) / Math.max(1, after[3] - before[3])});
                rows.add(row);
                System.out.printf(Locale.ROOT, "  %d client(s): %.1f q/s, p50 %.1f ms, p99 %.1f ms%n", c,
                        row.throughput(), row.p(50), row.p(99));
            }
            heap.stop();
            String heapInfo = jcmd(server.pid());
            print(docs, generation, indexBytes, data, rows, heap, heapInfo, xmx, queries.size(), serverTimes);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    // ----- index generation

    private static String generate(SearchCorpus corpus, long docs, Path data, IndexSchema schema, int threads,
                                   boolean regenerate) throws Exception {
        String wanted = "docs=" + docs + ",seed=" + corpus.seed + ",generator=" + GENERATOR_VERSION + ",schema="
                + schema.fingerprint();
        String took = regenerate ? null : builtWith(data, wanted);
        if (took != null) {
            System.out.printf(Locale.ROOT, "Reusing the index of %,d documents in %s (generated in %s s)%n",
                    docs, data, took);
            return "reused; generated in " + took + " s";
        }
        deleteTree(data);
        Files.createDirectories(data);
        System.out.printf(Locale.ROOT, "Generating %,d documents into %s with %d threads%n", docs, data, threads);
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        AtomicLong chars = new AtomicLong();
        try (LuceneIndex index = new LuceneIndex(data.resolve("index"), schema)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < docs; i = next.getAndIncrement()) {
                        var d = corpus.document(i);
                        chars.addAndGet(d.text().length());
                        index.put(d);
                        if ((i + 1) % 50_000 == 0) {
                            double s = (System.nanoTime() - start) / 1e9;
                            System.out.printf(Locale.ROOT, "  %,d documents, %.0f s, %.0f docs/s, %.0f MB text%n",
                                    i + 1, s, (i + 1) / s, chars.get() / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            index.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Generated %,d documents (%.0f MB of text) in %.0f s (%.0f docs/s)%n", docs,
                chars.get() / 1e6, seconds, docs / seconds);
        recordBuild(data, wanted, seconds);
        return String.format(Locale.ROOT, "generated in %.0f s, %.0f MB of text", seconds, chars.get() / 1e6);
    }

    /** The seconds the index in {@code data} took to build, if it was built for {@code key}; else null. */
    private static String builtWith(Path data, String key) throws IOException {
        Path meta = data.resolve("bench-meta.properties");
        if (!Files.exists(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        return key.equals(p.getProperty("key")) ? p.getProperty("seconds") : null;
    }

    /** Records what the index in {@code data} was built for, so a later run with the same key reuses it. */
    private static void recordBuild(Path data, String key, double seconds) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("seconds", String.format(Locale.ROOT, "%.0f", seconds));
        try (var out = Files.newOutputStream(data.resolve("bench-meta.properties"))) {
            p.store(out, "SearchBench index");
        }
    }

    /** Indexes peer-bench's docs.jsonl (the Solr comparison's corpus) instead of generated documents. */
    private static String importPeer(Path jsonl, Path data, IndexSchema schema, int threads, boolean regenerate)
            throws Exception {
        String wanted = "corpus=" + jsonl.toAbsolutePath() + ",bytes=" + Files.size(jsonl) + ",schema="
                + schema.fingerprint();
        String took = regenerate ? null : builtWith(data, wanted);
        if (took != null) {
            System.out.printf(Locale.ROOT, "Reusing the index of %s in %s%n", jsonl, data);
            return "reused; indexed in " + took + " s";
        }
        deleteTree(data);
        Files.createDirectories(data);
        System.out.printf(Locale.ROOT, "Indexing %s into %s with %d threads%n", jsonl, data, threads);
        long start = System.nanoTime();
        AtomicLong count = new AtomicLong();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.ArrayBlockingQueue<>(2_000);
        String end = "\u0000end";
        try (LuceneIndex index = new LuceneIndex(data.resolve("index"), schema)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (String line = lines.take(); !line.equals(end); line = lines.take()) {
                        index.put(PeerCorpus.document(line));
                        long n = count.incrementAndGet();
                        if (n % 50_000 == 0) {
                            double sec = (System.nanoTime() - start) / 1e9;
                            System.out.printf(Locale.ROOT, "  %,d documents, %.0f s, %.0f docs/s%n", n, sec, n / sec);
                        }
                    }
                    return null;
                }));
            }
            try (var reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        lines.put(line);
                    }
                }
            }
            for (int t = 0; t < threads; t++) {
                lines.put(end);
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            index.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Indexed %,d documents in %.0f s (%.0f docs/s)%n", count.get(), seconds,
                count.get() / seconds);
        recordBuild(data, wanted, seconds);
        return String.format(Locale.ROOT, "%,d peer-bench documents indexed in %.0f s", count.get(), seconds);
    }

    // ----- load

    /** Results of one closed-loop run. */
    record Row(int clients, int seconds, long[] nanos, long errors, Map<String, long[]> byKind) {
        double throughput() {
            return nanos.length / (double) seconds;
        }

        double p(double pct) {
            return percentile(nanos, pct);
        }
    }

    static double percentile(long[] sorted, double pct) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** The load driver: "lean" ({@link LeanHttpClient}, the default) or "jdk" ({@code java.net.http}). */
    private static String driver = "lean";

    private static void record(List<long[]> out, AtomicLong errors, long nanos, int q, List<String> queries,
                               int status, byte[] body) {
        if (status != 200) {
            if (errors.incrementAndGet() <= 3) {
                System.out.println("  HTTP " + status + " for " + queries.get(q) + ": "
                        + new String(body, StandardCharsets.UTF_8));
            }
        } else {
            out.add(new long[] {nanos, q});
        }
    }

    private static Row run(String base, List<String> queries, int clients, int seconds, long seed) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<long[]>>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            int offset = (int) ((seed * 7919 + c * 101L) % queries.size());
            futures.add(pool.submit(() -> {
                List<long[]> out = new ArrayList<>(); // {nanos, query index}
                if (driver.equals("jdk")) {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    for (int q = offset; System.nanoTime() < end; q = (q + 1) % queries.size()) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + queries.get(q)))
                                .timeout(Duration.ofSeconds(30)).GET().build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            record(out, errors, System.nanoTime() - t0, q, queries, resp.statusCode(), resp.body());
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                    return out;
                }
                try (LeanHttpClient http = new LeanHttpClient(URI.create(base), 30_000)) {
                    for (int q = offset; System.nanoTime() < end; q = (q + 1) % queries.size()) {
                        long t0 = System.nanoTime();
                        try {
                            LeanHttpClient.Response resp = http.get(queries.get(q));
                            record(out, errors, System.nanoTime() - t0, q, queries, resp.status(), resp.body());
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return out;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<List<long[]>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long[] nanos = all.stream().mapToLong(x -> x[0]).sorted().toArray();
        Map<String, List<Long>> kinds = new LinkedHashMap<>();
        for (long[] x : all) {
            kinds.computeIfAbsent(SearchQueries.kind(queries.get((int) x[1])), k -> new ArrayList<>()).add(x[0]);
        }
        Map<String, long[]> byKind = new LinkedHashMap<>();
        kinds.forEach((k, v) -> byKind.put(k, v.stream().mapToLong(Long::longValue).sorted().toArray()));
        return new Row(clients, seconds, nanos, errors.get(), byKind);
    }

    // ----- server

    private static void awaitReady(String base, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The application exited (" + server.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The application was not ready within 5 minutes; see " + log);
    }

    /** Samples the server's used heap (sum of the heap pools) from its Prometheus metrics once a second. */
    static final class HeapProbe {
        private final String base;
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile boolean running = true;
        private volatile long max;
        private final List<Long> samples = new ArrayList<>();
        private Thread thread;

        HeapProbe(String base) {
            this.base = base;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        long used = 0;
                        for (String line : body.split("\n")) {
                            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                            }
                        }
                        synchronized (samples) {
                            samples.add(used);
                        }
                        max = Math.max(max, used);
                        Thread.sleep(1000);
                    } catch (IOException e) {
                        // skip a sample
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-probe");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }

        long max() {
            return max;
        }

        long median() {
            synchronized (samples) {
                long[] s = samples.stream().mapToLong(Long::longValue).sorted().toArray();
                return s.length == 0 ? 0 : s[s.length / 2];
            }
        }
    }

    private static String jcmd(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.contains("garbage-first heap") || l.contains("total")).findFirst()
                    .orElse(out.strip()).strip();
        } catch (IOException | InterruptedException e) {
            return "jcmd unavailable: " + e.getMessage();
        }
    }

    // ----- report

    /**
     * The server's own totals from /q/metrics: {search seconds, searches, /api/search handling seconds, requests}
     * (the search timer around the engine, and Quarkus' HTTP timer around the whole request).
     */
    static double[] serverTimes(String base) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double[] t = new double[4];
        for (String line : body.split("\n")) {
            if (!line.startsWith("sdg_search_seconds_") && !line.startsWith("http_server_requests_seconds_")) {
                continue;
            }
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("sdg_search_seconds_sum")) {
                t[0] += v;
            } else if (line.startsWith("sdg_search_seconds_count")) {
                t[1] += v;
            } else if (line.startsWith("http_server_requests_seconds_sum{") && line.contains("uri=\"/api/search\"")
                    && line.contains("method=\"GET\"")) {
                t[2] += v;
            } else if (line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"/api/search\"") && line.contains("method=\"GET\"")) {
                t[3] += v;
            }
        }
        return t;
    }

    private static void print(long docs, String generation, long indexBytes, Path data, List<Row> rows,
                              HeapProbe heap, String heapInfo, String xmx, int queries,
                              Map<Integer, double[]> serverTimes) {
        System.out.println();
        System.out.printf(Locale.ROOT, "SDG Search benchmark: %,d documents, index %.2f GB on disk (%s)%n", docs,
                indexBytes / 1e9, generation);
        System.out.printf(Locale.ROOT, "Query mix: %d seeded queries (%s), all highlighted and faceted, 10 hits%n",
                queries, String.join(", ", SearchQueries.KINDS));
        System.out.printf(Locale.ROOT, "Server: -Xmx%s, %d cores; client on the same machine (%s driver, one "
                        + "kept-alive connection per client); %s%n", xmx, Runtime.getRuntime().availableProcessors(),
                driver.equals("jdk") ? "java.net.http" : "blocking HTTP/1.1", loadAverage());
        System.out.println();
        System.out.println("| clients | requests | throughput (q/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors |");
        System.out.println("|--------:|---------:|-----------------:|---------:|---------:|---------:|---------:|-------:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %7d | %8d | %16.1f | %8.1f | %8.1f | %8.1f | %8.1f | %6d |%n",
                    r.clients(), r.nanos().length, r.throughput(), r.p(50), r.p(90), r.p(99), r.p(100), r.errors());
        }
        System.out.println();
        System.out.println("Latency by query kind (ms, p50 / p99):");
        StringBuilder header = new StringBuilder("| kind        |");
        StringBuilder line = new StringBuilder("|-------------|");
        for (Row r : rows) {
            header.append(String.format(Locale.ROOT, " %2d client(s) |", r.clients()));
            line.append("-------------:|");
        }
        System.out.println(header);
        System.out.println(line);
        for (String kind : SearchQueries.KINDS) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %-11s |", kind));
            for (Row r : rows) {
                long[] k = r.byKind().getOrDefault(kind, new long[0]);
                sb.append(String.format(Locale.ROOT, " %5.1f / %5.1f |", percentile(k, 50), percentile(k, 99)));
            }
            System.out.println(sb);
        }
        System.out.println();
        System.out.println("Where the time goes (means in ms): as the load driver measured it, the server's handling of "
                + "the request (Quarkus' HTTP timer), and the search within it (the engine's timer); the rest is the "
                + "driver and the loopback connection:");
        System.out.println("| clients | driver mean | server request mean | search mean |");
        System.out.println("|--------:|------------:|--------------------:|------------:|");
        for (Row r : rows) {
            double[] st = serverTimes.getOrDefault(r.clients(), new double[] {Double.NaN, Double.NaN});
            double mean = java.util.Arrays.stream(r.nanos()).average().orElse(Double.NaN) / 1e6;
            System.out.printf(Locale.ROOT, "| %7d | %11.1f | %19.1f | %11.1f |%n", r.clients(), mean, st[1] * 1000,
                    st[0] * 1000);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Heap used (from /q/metrics, sampled each second): max %.0f MB, median %.0f MB"
                + " of -Xmx%s%n", heap.max() / 1e6, heap.median() / 1e6, xmx);
        System.out.println("jcmd GC.heap_info at the end: " + heapInfo);
        System.out.printf(Locale.ROOT, "Index: %s (%.2f GB)%n", data.resolve("index"), indexBytes / 1e9);
        Row one = rows.get(0);
        Row last = rows.get(rows.size() - 1);
        System.out.printf(Locale.ROOT, "Targets (2 cores): p50 <= 10 ms: %s at %d client(s), %s at %d; p99 <= 50 ms: %s"
                        + " at %d, %s at %d; heap <= 1 GB: %s%n",
                verdict(one.p(50) <= 10), one.clients(), verdict(last.p(50) <= 10), last.clients(),
                verdict(one.p(99) <= 50), one.clients(), verdict(last.p(99) <= 50), last.clients(),
                verdict(heap.max() <= 1L << 30));
    }

    private static String verdict(boolean ok) {
        return ok ? "met" : "MISSED";
    }

    private static String loadAverage() {
        try {
            String l = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).strip();
            return "load average at the end " + l.substring(0, l.indexOf(' ', l.indexOf(' ', l.indexOf(' ') + 1) + 1));
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    // ----- helpers

    private static Map<String, String> args(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(key, args[++i]);
            } else {
                out.put(key, "true");
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }
}
