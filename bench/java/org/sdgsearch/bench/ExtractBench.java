package org.sdgsearch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.ExtractionFailure;
import org.sdgsearch.extract.Extractor;

/**
 * Extraction throughput: documents/s and MB/s for HTML and for PDF, single-threaded, after a warm-up pass, on the
 * real UN DESA site in {@code ../shared/corpus/sites/un-desa-modelling/_site} and on PDFs generated here with
 * PDFBox; peak heap over the measured passes.
 *
 * <p>Run from the project directory (the lead wires {@code bench/run extract} to this):
 * <pre>
 * mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * javac -d target/bench-classes -cp target/classes:$(cat target/cp.txt) bench/java/org/sdgsearch/bench/ExtractBench.java
 * java -Xmx1g -cp target/bench-classes:target/classes:$(cat target/cp.txt) org.sdgsearch.bench.ExtractBench \
 *     [site-dir] [seconds-per-set]
 * </pre>
 */
public final class ExtractBench {

    private ExtractBench() {
    }

    record Doc(String url, byte[] body) {
    }

    public static void main(String[] args) throws IOException {
        Path site = Path.of(args.length > 0 ? args[0] : "../shared/corpus/sites/un-desa-modelling/_site");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        List<Doc> html = new ArrayList<>();
        List<Doc> sitePdf = new ArrayList<>();
        if (Files.isDirectory(site)) {
            try (Stream<Path> walk = Files.walk(site)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = site.relativize(p).toString().replace('\\', '/');
                    String url = "http://127.0.0.1/modelling-project/" + rel;
                    if (rel.endsWith(".html")) {
                        html.add(new Doc(url, Files.readAllBytes(p)));
                    } else if (rel.endsWith(".pdf")) {
                        sitePdf.add(new Doc(url, Files.readAllBytes(p)));
                    }
                }
            }
        } else {
            System.out.println("site not found: " + site + " (only generated files are measured)");
        }
        List<Doc> generated = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            generated.add(new Doc("http://127.0.0.1/generated/report-" + i + ".pdf", pdf(50, 40, i)));
        }

        try (Extractor extractor = new Extractor()) {
            System.out.printf(Locale.ROOT, "warm-up...%n");
            long warm = System.nanoTime();
            for (List<Doc> set : List.of(html, sitePdf, generated)) {
                for (Doc d : set) {
                    extractor.extract(resource(d));
                }
            }
            System.out.printf(Locale.ROOT, "warm-up pass: %.1f s (includes loading Tika parsers and classes)%n",
                    (System.nanoTime() - warm) / 1e9);
            resetPeaks();
            // Wall-clock rates depend on what else the machine runs; rates per CPU-second (whole process, GC
            // included) are the steadier figure on a shared machine.
            System.out.printf(Locale.ROOT, "%-22s %6s %8s %9s %9s %8s %9s %9s  %s%n", "set", "docs", "MB", "docs/s",
                    "MB/s", "ms/doc", "docs/cpu-s", "MB/cpu-s", "outcomes");
            measure(extractor, "site HTML", html, seconds);
            measure(extractor, "site PDF", sitePdf, seconds);
            measure(extractor, "generated PDF 50p", generated, seconds);
        }
        System.out.printf(Locale.ROOT, "peak heap (measured passes): %d MB, max heap %d MB%n",
                peakHeap() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static void measure(Extractor extractor, String name, List<Doc> docs, double seconds) {
        if (docs.isEmpty()) {
            return;
        }
        long bytes = 0;
        int count = 0;
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long budget = (long) (seconds * 1e9);
        do {
            for (Doc d : docs) {
                Extraction e = extractor.extract(resource(d));
                outcomes.merge(e instanceof ExtractionFailure f ? f.kind().name()
                        : ((ExtractedDocument) e).language(), 1, Integer::sum);
                bytes += d.body().length;
                count++;
            }
        } while (System.nanoTime() - start < budget);
        double s = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "%-22s %6d %8.1f %9.1f %9.2f %8.2f %9.1f %9.2f  %s%n", name, count, mb,
                count / s, mb / s, 1000 * s / count, count / cpu, mb / cpu, outcomes);
    }

    private static FetchedResource resource(Doc d) {
        URI uri = URI.create(d.url());
        return new FetchedResource(uri, uri, 200, Map.of(), d.body(), Instant.EPOCH);
    }

    private static byte[] pdf(int pages, int lines, int seed) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.setLeading(11);
                    cs.newLineAtOffset(40, 800);
                    for (int l = 0; l < lines; l++) {
                        cs.showText("Report " + seed + ", page " + p + ", line " + l
                                + ": progress on clean water, affordable energy and climate action targets.");
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
