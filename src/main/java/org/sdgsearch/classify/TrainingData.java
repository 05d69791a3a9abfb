package org.sdgsearch.classify;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the SDG-labelled texts the model learns from, and the benchmark rows it is scored on.
 *
 * <p>Every example carries a <em>group</em>: the SDG indicator (or registry entry) it describes. The same indicator
 * is described by several national platforms and in several languages, so a validation split must hold out whole
 * groups, never single rows, or near-duplicates on both sides make the scores look too good.
 */
final class TrainingData {

    /** Where an example comes from; official goal/target/indicator texts are short and weighted apart. */
    enum Kind { METADATA, REGISTRY, OFFICIAL }

    /** One labelled text. */
    record Example(String id, String group, Kind kind, String language, Set<Integer> sdgs, String text) {
    }

    /** One benchmark row: does {@code text} address {@code sdg}? */
    record BenchmarkRow(String id, String text, int sdg, boolean label) {
    }

    private TrainingData() {
    }

    /** All examples in a supported language from {@code data/sdg-training/*}/labelled.tsv and data/sdg-official. */
    static List<Example> load(Path data) throws IOException {
        List<Example> all = new ArrayList<>();
        Path training = data.resolve("sdg-training");
        List<Path> files;
        try (Stream<Path> dirs = Files.list(training)) {
            files = dirs.map(d -> d.resolve("labelled.tsv")).filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no labelled.tsv under " + training);
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 4);
                if (f.length < 4) {
                    continue;
                }
                String language = TextFeatures.language(f[1]);
                Set<Integer> sdgs = parseGoals(f[2]);
                if (language == null || sdgs.isEmpty()) {
                    continue;
                }
                Kind kind = f[0].startsWith("dpga:") ? Kind.REGISTRY : Kind.METADATA;
                all.add(new Example(f[0], group(f[0]), kind, language, sdgs, f[3]));
            }
        }
        Path official = data.resolve("sdg-official").resolve("sdg_goals_targets_indicators_multilingual.csv");
        try (Reader in = Files.newBufferedReader(official, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String language = TextFeatures.language(r.get("lang"));
                String code = r.get("code");
                if (language == null) {
                    continue;
                }
                int goal = Integer.parseInt(code.split("\\.")[0]);
                // Indicators join the group of the same indicator in the national metadata; targets and goals
                // form their own groups.
                String group = "indicator".equals(r.get("kind")) ? code.replace('.', '-') : r.get("kind") + ":" + code;
                all.add(new Example("official:" + language + ":" + r.get("kind") + ":" + code + ":" + r.get("field"),
                        group, Kind.OFFICIAL, language, Set.of(goal), r.get("text")));
            }
        }
        return all;
    }

    /**
     * True for metadata fields that describe how statistics are produced (collection, imputation, aggregation,
     * quality, data sources) rather than what the indicator is about: their wording is much the same for every
     * goal, so they teach the model the style of statistical offices, not the goals.
     */
    static boolean isProcessField(String id) {
        String[] p = id.split(":");
        if (p.length < 4 || p[0].equals("dpga") || p[0].equals("official")) {
            return false;
        }
        String field = p[3].toLowerCase(Locale.ROOT);
        return PROCESS_FIELDS.contains(field) || field.startsWith("source") || field.startsWith("disaggregation")
                || field.endsWith("disaggregations") || field.equals("data_footnote") || field.equals("time_period");
    }

    private static final Set<String> PROCESS_FIELDS = Set.of("coll_method", "data_validation", "quality_assure",
            "quality_mgmnt", "imputation", "reg_agg", "comparability", "coverage", "source_type", "doc_method",
            "data_source", "computation_disaggregation", "sources");

    /** The benchmark rows of a file with columns id,text,sdg,label. */
    static List<BenchmarkRow> benchmark(Path csv) throws IOException {
        List<BenchmarkRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.add(new BenchmarkRow(r.get("id"), r.get("text"), Integer.parseInt(r.get("sdg").trim()),
                        Boolean.parseBoolean(r.get("label").trim().toLowerCase(Locale.ROOT))));
            }
        }
        return rows;
    }

    static Set<Integer> parseGoals(String field) {
        Set<Integer> goals = new TreeSet<>();
        for (String s : field.split(",")) {
            s = s.trim();
            if (s.isEmpty()) {
                continue;
            }
            try {
                int g = Integer.parseInt(s);
                if (g >= 1 && g <= SdgModel.GOALS) {
                    goals.add(g);
                }
            } catch (NumberFormatException e) {
                // a header or a malformed row: not a label
            }
        }
        return goals;
    }

    /**
     * The indicator an id describes ("ca:en:6-1-1:FIELD" and "unmeta:fr:6-1-1a:..." both give "6-1-1"), or the
     * registry entry ("dpga:evidence:slug:0" gives "dpga:slug").
     */
    static String group(String id) {
        String[] p = id.split(":");
        if (p[0].equals("dpga") && p.length >= 3) {
            return "dpga:" + p[2];
        }
        if (p.length >= 3) {
            String code = p[2].toLowerCase(Locale.ROOT);
            // Sub-series letters ("1-1-1a") describe the same indicator.
            return code.replaceAll("[a-z]+$", "");
        }
        return id;
    }

    /** True if the group falls in the validation part of a split with the given seed and fraction. */
    static boolean isValidation(String group, long seed, double fraction) {
        long h = TextFeatures.hash(group) ^ seed;
        h = h * 0x9E3779B97F4A7C15L;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < fraction;
    }
}
