package org.sdgsearch.crawl;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import org.jboss.logging.Logger;

/**
 * robots.txt per host (scheme, host and port, as RFC 9309 scopes it), parsed by crawler-commons and cached.
 * RFC 9309 failure semantics: a 4xx means "no rules", a 5xx or no answer means "crawl nothing for now" (the host is
 * deferred and asked again after {@link CrawlerSettings#robotsFailureTtl()}).
 */
final class RobotsCache {

    private static final Logger LOG = Logger.getLogger(RobotsCache.class);
    /** RFC 9309 asks parsers to read at least 500 KiB. */
    private static final long MAX_ROBOTS_BYTES = 512 * 1024;
    private static final int MAX_HOSTS = 10_000;

    /** The rules for one host. */
    record Robots(BaseRobotRules rules, boolean deferred, String reason, Instant expires) {

        boolean allowed(String url) {
            return !deferred && rules.isAllowed(url);
        }

        /** Crawl-delay in milliseconds, or -1 when robots.txt sets none. */
        long crawlDelayMillis() {
            long d = rules.getCrawlDelay();
            return d == BaseRobotRules.UNSET_CRAWL_DELAY ? -1 : d;
        }

        List<String> sitemaps() {
            return rules.getSitemaps();
        }
    }

    private final Fetcher fetcher;
    private final CrawlerSettings settings;
    private final Clock clock;
    private final SimpleRobotRulesParser parser;
    private final Map<String, CompletableFuture<Robots>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Robots>> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    RobotsCache(Fetcher fetcher, CrawlerSettings settings, Clock clock) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
        // No cap in the parser: crawler-commons turns a Crawl-delay above its cap into "disallow all", whereas we
        // cap the delay (CrawlerSettings.maxCrawlDelay) and keep crawling, slowly.
        this.parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
    }

    /** The host key: "scheme://host:port". */
    static String hostKey(URI url) {
        int port = url.getPort();
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (port < 0) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The rules for the URL's host, fetching robots.txt if not cached (one fetch per host at a time). */
    Robots rulesFor(URI url) {
        String key = hostKey(url);
        CompletableFuture<Robots> mine = null;
        CompletableFuture<Robots> existing;
        synchronized (cache) {
            existing = cache.get(key);
            if (existing == null || (existing.isDone() && existing.join().expires().isBefore(clock.instant()))) {
                mine = new CompletableFuture<>();
                cache.put(key, mine);
            }
        }
        if (mine == null) {
            return existing.join();
        }
        Robots robots;
        try {
            robots = load(url);
        } catch (RuntimeException e) {
            robots = deferred("robots.txt: " + e);
        }
        mine.complete(robots);
        return robots;
    }

    /** Forgets a host's rules (tests, and operators who know a site changed its robots.txt). */
    void invalidate(URI url) {
        synchronized (cache) {
            cache.remove(hostKey(url));
        }
    }

    private Robots load(URI url) {
        URI robotsUrl = URI.create(hostKey(url) + "/robots.txt");
        URI current = robotsUrl;
        // RFC 9309 2.3.1.2: follow at least five redirects, to any host.
        for (int hop = 0; hop <= 5; hop++) {
            FetchResult result = fetcher.fetch(current, null, null, Fetcher.Limits.any(MAX_ROBOTS_BYTES));
            if (result instanceof FetchResult.Ok ok) {
                String type = ok.resource().contentType().orElse("text/plain");
                SimpleRobotRules rules = parser.parseContent(robotsUrl.toString(), ok.resource().body(), type,
                        List.of(settings.robotsAgent()));
                return new Robots(rules, false, "", clock.instant().plus(settings.robotsCacheTtl()));
            } else if (result instanceof FetchResult.Redirect r) {
                current = r.location();
            } else if (result instanceof FetchResult.HttpError e && e.status() >= 400 && e.status() < 500
                    && e.status() != 429) {
                // "Unavailable": no rules apply.
                return new Robots(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), false, "",
                        clock.instant().plus(settings.robotsCacheTtl()));
            } else if (result instanceof FetchResult.HttpError e) {
                return deferred("robots.txt answered HTTP " + e.status());
            } else if (result instanceof FetchResult.Failure f) {
                if (f.kind() == FetchResult.Failure.Kind.TOO_LARGE) {
                    // Larger than the limit: RFC 9309 lets us parse the head, but an abort loses it; be safe.
                    return deferred("robots.txt too large");
                }
                return deferred("robots.txt unreachable: " + f.reason());
            } else {
                return deferred("robots.txt: unexpected " + result);
            }
        }
        return deferred("robots.txt: too many redirects");
    }

    private Robots deferred(String reason) {
        LOG.debugf("deferring host: %s", reason);
        SimpleRobotRules none = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
        none.setDeferVisits(true);
        return new Robots(none, true, reason, clock.instant().plus(settings.robotsFailureTtl()));
    }
}
