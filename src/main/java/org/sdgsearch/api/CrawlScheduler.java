package org.sdgsearch.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.source.Source;

/**
 * Runs each source's recrawl schedule with quarkus-scheduler's programmatic API (one job per source, replaced when
 * the source changes through the admin API), makes up runs missed while the service was down, logs a progress line
 * for every running crawl, and tells the operator at start whether the admin API is enabled.
 */
@ApplicationScoped
public class CrawlScheduler {

    private static final Logger LOG = Logger.getLogger(CrawlScheduler.class);
    private static final String PREFIX = "crawl-";

    @Inject
    Engine engine;

    @Inject
    Scheduler scheduler;

    @Inject
    SdgSearchConfig config;

    void onStart(@Observes StartupEvent event) {
        announceAdmin();
        if (!config.schedule().enabled()) {
            LOG.info("Recrawl schedules are off (sdg.schedule.enabled=false)");
            return;
        }
        Instant now = Instant.now();
        for (Source s : engine.catalog().all()) {
            schedule(s);
            if (config.schedule().catchUp() && engine.schedule().missed(s.id(), s.schedule(), now)) {
                LOG.infof("crawl-catch-up source=%s lastRun=%s schedule=\"%s\"", s.id(),
                        engine.schedule().lastRun(s.id()).orElse(null), s.schedule());
                engine.crawl(List.of(s.id()));
            }
        }
    }

    private void announceAdmin() {
        Optional<String> password = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.security.users.embedded.users.admin", String.class);
        if (password.isEmpty() || password.get().isBlank()) {
            LOG.warn("The admin API (/api/admin, /admin.html) is disabled: no admin password is configured. Set the "
                    + "environment variable SDG_ADMIN_PASSWORD (user 'admin', role 'admin') to enable it.");
        } else {
            LOG.info("The admin API is enabled for the user 'admin' (HTTP Basic; use HTTPS in front of it)");
        }
    }

    /** Schedules (or re-schedules) a source's recrawls. */
    public void schedule(Source source) {
        if (!config.schedule().enabled()) {
            return;
        }
        unschedule(source.id());
        String id = source.id();
        scheduler.newJob(PREFIX + id)
                .setCron(source.schedule())
                .setTimeZone(config.schedule().timeZone())
                // A crawl already running (manual, or a slow previous run) makes CrawlJobs refuse the start.
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> {
                    List<String> started = engine.crawl(List.of(id));
                    LOG.debugf("scheduled crawl of %s: %s", id, started.isEmpty() ? "skipped (running)" : "started");
                })
                .schedule();
    }

    /** Stops a source's recrawls. */
    public void unschedule(String sourceId) {
        scheduler.unscheduleJob(PREFIX + sourceId);
    }

    /** The next scheduled crawl of a source, if any. */
    public Optional<Instant> nextRun(String sourceId) {
        var trigger = scheduler.getScheduledJob(PREFIX + sourceId);
        return trigger == null ? Optional.empty() : Optional.ofNullable(trigger.getNextFireTime());
    }

    @Scheduled(every = "${sdg.crawl.progress-log-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void logProgress() {
        for (CrawlJobs.Job job : engine.jobs().running()) {
            LOG.info(engine.progress(job).logLine());
        }
    }
}
