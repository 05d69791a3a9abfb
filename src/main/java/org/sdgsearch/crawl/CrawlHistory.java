package org.sdgsearch.crawl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jboss.logging.Logger;

/**
 * The last crawls of every source, kept across restarts as JSON lines (one finished {@link CrawlJobs.Job} per line)
 * in the data directory. Appending one line per crawl is crash-safe enough: a torn last line is skipped on load, and
 * the file is compacted to the last {@code perSource} crawls of each source at start.
 */
public final class CrawlHistory {

    private static final Logger LOG = Logger.getLogger(CrawlHistory.class);
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final int perSource;
    private final Map<String, Deque<CrawlJobs.Job>> bySource = new LinkedHashMap<>();

    /**
     * Loads (and compacts) the history file, creating it when missing.
     *
     * @param perSource how many crawls to keep per source
     */
    public CrawlHistory(Path file, int perSource) {
        this.file = file;
        this.perSource = Math.max(1, perSource);
        if (Files.exists(file)) {
            load();
            rewrite();
        }
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the crawl history " + file, e);
        }
        int bad = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                CrawlJobs.Job job = JSON.readValue(line, CrawlJobs.Job.class);
                if (job.sourceId() != null && job.progress() != null) {
                    remember(job);
                }
            } catch (JsonProcessingException e) {
                bad++; // a line torn by a crash: the rest of the history is still good
            }
        }
        if (bad > 0) {
            LOG.warnf("Skipped %d unreadable lines of the crawl history %s", bad, file);
        }
    }

    private void remember(CrawlJobs.Job job) {
        Deque<CrawlJobs.Job> h = bySource.computeIfAbsent(job.sourceId(), k -> new ArrayDeque<>());
        h.addFirst(job);
        while (h.size() > perSource) {
            h.removeLast();
        }
    }

    /** Records a finished crawl, durably. */
    public synchronized void add(CrawlJobs.Job job) {
        remember(job);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                w.write(JSON.writeValueAsString(job));
                w.write('\n');
            }
        } catch (IOException e) {
            // History is for operators; losing one line must not fail a crawl that indexed documents.
            LOG.warnf("Cannot append to the crawl history %s: %s", file, e);
        }
    }

    /** The last crawls of a source, newest first. */
    public synchronized List<CrawlJobs.Job> of(String sourceId) {
        Deque<CrawlJobs.Job> h = bySource.get(sourceId);
        return h == null ? List.of() : List.copyOf(h);
    }

    /** The last crawl of a source, or null. */
    public synchronized CrawlJobs.Job last(String sourceId) {
        Deque<CrawlJobs.Job> h = bySource.get(sourceId);
        return h == null || h.isEmpty() ? null : h.peekFirst();
    }

    /** Forgets a removed source. */
    public synchronized void forget(String sourceId) {
        if (bySource.remove(sourceId) != null) {
            rewrite();
        }
    }

    private void rewrite() {
        List<String> lines = new ArrayList<>();
        try {
            for (Deque<CrawlJobs.Job> h : bySource.values()) {
                List<CrawlJobs.Job> oldestFirst = new ArrayList<>(h);
                java.util.Collections.reverse(oldestFirst);
                for (CrawlJobs.Job j : oldestFirst) {
                    lines.add(JSON.writeValueAsString(j));
                }
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("Cannot rewrite the crawl history %s: %s", file, e);
        }
    }
}
