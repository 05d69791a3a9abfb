package org.sdgsearch.api;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per calling origin for the read-only search endpoints, so that one busy partner site embedding
 * the widget cannot starve the others. Only cross-origin calls (with an Origin header, as browsers send from
 * partner sites) are limited here; same-origin use of the search page and server-side API clients are not.
 */
public class OriginRateLimiter {

    /** Beyond this many tracked origins, idle buckets are dropped (bounded memory under spoofed origins). */
    static final int MAX_BUCKETS = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    SdgSearchConfig config;

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (!(path.startsWith("/api/search") || path.startsWith("/api/suggest") || path.startsWith("/api/documents")
                || path.startsWith("/api/sdgs") || path.startsWith("/api/classify") || path.startsWith("/api/feeds")
                || path.startsWith("/api/partnerships"))) {
            return null;
        }
        SdgSearchConfig.RateLimit rl = config.rateLimit();
        if (rl.perSecond() <= 0) {
            return null;
        }
        String origin = ctx.getHeaderString("Origin");
        if (origin == null || origin.isBlank()) {
            return null;
        }
        String key = origin.toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.entrySet().removeIf(e -> now - e.getValue().last > 60_000_000_000L);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(rl.burst(), now));
        synchronized (b) {
            b.tokens = Math.min(rl.burst(), b.tokens + (now - b.last) / 1e9 * rl.perSecond());
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return null;
            }
            long retry = (long) Math.ceil((1 - b.tokens) / rl.perSecond());
            Problem p = new Problem("about:blank", "Too many requests", 429,
                    "Rate limit of " + rl.perSecond() + " requests per second per origin exceeded", null);
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Math.max(1, retry))
                    .entity(p).build();
        }
    }
}
