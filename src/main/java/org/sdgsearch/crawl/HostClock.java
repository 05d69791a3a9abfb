package org.sdgsearch.crawl;

import java.util.HashMap;
import java.util.Map;

/**
 * Politeness shared by all crawls of one {@link Crawler}: sources crawled at the same time may share a host, and
 * the host must still see one connection and the delay between requests. Each crawl's {@link Frontier} asks here
 * before taking work for a host.
 */
final class HostClock {

    private static final class State {
        long nextAllowedMillis;
        int active;
    }

    private final Map<String, State> hosts = new HashMap<>();

    /** Takes a connection to the host if fewer than {@code max} are open and its delay has passed. */
    synchronized boolean tryAcquire(String host, int max, long nowMillis) {
        State s = hosts.computeIfAbsent(host, k -> new State());
        if (s.active >= max || s.nextAllowedMillis > nowMillis) {
            return false;
        }
        s.active++;
        return true;
    }

    /** When the host may be contacted next (0 when unknown). */
    synchronized long nextAllowed(String host) {
        State s = hosts.get(host);
        return s == null ? 0 : s.nextAllowedMillis;
    }

    /** Gives the connection back; the host may be contacted again at {@code nextAllowedMillis}. */
    synchronized void release(String host, long nextAllowedMillis) {
        State s = hosts.get(host);
        if (s == null) {
            return;
        }
        s.active = Math.max(0, s.active - 1);
        s.nextAllowedMillis = Math.max(s.nextAllowedMillis, nextAllowedMillis);
        if (hosts.size() > 10_000) {
            // Forget idle hosts whose delay has passed: memory stays bounded by the hosts being crawled.
            long now = System.currentTimeMillis();
            hosts.values().removeIf(h -> h.active == 0 && h.nextAllowedMillis <= now);
        }
    }
}
