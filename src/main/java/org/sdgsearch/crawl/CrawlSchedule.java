package org.sdgsearch.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.type.TypeReference;
import org.jboss.logging.Logger;

/**
 * When each source was last crawled, kept in the data directory so that a run missed while the service was down is
 * made up once at the next start. Uses the Quartz cron dialect of quarkus-scheduler (and of the sources file).
 */
public final class CrawlSchedule {

    private static final Logger LOG = Logger.getLogger(CrawlSchedule.class);
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Path file;
    private final ZoneId zone;
    private final Map<String, Instant> lastRuns = new TreeMap<>();

    /**
     * @param file where last run times are kept (created on the first run)
     * @param zone the time zone cron expressions are read in
     */
    public CrawlSchedule(Path file, ZoneId zone) {
        this.file = file;
        this.zone = zone;
        if (Files.exists(file)) {
            try {
                lastRuns.putAll(CrawlHistory.JSON.readValue(file.toFile(), new TypeReference<Map<String, Instant>>() {
                }));
            } catch (IOException e) {
                // Worst case without it: a missed run is not made up. Not worth refusing to start over.
                LOG.warnf("Cannot read the schedule state %s (%s); missed runs will not be made up this time", file, e);
            }
        }
    }

    /** The last time a crawl of the source started, if known. */
    public synchronized Optional<Instant> lastRun(String sourceId) {
        return Optional.ofNullable(lastRuns.get(sourceId));
    }

    /** Records that a crawl of the source started now. */
    public synchronized void ran(String sourceId, Instant at) {
        lastRuns.put(sourceId, at);
        save();
    }

    /** Forgets a removed source. */
    public synchronized void forget(String sourceId) {
        if (lastRuns.remove(sourceId) != null) {
            save();
        }
    }

    /**
     * Whether a scheduled run fell between the last run and {@code now}. A source never run is not "missed": there
     * is nothing to compare with, and the first crawl comes from its schedule (or from crawl-on-start).
     */
    public synchronized boolean missed(String sourceId, String cron, Instant now) {
        Instant last = lastRuns.get(sourceId);
        if (last == null) {
            return false;
        }
        return next(cron, last).map(n -> !n.isAfter(now)).orElse(false);
    }

    /** The first time after {@code after} that the cron expression fires. */
    public Optional<Instant> next(String cron, Instant after) {
        try {
            ExecutionTime t = ExecutionTime.forCron(PARSER.parse(cron));
            return t.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            CrawlHistory.JSON.writeValue(tmp.toFile(), lastRuns);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("Cannot write the schedule state %s: %s", file, e);
        }
    }
}
