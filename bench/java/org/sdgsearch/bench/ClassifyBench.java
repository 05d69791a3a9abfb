package org.sdgsearch.bench;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.classify.TrainedSdgClassifier;

/**
 * Benchmark of the SDG classifier: model load time, and passages classified per second on one core.
 *
 * <p>Passages are the benchmark dev texts (about 90 words) and pairs of them (about 180 words), when
 * {@code ../shared/data} is present, else paragraphs built into this class. One thread classifies them in a loop;
 * it runs for a given amount of that thread's CPU time (wall time on a shared machine counts other people's work
 * too), and the rate is reported per CPU second and per wall second.
 *
 * <p>Usage: {@code ClassifyBench [data-dir] [seconds]} (defaults {@code ../shared/data}, 10).
 */
public final class ClassifyBench {

    private static final String[] BUILT_IN = {
        "Thousands of households in the district still fetch drinking water from unprotected wells and rivers. The "
            + "project builds piped water connections, rehabilitates boreholes and installs latrines and handwashing "
            + "stations in schools, so that families have safely managed sanitation.",
        "The cooperative trains smallholder farmers in drought-tolerant seed varieties, soil conservation and "
            + "post-harvest storage, so that households eat enough through the lean season and sell surplus maize "
            + "at fair prices in the district market.",
        "Girls in the province now complete secondary school at almost the same rate as boys, after the ministry "
            + "abolished fees, trained teachers in inclusive methods and built safe dormitories near rural schools."};

    private ClassifyBench() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        TrainedSdgClassifier classifier = TrainedSdgClassifier.load();
        double coldMs = (System.nanoTime() - t0) / 1e6;
        double coldCpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        double[] warm = new double[5];
        double[] warmCpu = new double[5];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            TrainedSdgClassifier.load();
            warm[i] = (System.nanoTime() - t) / 1e6;
            warmCpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        System.out.printf(Locale.ROOT, "model load: cold (first in this JVM) %.0f ms wall / %.0f ms CPU; warm (median "
                + "of 5) %.0f ms wall / %.0f ms CPU%n", coldMs, coldCpuMs, warm[2], warmCpu[2]);

        List<String> texts = texts(data);
        List<String> passages = new ArrayList<>(texts);
        for (int i = 0; i + 1 < texts.size(); i += 2) {
            passages.add(texts.get(i) + " " + texts.get(i + 1));
        }
        double words = passages.stream().mapToInt(p -> p.split("\\s+").length).average().orElse(0);
        System.out.printf(Locale.ROOT, "passages: %d, %.0f words on average (%s)%n", passages.size(), words,
                texts.size() > BUILT_IN.length ? "benchmark dev texts" : "built-in paragraphs");

        run(classifier, passages, Math.min(5, seconds / 2), false); // warm-up: JIT, analyzer reuse
        run(classifier, passages, seconds, true);
    }

    /** Classifies the passages in a loop for {@code seconds} of this thread's CPU time. */
    private static void run(TrainedSdgClassifier classifier, List<String> passages, double seconds, boolean print) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long deadline = cpu0 + (long) (seconds * 1e9);
        long count = 0;
        int assigned = 0;
        while (threads.getCurrentThreadCpuTime() < deadline) {
            for (String p : passages) {
                SdgProfile profile = classifier.classify(p, "en", List.of());
                assigned += profile.assigned().size();
                count++;
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        if (print) {
            System.out.printf(Locale.ROOT, "classified %,d passages in %.1f s wall, %.1f s CPU of one thread%n", count,
                    wall, cpu);
            System.out.printf(Locale.ROOT, "passages/s on one core: %,.0f per CPU second, %,.0f per wall second "
                    + "(%.2f SDGs assigned per passage)%n", count / cpu, count / wall, assigned / (double) count);
        }
    }

    private static List<String> texts(Path data) throws IOException {
        Path dev = data.resolve("sdg-benchmark-dev/benchmark-dev.csv");
        if (!Files.isRegularFile(dev)) {
            return List.of(BUILT_IN);
        }
        List<String> texts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(dev, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                texts.add(r.get("text"));
            }
        }
        return texts;
    }
}
