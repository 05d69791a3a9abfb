package org.sdgsearch.crawl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The in-memory window of the frontier: per-host FIFO queues with politeness (a next-allowed time per host and a
 * limit of connections per host). The full frontier is in the {@link CrawlStatusStore}; when the window runs low
 * the frontier refills it from there, so memory stays bounded whatever the size of the site.
 */
final class Frontier {

    /** One unit of work: a page to process or a sitemap to read. */
    record Work(Kind kind, String url, String host, int depth, int site, int attempt, int redirects) {
        enum Kind { PAGE, SITEMAP }

        String key() {
            return kind == Kind.PAGE ? url : "sitemap " + url;
        }

        Work retried() {
            return new Work(kind, url, host, depth, site, attempt + 1, redirects);
        }
    }

    private static final class Host {
        final ArrayDeque<Work> queue = new ArrayDeque<>();
        long nextAllowedMillis;
        int active;
        boolean parked;
    }

    private final int window;
    private final int maxConnectionsPerHost;
    private final BooleanSupplier cancelled;
    private final IntFunction<List<Work>> refill;
    private final HostClock clock;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();
    private int queued;
    private int inFlight;
    /** Whether the store may hold queued URLs that are not in the window. */
    private boolean overflow = true;
    private boolean stopped;

    /**
     * @param refill returns up to n queued works from the store; it is called with this frontier's lock held and must
     *               not call back into the frontier
     */
    Frontier(int window, int maxConnectionsPerHost, BooleanSupplier cancelled, IntFunction<List<Work>> refill,
             HostClock clock) {
        this.clock = clock;
        this.window = window;
        this.maxConnectionsPerHost = maxConnectionsPerHost;
        this.cancelled = cancelled;
        this.refill = refill;
    }

    /**
     * Adds work unless it is already in the window. Returns false when the window is full (the work stays queued in
     * the store and comes back through a refill) or the host is parked.
     */
    synchronized boolean offer(Work w) {
        if (known.contains(w.key())) {
            return true;
        }
        Host h = hosts.computeIfAbsent(w.host(), k -> new Host());
        if (h.parked) {
            return false;
        }
        if (queued >= window && w.kind() == Work.Kind.PAGE) {
            overflow = true;
            return false;
        }
        known.add(w.key());
        h.queue.addLast(w);
        queued++;
        notifyAll();
        return true;
    }

    /**
     * The next work whose host may be contacted now, waiting if needed. Null when everything is done, or when the
     * crawl was cancelled.
     */
    synchronized Work take() throws InterruptedException {
        while (true) {
            if (stopped) {
                return null;
            }
            if (cancelled.getAsBoolean()) {
                stop();
                return null;
            }
            if (overflow && queued < window / 2) {
                refillNow();
            }
            long now = System.currentTimeMillis();
            if (hosts.size() > 1000) {
                // Forget idle hosts whose politeness delay has passed, to keep the map as small as the window.
                hosts.values().removeIf(h -> h.queue.isEmpty() && h.active == 0 && !h.parked
                        && h.nextAllowedMillis <= now);
            }
            Host best = null;
            String bestKey = null;
            for (Map.Entry<String, Host> e : hosts.entrySet()) {
                Host h = e.getValue();
                if (!h.queue.isEmpty() && h.active < maxConnectionsPerHost) {
                    // Another crawl of this crawler may be using the host too.
                    h.nextAllowedMillis = Math.max(h.nextAllowedMillis, clock.nextAllowed(e.getKey()));
                    if (h.nextAllowedMillis <= now && !clock.tryAcquire(e.getKey(), maxConnectionsPerHost, now)) {
                        continue;
                    }
                    if (h.nextAllowedMillis <= now) {
                        best = h;
                        bestKey = e.getKey();
                        break;
                    }
                    if (best == null || h.nextAllowedMillis < best.nextAllowedMillis) {
                        best = h;
                        bestKey = e.getKey();
                    }
                }
            }
            if (best != null && best.nextAllowedMillis <= now) {
                Work w = best.queue.pollFirst();
                queued--;
                best.active++;
                inFlight++;
                // Move the host to the end so that hosts are served round-robin.
                hosts.remove(bestKey);
                hosts.put(bestKey, best);
                return w;
            }
            if (queued == 0 && inFlight == 0) {
                if (overflow) {
                    refillNow();
                    if (queued > 0) {
                        continue;
                    }
                }
                stop();
                return null;
            }
            // Timed: a host busy in another crawl frees up without notifying this frontier.
            long wait = best == null ? 50 : Math.max(1, Math.min(50, best.nextAllowedMillis - now));
            wait(wait);
        }
    }

    private void refillNow() {
        overflow = false;
        // Ask for more than the free room: works already in the window come back too and are skipped.
        int limit = window - queued + known.size();
        List<Work> more = refill.apply(limit);
        int added = 0;
        for (Work w : more) {
            if (known.contains(w.key())) {
                continue;
            }
            Host h = hosts.computeIfAbsent(w.host(), k -> new Host());
            if (h.parked) {
                continue;
            }
            known.add(w.key());
            h.queue.addLast(w);
            queued++;
            added++;
        }
        // A full page of results means there may be more behind it.
        if (added > 0 && more.size() >= limit) {
            overflow = true;
        }
    }

    /** The work is finished; its host may be contacted again after {@code delayMillis}. */
    synchronized void done(Work w, long delayMillis) {
        Host h = hosts.get(w.host());
        if (h != null) {
            h.active--;
            h.nextAllowedMillis = Math.max(h.nextAllowedMillis, System.currentTimeMillis() + delayMillis);
        }
        clock.release(w.host(), System.currentTimeMillis() + delayMillis);
        known.remove(w.key());
        inFlight--;
        notifyAll();
    }

    /** The work failed transiently: try again after {@code delayMillis}, keeping the host waiting that long. */
    synchronized void retry(Work w, long delayMillis) {
        Host h = hosts.get(w.host());
        if (h == null || h.parked) {
            done(w, delayMillis);
            return;
        }
        h.active--;
        h.nextAllowedMillis = Math.max(h.nextAllowedMillis, System.currentTimeMillis() + delayMillis);
        clock.release(w.host(), h.nextAllowedMillis);
        h.queue.addFirst(w.retried());
        queued++;
        inFlight--;
        notifyAll();
    }

    /**
     * Parks a host until the next crawl (robots.txt unreachable, Retry-After too long): its queued work is returned so
     * that the caller can mark it in the store, and later offers for the host are refused.
     */
    synchronized List<Work> park(String host) {
        Host h = hosts.computeIfAbsent(host, k -> new Host());
        h.parked = true;
        List<Work> drained = new ArrayList<>(h.queue);
        for (Work w : drained) {
            known.remove(w.key());
        }
        queued -= h.queue.size();
        h.queue.clear();
        notifyAll();
        return drained;
    }

    synchronized boolean parked(String host) {
        Host h = hosts.get(host);
        return h != null && h.parked;
    }

    /** Ends the crawl: waiting and future {@link #take()} calls return null. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** Work in memory (queued and in flight). */
    synchronized int size() {
        return queued + inFlight;
    }
}
