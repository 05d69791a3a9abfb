package org.sdgsearch.crawl;

import java.time.Duration;
import java.time.Instant;

/**
 * A running (or finished) crawl as operators want to see it: the counters of its {@link CrawlReport} plus rates and
 * an estimate of what is left.
 *
 * @param sourceId       the source
 * @param state          RUNNING, FINISHED, CANCELLED or FAILED
 * @param started        when the crawl started
 * @param updated        time of the counters (the end, once finished)
 * @param discovered     URLs new to the store
 * @param fetched        pages and files downloaded in full
 * @param notModified    unchanged on a conditional re-fetch
 * @param failed         ended in error
 * @param removed        documents removed from the index
 * @param disallowed     refused by robots rules (or deferred because robots.txt could not be read)
 * @param outOfScope     links outside the source's scope or suspected traps
 * @param processed      fetched + notModified + failed + removed + disallowed: URLs this crawl has dealt with
 * @param bytes          body bytes received
 * @param pagesPerSecond processed URLs per second since the start
 * @param remaining      estimated URLs still to process (-1 when unknown)
 * @param etaSeconds     estimated seconds to the end (-1 when unknown, 0 once ended)
 * @param percent        processed / (processed + remaining) in percent (-1 when unknown, 100 once ended)
 * @param durationSeconds seconds since the start (to the end once ended)
 * @param error          why the crawl failed, or null
 */
public record CrawlProgress(String sourceId, String state, Instant started, Instant updated, long discovered,
                            long fetched, long notModified, long failed, long removed, long disallowed,
                            long outOfScope, long processed, long bytes, double pagesPerSecond, long remaining,
                            long etaSeconds, double percent, double durationSeconds, String error) {

    /**
     * The view of a job.
     *
     * @param queued           URLs waiting in the store's frontier for this source (DISCOVERED), -1 if unknown
     * @param previousProcessed URLs the last complete crawl of the source processed, -1 if none: a recrawl usually
     *                          walks about as many, which makes a better estimate than the frontier alone (a
     *                          recrawl's frontier refills as pages are re-read)
     */
    public static CrawlProgress of(CrawlJobs.Job job, long queued, long previousProcessed) {
        CrawlReport r = job.progress();
        long processed = r.fetched() + r.notModified() + r.failed() + r.removed() + r.disallowed();
        Instant end = r.finished() == null ? Instant.now() : r.finished();
        double seconds = Math.max(0, Duration.between(r.started(), end).toMillis() / 1000.0);
        double rate = seconds > 0 ? processed / seconds : 0;
        boolean running = "RUNNING".equals(job.state());
        long remaining;
        long eta;
        double percent;
        if (!running) {
            remaining = 0;
            eta = 0;
            percent = 100;
        } else {
            long fromFrontier = queued;
            long fromLast = previousProcessed >= 0 ? Math.max(0, previousProcessed - processed) : -1;
            remaining = Math.max(fromFrontier, fromLast);
            if (remaining == 0) {
                remaining = -1; // still running with nothing queued: a folder walk or the last pages, size unknown
            }
            eta = remaining < 0 || rate <= 0 ? -1 : Math.round(remaining / rate);
            percent = remaining < 0 ? -1 : processed + remaining == 0 ? 0
                    : Math.round(1000.0 * processed / (processed + remaining)) / 10.0;
        }
        return new CrawlProgress(r.sourceId(), job.state(), r.started(), end, r.discovered(), r.fetched(),
                r.notModified(), r.failed(), r.removed(), r.disallowed(), r.outOfScope(), processed, r.bytes(),
                Math.round(rate * 100) / 100.0, remaining, eta, percent, Math.round(seconds * 10) / 10.0,
                job.error());
    }

    /** A one-line key=value summary for the log, easy to grep and to parse. */
    public String logLine() {
        return "crawl-progress source=" + sourceId + " state=" + state + " discovered=" + discovered
                + " fetched=" + fetched + " notModified=" + notModified + " failed=" + failed + " removed=" + removed
                + " disallowed=" + disallowed + " processed=" + processed + " bytes=" + bytes
                + " pagesPerSecond=" + pagesPerSecond + " remaining=" + remaining + " etaSeconds=" + etaSeconds
                + " percent=" + percent;
    }
}
