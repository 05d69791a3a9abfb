package org.sdgsearch.crawl;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.sdgsearch.crawl.Frontier.Work;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.ExtractionFailure;
import org.sdgsearch.extract.Link;
import org.sdgsearch.source.DocumentFolder;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.Website;

/**
 * One crawl of one source. Every crawl is a full traversal from the seeds and sitemaps: pages that are due are
 * fetched (conditionally when we have validators), pages that are not due have their stored outlinks replayed, so
 * that at the end every URL still linked has been reached and the indexed URLs that were not are known to be dropped.
 *
 * <p>The frontier is the status store ({@code queuedFrom}); only a window is in memory. Order of durability: the
 * sink is committed before the store, and a store record only says FETCHED after the sink accepted the document,
 * so a crash loses at most the re-fetch of the pages since the last commit.
 */
final class CrawlRun {

    private static final Logger LOG = Logger.getLogger(CrawlRun.class);
    /**
     * Links to these are not worth a request: the content-type allowlist would refuse them after the headers anyway
     * (images, styles, scripts, fonts, media, archives).
     */
    private static final Pattern NON_DOCUMENT = Pattern.compile(
            "(?i)\\.(jpe?g|png|gif|webp|svg|ico|bmp|tiff?|css|js|mjs|json|woff2?|ttf|otf|eot|mp[34]|m4[av]|avi|mov|"
                    + "webm|ogg|wav|flac|zip|gz|tgz|rar|7z|exe|dmg|msi|apk|iso)$");
    private static final Pattern LINK_HEADER = Pattern.compile("<([^>]*)>");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"\\s;]+)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** File extensions of document folders and the media type handed to the extractor. */
    private static final Map<String, String> FILE_TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("rtf", "application/rtf"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("epub", "application/epub+zip"));

    private final CrawlerSettings settings;
    private final Function<FetchedResource, Extraction> extractor;
    private final CrawlStatusStore store;
    private final Fetcher fetcher;
    private final RobotsCache robots;
    private final Clock clock;
    private final Source source;
    private final String sourceId;
    private final DocumentSink sink;
    private final CrawlListener listener;
    private final BooleanSupplier cancelled;
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final TrapFilter traps;
    private final Frontier frontier;
    private final Fetcher.Limits pageLimits;
    private final Instant started;

    private final AtomicLong discovered = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();
    private final AtomicLong disallowed = new AtomicLong();
    private final AtomicLong outOfScope = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger[] pagesPerSite;
    private final AtomicInteger sitemapsRead = new AtomicInteger();
    private final Set<String> robotsAnnounced = ConcurrentHashMap.newKeySet();
    private final ReachedSet reached = new ReachedSet(1 << 21);
    /** Readers: deliver + record; writer: commit. Keeps "store says FETCHED" behind "sink has it". */
    private final ReentrantReadWriteLock commitLock;
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicInteger sinceCommit = new AtomicInteger();
    private volatile long lastCommitNanos = System.nanoTime();
    private volatile long lastLogNanos = System.nanoTime();
    /** Set when something was left for the next crawl: dropped-page detection would then be wrong. */
    private volatile boolean incomplete;
    private volatile boolean stoppedByCancel;

    CrawlRun(CrawlerSettings settings, Function<FetchedResource, Extraction> extractor, CrawlStatusStore store,
             Fetcher fetcher, RobotsCache robots, HostClock hosts, Clock clock, Source source, DocumentSink sink,
             CrawlListener listener, BooleanSupplier cancelled, ReentrantReadWriteLock commitLock) {
        this.commitLock = commitLock;
        this.settings = settings;
        this.extractor = extractor;
        this.store = store;
        this.fetcher = fetcher;
        this.robots = robots;
        this.clock = clock;
        this.source = source;
        this.sourceId = source.id();
        this.sink = sink;
        this.listener = listener;
        this.cancelled = () -> {
            boolean c = cancelled.getAsBoolean();
            if (c) {
                stoppedByCancel = true;
            }
            return c;
        };
        this.started = clock.instant();
        this.traps = new TrapFilter(settings, clock);
        this.pageLimits = new Fetcher.Limits(settings.maxBodyBytes(), settings.contentTypes());
        this.pagesPerSite = new AtomicInteger[source.websites().size()];
        for (int i = 0; i < pagesPerSite.length; i++) {
            pagesPerSite[i] = new AtomicInteger();
        }
        int perHost = settings.politeness() ? 1 : settings.threads();
        this.frontier = new Frontier(settings.windowSize(), perHost, this.cancelled, this::refill,
                hosts);
    }

    CrawlReport run() {
        LOG.infof("crawl of %s started (%d websites, %d folders)", sourceId, source.websites().size(),
                source.folders().size());
        for (int i = 0; i < source.websites().size(); i++) {
            Website site = source.websites().get(i);
            for (URI seed : site.seeds()) {
                Optional<String> url = normalizer.normalize(seed.toString());
                if (url.isPresent()) {
                    reach(url.get(), 0, i, null);
                } else {
                    LOG.warnf("source %s: seed %s is not a crawlable URL", sourceId, seed);
                }
            }
            for (URI sitemap : site.sitemaps()) {
                offerSitemap(sitemap.toString(), i);
            }
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::work, "crawl-" + sourceId + "-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        for (DocumentFolder folder : source.folders()) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            crawlFolder(folder);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                frontier.stop();
                stoppedByCancel = true;
                break;
            }
        }
        boolean wasCancelled = stoppedByCancel;
        if (!wasCancelled && !incomplete) {
            removeDropped();
        }
        commit();
        CrawlReport report = snapshot(wasCancelled);
        LOG.infof("crawl of %s %s: %s", sourceId, wasCancelled ? "cancelled" : "finished", report);
        return report;
    }

    // --- workers ---

    private void work() {
        while (true) {
            Work w;
            try {
                w = frontier.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (w == null) {
                return;
            }
            long delay = 0;
            boolean retried = false;
            try {
                Outcome o = w.kind() == Work.Kind.SITEMAP ? readSitemap(w) : processPage(w);
                delay = o.delayMillis();
                if (o.retry()) {
                    frontier.retry(w, delay);
                    retried = true;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "crawl of %s: unexpected failure on %s", sourceId, w.url());
                if (w.kind() == Work.Kind.PAGE) {
                    finish(w.url(), b -> b.status(CrawlStatus.ERROR, "internal error (details in the server log)"));
                    failed.incrementAndGet();
                }
            } finally {
                if (!retried) {
                    frontier.done(w, delay);
                }
            }
            listener.progress(snapshot(false));
            maybeCommit();
        }
    }

    /** How a work item ended: the host delay to apply, and whether to retry it. */
    private record Outcome(long delayMillis, boolean retry) {
        static Outcome done(long delay) {
            return new Outcome(delay, false);
        }

        static Outcome retry(long delay) {
            return new Outcome(delay, true);
        }
    }

    private Outcome processPage(Work w) {
        Instant now = clock.instant();
        UrlRecord rec = store.get(sourceId, w.url()).orElse(null);
        if (rec == null) {
            rec = UrlRecord.discovered(sourceId, w.url(), w.depth(), now);
        }
        if (visitedThisCrawl(rec)) {
            finish(w.url(), b -> b);
            return Outcome.done(0);
        }
        URI uri;
        try {
            uri = new URI(w.url());
        } catch (URISyntaxException e) {
            finish(w.url(), b -> b.status(CrawlStatus.OUT_OF_SCOPE, "malformed URL"));
            return Outcome.done(0);
        }
        if (w.site() < 0 || !source.websites().get(w.site()).scope().contains(uri)) {
            finishRemoving(rec, CrawlStatus.OUT_OF_SCOPE, "outside the source's scope", b -> b);
            outOfScope.incrementAndGet();
            return Outcome.done(0);
        }
        Website site = source.websites().get(w.site());
        RobotsCache.Robots rules = robots.rulesFor(uri);
        announceSitemaps(rules, uri, w.site());
        if (rules.deferred()) {
            parkHost(w, rules.reason());
            return Outcome.done(0);
        }
        if (!rules.allowed(w.url())) {
            finishRemoving(rec, CrawlStatus.DISALLOWED, "robots.txt", b -> b);
            disallowed.incrementAndGet();
            return Outcome.done(0);
        }
        boolean due = rec.status() == CrawlStatus.DISCOVERED || rec.nextFetchAt() == null
                || !rec.nextFetchAt().isAfter(now);
        if (!due) {
            if (linksStillCount(rec)) {
                replay(rec.url(), w.depth(), w.site());
            }
            finish(rec.url(), b -> b);
            return Outcome.done(0);
        }
        if (w.attempt() == 0 && pagesPerSite[w.site()].incrementAndGet() > site.maxPages()) {
            park(w.url());
            incomplete = true;
            return Outcome.done(0);
        }
        long delay = hostDelay(rules);

        // Fetch, following same-host redirects inline so every hop is counted and checked. Only the first URL and
        // the final one get records: the first says where it led (or why it failed), the final one holds the page.
        URI current = uri;
        UrlRecord currentRec = rec;
        Set<String> chain = new LinkedHashSet<>();
        chain.add(w.url());
        int hops = w.redirects();
        FetchResult result;
        FetchResult.Redirect lastRedirect = null;
        while (true) {
            result = fetcher.fetch(current, currentRec.etag(), currentRec.lastModified(), pageLimits);
            if (!(result instanceof FetchResult.Redirect redirect)) {
                break;
            }
            lastRedirect = redirect;
            hops++;
            Optional<String> target = normalizer.normalize(redirect.location().toString());
            if (target.isEmpty()) {
                finishError(rec, "redirect to an invalid URL: " + redirect.location(), redirect.status(),
                        redirect.took());
                return Outcome.done(delay);
            }
            String t = target.get();
            if (hops > settings.maxRedirects()) {
                finishError(rec, "more than " + settings.maxRedirects() + " redirects (last to " + t + ")",
                        redirect.status(), redirect.took());
                return Outcome.done(delay);
            }
            if (!chain.add(t)) {
                finishError(rec, "redirect loop via " + t, redirect.status(), redirect.took());
                return Outcome.done(delay);
            }
            URI targetUri = URI.create(t);
            int targetSite = siteOf(targetUri);
            if (targetSite < 0) {
                finishRedirected(rec, redirect, "redirect to out-of-scope " + t);
                outOfScope.incrementAndGet();
                return Outcome.done(delay);
            }
            boolean sameHost = RobotsCache.hostKey(targetUri).equals(w.host());
            UrlRecord targetRec = store.get(sourceId, t).orElse(null);
            if (!sameHost || !rules.allowed(t) || (targetRec != null && visitedThisCrawl(targetRec))) {
                // Another host has its own queue and politeness; a disallowed target gets its status there.
                finishRedirected(rec, redirect, "redirect to " + t);
                reach(t, w.depth(), targetSite, null);
                return Outcome.done(delay);
            }
            current = targetUri;
            currentRec = targetRec != null ? targetRec
                    : UrlRecord.discovered(sourceId, t, w.depth(), clock.instant());
        }
        if (lastRedirect != null) {
            String finalUrl = currentRec.url();
            finishRedirected(rec, lastRedirect, "redirect to " + finalUrl);
            int depth = w.depth();
            boolean[] isNew = new boolean[1];
            currentRec = store.update(sourceId, finalUrl, cur -> {
                if (cur != null) {
                    return cur.lastSeen() != null && !cur.lastSeen().isBefore(started) ? cur
                            : cur.toBuilder().lastSeen(clock.instant()).build();
                }
                isNew[0] = true;
                return UrlRecord.discovered(sourceId, finalUrl, depth, clock.instant());
            });
            if (isNew[0]) {
                discovered.incrementAndGet();
            }
        }
        return handle(w, uri, current, currentRec, result, delay);
    }

    private Outcome handle(Work w, URI requested, URI finalUri, UrlRecord rec, FetchResult result, long delay) {
        Instant now = clock.instant();
        Duration took = result.took();
        int site = siteOf(finalUri) < 0 ? w.site() : siteOf(finalUri);
        if (result instanceof FetchResult.NotModified) {
            notModified.incrementAndGet();
            Duration interval = grow(rec.interval());
            finish(rec.url(), b -> b.status(CrawlStatus.NOT_MODIFIED, "").httpStatus(304).fetchedAt(now)
                    .fetchDuration(took).failures(0).interval(interval).nextFetchAt(now.plus(interval)));
            replay(rec.url(), w.depth(), site);
            return Outcome.done(delay);
        }
        if (result instanceof FetchResult.Ok ok) {
            FetchedResource raw = ok.resource();
            bytes.addAndGet(raw.body().length);
            fetched.incrementAndGet();
            FetchedResource resource = new FetchedResource(requested, finalUri, raw.status(), raw.headers(),
                    raw.body(), raw.fetchedAt());
            Extraction extraction = extractor.apply(resource);
            UnaryOperator<UrlRecord.Builder> http = b -> b.httpStatus(raw.status()).fetchedAt(now)
                    .fetchDuration(took).etag(resource.header("etag").orElse(null))
                    .lastModified(resource.header("last-modified").orElse(null));
            if (extraction instanceof ExtractedDocument doc) {
                deliver(rec, doc, resource, w.depth(), site, true, http);
            } else if (extraction instanceof ExtractionFailure f) {
                failed.incrementAndGet();
                Duration interval = grow(rec.interval());
                finish(rec.url(), b -> http.apply(b).status(CrawlStatus.ERROR, f.kind() + ": " + f.reason())
                        .failures(rec.failures() + 1).interval(interval).nextFetchAt(now.plus(interval)));
                replay(rec.url(), w.depth(), site);
            }
            return Outcome.done(delay);
        }
        if (result instanceof FetchResult.HttpError e) {
            int status = e.status();
            if (status == 410 || (status == 404 && rec.failures() + 1 >= 2)) {
                String why = status == 410 ? "HTTP 410" : "HTTP 404 twice";
                finishRemoving(rec, CrawlStatus.GONE, why, b -> b.httpStatus(status).fetchedAt(now)
                        .fetchDuration(took).failures(rec.failures() + 1)
                        .nextFetchAt(now.plus(settings.maxRecrawlInterval())));
                return Outcome.done(delay);
            }
            if (e.transientFailure()) {
                Duration wait = e.retryAfter().orElse(backoff(w.attempt()));
                if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                    parkHost(w, "HTTP " + status + " with Retry-After " + wait.toSeconds() + " s");
                    return Outcome.done(wait.toMillis());
                }
                if (w.attempt() < settings.maxRetries()) {
                    return Outcome.retry(Math.max(delay, wait.toMillis()));
                }
            }
            finishError(rec, "HTTP " + status, status, took);
            replay(rec.url(), w.depth(), site);
            return Outcome.done(Math.max(delay, e.retryAfter().map(Duration::toMillis).orElse(0L)));
        }
        FetchResult.Failure f = (FetchResult.Failure) result;
        if (f.kind() == FetchResult.Failure.Kind.UNSUPPORTED_TYPE) {
            outOfScope.incrementAndGet();
            finishRemoving(rec, CrawlStatus.OUT_OF_SCOPE, f.reason(), b -> b.httpStatus(200).fetchedAt(now)
                    .nextFetchAt(now.plus(settings.maxRecrawlInterval())));
            return Outcome.done(delay);
        }
        if (f.transientFailure() && w.attempt() < settings.maxRetries()) {
            return Outcome.retry(Math.max(delay, backoff(w.attempt()).toMillis()));
        }
        finishError(rec, f.reason(), 0, took);
        replay(rec.url(), w.depth(), site);
        return Outcome.done(delay);
    }

    /**
     * Handles an extracted document: follows its links, honours noindex and canonical, and hands it to the sink
     * unless its text is unchanged since the last delivery.
     */
    private void deliver(UrlRecord rec, ExtractedDocument doc, FetchedResource resource, int depth, int site,
                         boolean followLinks, UnaryOperator<UrlRecord.Builder> http) {
        Instant now = clock.instant();
        if (followLinks) {
            List<Link> found = new ArrayList<>(doc.links());
            found.addAll(headerLinks(resource));
            List<String> links = doc.nofollow() ? List.of() : inScopeLinks(rec.url(), found);
            store.putLinks(sourceId, rec.url(), links);
            if (depth + 1 <= maxDepth(site)) {
                for (String link : links) {
                    reach(link, depth + 1, siteOf(URI.create(link)), null);
                }
            }
        }
        String hash = hash(doc.text());
        boolean changed = !hash.equals(rec.contentHash());
        Duration interval = rec.fetchedAt() == null ? clamp(settings.initialRecrawlInterval())
                : changed ? shrink(rec.interval()) : grow(rec.interval());
        UnaryOperator<UrlRecord.Builder> fetchedFacts = b -> http.apply(b).contentHash(hash).failures(0)
                .interval(interval).nextFetchAt(now.plus(interval));
        if (doc.noindex()) {
            // No content hash: it marks a delivered document (UrlRecord.indexed()).
            finishRemoving(rec, CrawlStatus.DISALLOWED, "noindex", b -> fetchedFacts.apply(b).contentHash(null));
            disallowed.incrementAndGet();
            return;
        }
        Optional<String> canonical = followLinks ? canonicalElsewhere(rec.url(), doc.canonicalUrl()) : Optional.empty();
        if (canonical.isPresent()) {
            finishRemoving(rec, CrawlStatus.REDIRECTED, "canonical " + canonical.get(), fetchedFacts);
            reach(canonical.get(), depth, siteOf(URI.create(canonical.get())), null);
            return;
        }
        if (!changed && rec.indexed()) {
            // Same text as the document already in the index: nothing for the sink to do.
            finish(rec.url(), b -> fetchedFacts.apply(b).status(CrawlStatus.FETCHED, ""));
            return;
        }
        ExtractedDocument keyed = doc.url() != null && doc.url().equals(rec.url()) ? doc : withUrl(doc, rec.url());
        commitLock.readLock().lock();
        try {
            sink.accept(source, keyed, resource);
            finish(rec.url(), b -> fetchedFacts.apply(b).status(CrawlStatus.FETCHED, ""));
        } finally {
            commitLock.readLock().unlock();
        }
    }

    /**
     * The declared canonical URL when it is another in-scope URL we should index instead. A canonical pointing to a
     * page that this crawl already turned away as non-canonical is ignored, so that two pages naming each other
     * still leave one indexed.
     */
    private Optional<String> canonicalElsewhere(String url, String declared) {
        if (declared == null || declared.isBlank()) {
            return Optional.empty();
        }
        Optional<String> c = normalizer.resolve(url, declared);
        if (c.isEmpty() || c.get().equals(url) || siteOf(URI.create(c.get())) < 0) {
            return Optional.empty();
        }
        Optional<UrlRecord> target = store.get(sourceId, c.get());
        if (target.isPresent() && visitedThisCrawl(target.get())
                && target.get().status() == CrawlStatus.REDIRECTED) {
            return Optional.empty();
        }
        return c;
    }

    /** Links that only HTTP headers carry: Link, Refresh and Content-Location. */
    static List<Link> headerLinks(FetchedResource resource) {
        List<Link> out = new ArrayList<>();
        for (String value : resource.headers().getOrDefault("link", List.of())) {
            Matcher m = LINK_HEADER.matcher(value);
            while (m.find()) {
                out.add(new Link(m.group(1).strip(), "", "link-header"));
            }
        }
        resource.header("refresh").ifPresent(v -> {
            Matcher m = REFRESH_URL.matcher(v);
            if (m.find()) {
                out.add(new Link(m.group(1), "", "refresh-header"));
            }
        });
        resource.header("content-location").ifPresent(v -> out.add(new Link(v.strip(), "", "content-location")));
        return out;
    }

    private List<String> inScopeLinks(String base, List<Link> links) {
        Set<String> out = new LinkedHashSet<>();
        for (Link link : links) {
            Optional<String> u = normalizer.resolve(base, link.url());
            if (u.isEmpty()) {
                continue;
            }
            URI uri = URI.create(u.get());
            if (siteOf(uri) < 0 || (uri.getRawPath() != null && NON_DOCUMENT.matcher(uri.getRawPath()).find())) {
                outOfScope.incrementAndGet();
                continue;
            }
            out.add(u.get());
        }
        out.remove(base);
        return List.copyOf(out);
    }

    // --- sitemaps ---

    private void announceSitemaps(RobotsCache.Robots rules, URI uri, int site) {
        if (!rules.sitemaps().isEmpty() && robotsAnnounced.add(RobotsCache.hostKey(uri))) {
            for (String s : rules.sitemaps()) {
                offerSitemap(s, site);
            }
        }
    }

    private void offerSitemap(String url, int site) {
        Optional<String> u = normalizer.normalize(url);
        if (u.isEmpty()) {
            return;
        }
        URI uri = URI.create(u.get());
        frontier.offer(new Work(Work.Kind.SITEMAP, u.get(), RobotsCache.hostKey(uri), 0, site, 0, 0));
    }

    private Outcome readSitemap(Work w) {
        if (sitemapsRead.incrementAndGet() > settings.maxSitemaps()) {
            return Outcome.done(0);
        }
        URI uri = URI.create(w.url());
        RobotsCache.Robots rules = robots.rulesFor(uri);
        if (rules.deferred()) {
            incomplete = true;
            return Outcome.done(0);
        }
        long delay = hostDelay(rules);
        URI current = uri;
        FetchResult result = null;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            result = fetcher.fetch(current, null, null, Fetcher.Limits.any(settings.maxBodyBytes()));
            if (result instanceof FetchResult.Redirect r) {
                current = r.location();
            } else {
                break;
            }
        }
        if (!(result instanceof FetchResult.Ok ok)) {
            if (result instanceof FetchResult.HttpError e && e.transientFailure()
                    && w.attempt() < settings.maxRetries()) {
                return Outcome.retry(Math.max(delay, e.retryAfter().orElse(backoff(w.attempt())).toMillis()));
            }
            LOG.debugf("sitemap %s not read: %s", w.url(), result);
            return Outcome.done(delay);
        }
        bytes.addAndGet(ok.resource().body().length);
        SitemapReader.Parsed parsed = SitemapReader.parse(current, ok.resource().body(),
                ok.resource().contentType().orElse(""));
        if (parsed instanceof SitemapReader.Index index) {
            index.sitemaps().forEach(s -> offerSitemap(s, w.site()));
        } else if (parsed instanceof SitemapReader.Urls urls) {
            for (SitemapReader.Entry e : urls.entries()) {
                Optional<String> u = normalizer.normalize(e.url());
                if (u.isEmpty()) {
                    continue;
                }
                int site = siteOf(URI.create(u.get()));
                if (site < 0) {
                    outOfScope.incrementAndGet();
                    continue;
                }
                reach(u.get(), 0, site, e.lastModified());
            }
        } else if (parsed instanceof SitemapReader.Unreadable bad) {
            LOG.debugf("%s", bad.reason());
        }
        return Outcome.done(delay);
    }

    // --- the frontier in the store ---

    /**
     * A URL was reached (seed, link, sitemap, redirect): make sure it is recorded as seen in this crawl and queued
     * if this crawl has not processed it yet.
     *
     * @param lastmod a sitemap's lastmod, which makes a known URL due when newer than our last fetch
     */
    private void reach(String url, int depth, int site, Instant lastmod) {
        if (site < 0 || depth > maxDepth(site)) {
            return;
        }
        if (!reached.add(url) && lastmod == null) {
            return;
        }
        URI uri = URI.create(url);
        Instant now = clock.instant();
        boolean[] isNew = new boolean[1];
        UrlRecord after = store.update(sourceId, url, cur -> {
            if (cur == null) {
                Optional<String> trap = traps.check(uri);
                if (trap.isPresent()) {
                    outOfScope.incrementAndGet();
                    return UrlRecord.discovered(sourceId, url, depth, now).toBuilder()
                            .status(CrawlStatus.OUT_OF_SCOPE, trap.get()).queuedFrom(null).visitedAt(now).build();
                }
                isNew[0] = true;
                return UrlRecord.discovered(sourceId, url, depth, now);
            }
            if (cur.status() == CrawlStatus.OUT_OF_SCOPE && cur.reason().startsWith("trap")) {
                return cur;
            }
            UrlRecord.Builder b = cur.toBuilder();
            boolean changed = false;
            if (cur.lastSeen() == null || cur.lastSeen().isBefore(started)) {
                b.lastSeen(now);
                changed = true;
            }
            if (depth < cur.depth()) {
                b.depth(depth);
                changed = true;
            }
            if (lastmod != null && cur.fetchedAt() != null && lastmod.isAfter(cur.fetchedAt())
                    && (cur.nextFetchAt() == null || cur.nextFetchAt().isAfter(now))) {
                b.nextFetchAt(now);
                changed = true;
            }
            if (!visitedThisCrawl(cur) && (cur.queuedFrom() == null || cur.queuedFrom().isAfter(started))) {
                b.queuedFrom(Instant.EPOCH);
                changed = true;
            }
            return changed ? b.build() : cur;
        });
        if (isNew[0]) {
            discovered.incrementAndGet();
        }
        if (after != null && after.queuedFrom() != null && !visitedThisCrawl(after)) {
            frontier.offer(new Work(Work.Kind.PAGE, url, RobotsCache.hostKey(uri), after.depth(), site, 0, 0));
        }
    }

    /** Re-reaches the stored outlinks of a page that was not (or could not be) fetched this time. */
    private void replay(String url, int depth, int site) {
        if (depth + 1 > maxDepth(site)) {
            return;
        }
        for (String link : store.links(sourceId, url)) {
            try {
                reach(link, depth + 1, siteOf(URI.create(link)), null);
            } catch (IllegalArgumentException e) {
                // a link stored by an older version that no longer parses: skip it
            }
        }
    }

    private List<Work> refill(int limit) {
        List<Work> out = new ArrayList<>();
        for (UrlRecord r : store.queued(sourceId, started, limit)) {
            URI uri;
            try {
                uri = new URI(r.url());
            } catch (URISyntaxException e) {
                continue;
            }
            out.add(new Work(Work.Kind.PAGE, r.url(), RobotsCache.hostKey(uri), r.depth(), siteOf(uri), 0, 0));
        }
        return out;
    }

    private void park(String url) {
        Instant until = clock.instant().isAfter(started) ? clock.instant() : started.plusMillis(1);
        store.update(sourceId, url, cur -> cur == null ? null : cur.toBuilder().queuedFrom(until).build());
    }

    private void parkHost(Work w, String reason) {
        LOG.infof("crawl of %s: host %s deferred to the next crawl (%s)", sourceId, w.host(), reason);
        incomplete = true;
        park(w.url());
        disallowed.incrementAndGet();
        for (Work other : frontier.park(w.host())) {
            if (other.kind() == Work.Kind.PAGE) {
                park(other.url());
                disallowed.incrementAndGet();
            }
        }
    }

    private void removeDropped() {
        while (true) {
            List<UrlRecord> dropped = store.indexedNotSeenSince(sourceId, started, 1000);
            if (dropped.isEmpty()) {
                return;
            }
            for (UrlRecord r : dropped) {
                finishRemoving(r, CrawlStatus.GONE, "no longer linked or listed", b -> b.lastSeen(r.lastSeen()));
            }
        }
    }

    // --- document folders ---

    private void crawlFolder(DocumentFolder folder) {
        Path root = folder.path().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            LOG.warnf("source %s: document folder %s does not exist", sourceId, root);
            failed.incrementAndGet();
            incomplete = true;
            return;
        }
        List<PathMatcher> includes = folder.include().stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (cancelled.getAsBoolean()) {
                        return FileVisitResult.TERMINATE;
                    }
                    Path rel = root.relativize(file);
                    if (!attrs.isRegularFile() || (!includes.isEmpty() && includes.stream()
                            .noneMatch(m -> m.matches(rel) || m.matches(rel.getFileName())))) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = file.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String type = dot < 0 ? null : FILE_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
                    if (type == null) {
                        outOfScope.incrementAndGet();
                        return FileVisitResult.CONTINUE;
                    }
                    crawlFile(fileUrl(folder, rel, file), file, attrs, type);
                    listener.progress(snapshot(false));
                    maybeCommit();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.debugf("cannot read %s: %s", file, e);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("source %s: walking %s failed: %s", sourceId, root, e);
            incomplete = true;
        }
    }

    private static String fileUrl(DocumentFolder folder, Path rel, Path file) {
        if (folder.baseUrl() == null || folder.baseUrl().isBlank()) {
            return file.toUri().toString();
        }
        String base = folder.baseUrl().endsWith("/") ? folder.baseUrl() : folder.baseUrl() + "/";
        StringBuilder path = new StringBuilder();
        for (Path part : rel) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part.toString());
        }
        try {
            return base + new URI(null, null, path.toString(), null).getRawPath();
        } catch (URISyntaxException e) {
            return base + path;
        }
    }

    private void crawlFile(String url, Path file, BasicFileAttributes attrs, String type) {
        Instant now = clock.instant();
        String fingerprint = attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
        boolean[] isNew = new boolean[1];
        // Files are never queued in the store: the folder walk is their frontier, and a queued file: URL would
        // reach the website workers, for which it is out of scope.
        UrlRecord rec = store.update(sourceId, url, cur -> {
            if (cur == null) {
                isNew[0] = true;
                return UrlRecord.discovered(sourceId, url, 0, now).toBuilder().queuedFrom(null).build();
            }
            return cur.toBuilder().lastSeen(now).build();
        });
        if (isNew[0]) {
            discovered.incrementAndGet();
        }
        if (fingerprint.equals(rec.etag()) && rec.indexed()) {
            notModified.incrementAndGet();
            finish(url, b -> b.status(CrawlStatus.NOT_MODIFIED, "").fetchedAt(now));
            return;
        }
        if (attrs.size() > settings.maxBodyBytes()) {
            finishError(rec, "file larger than " + settings.maxBodyBytes() + " bytes", 0, Duration.ZERO);
            return;
        }
        long start = System.nanoTime();
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            finishError(rec, "cannot read file: " + e.getMessage(), 0, Duration.ZERO);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        bytes.addAndGet(body.length);
        fetched.incrementAndGet();
        URI uri = URI.create(url);
        String lastModified = HTTP_DATE.format(attrs.lastModifiedTime().toInstant());
        FetchedResource resource = new FetchedResource(uri, uri, 200,
                Map.of("content-type", List.of(type), "last-modified", List.of(lastModified)), body, now);
        Extraction extraction = extractor.apply(resource);
        UnaryOperator<UrlRecord.Builder> facts = b -> b.httpStatus(200).fetchedAt(now).fetchDuration(took)
                .etag(fingerprint).lastModified(lastModified);
        if (extraction instanceof ExtractedDocument doc) {
            deliver(rec, doc, resource, 0, -1, false, facts);
        } else if (extraction instanceof ExtractionFailure f) {
            failed.incrementAndGet();
            finish(url, b -> facts.apply(b).status(CrawlStatus.ERROR, f.kind() + ": " + f.reason())
                    .failures(rec.failures() + 1));
        }
    }

    // --- recording outcomes ---

    /** Marks a URL processed in this crawl, applying {@code changes}. */
    private void finish(String url, UnaryOperator<UrlRecord.Builder> changes) {
        Instant now = clock.instant();
        store.update(sourceId, url, cur -> cur == null ? null
                : changes.apply(cur.toBuilder()).queuedFrom(null).visitedAt(now).build());
    }

    private void finishRedirected(UrlRecord rec, FetchResult.Redirect redirect, String reason) {
        Instant now = clock.instant();
        Duration interval = grow(rec.interval());
        finishRemoving(rec, CrawlStatus.REDIRECTED, reason, b -> b.httpStatus(redirect.status()).fetchedAt(now)
                .fetchDuration(redirect.took()).failures(0).contentHash(null).interval(interval)
                .nextFetchAt(now.plus(interval)));
    }

    /** Records a status that takes the URL out of the index, removing its document if it was there. */
    private void finishRemoving(UrlRecord rec, CrawlStatus status, String reason,
                                UnaryOperator<UrlRecord.Builder> changes) {
        if (rec.indexed()) {
            commitLock.readLock().lock();
            try {
                sink.remove(source, rec.url());
                removed.incrementAndGet();
                finish(rec.url(), b -> changes.apply(b).status(status, reason).contentHash(null));
            } finally {
                commitLock.readLock().unlock();
            }
        } else {
            finish(rec.url(), b -> changes.apply(b).status(status, reason).contentHash(null));
        }
    }

    /** A failure: the document (if any) stays in the index, and the URL is tried again after a growing wait. */
    private void finishError(UrlRecord rec, String reason, int httpStatus, Duration took) {
        failed.incrementAndGet();
        Instant now = clock.instant();
        int failures = rec.failures() + 1;
        Duration wait = settings.errorRetryInterval().multipliedBy(1L << Math.min(failures - 1, 6));
        finish(rec.url(), b -> b.status(CrawlStatus.ERROR, reason).httpStatus(httpStatus).fetchedAt(now)
                .fetchDuration(took).failures(failures).nextFetchAt(now.plus(wait)));
    }

    private void maybeCommit() {
        int n = sinceCommit.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLogNanos >= settings.progressInterval().toNanos()) {
            lastLogNanos = now;
            // DEBUG: the application logs progress with an ETA from CrawlScheduler; this line is for library use.
            LOG.debugf("crawl of %s: %d fetched, %d not modified, %d failed, %d queued in memory, %d discovered",
                    sourceId, fetched.get(), notModified.get(), failed.get(), frontier.size(), discovered.get());
        }
        if ((n >= settings.commitEvery() || now - lastCommitNanos >= settings.commitInterval().toNanos())
                && committing.tryLock()) {
            try {
                commit();
            } finally {
                committing.unlock();
            }
        }
    }

    private void commit() {
        commitLock.writeLock().lock();
        try {
            sink.commit();
            store.commit();
            sinceCommit.set(0);
            lastCommitNanos = System.nanoTime();
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    // --- helpers ---

    /** Whether the stored outlinks of a page not fetched this time still keep its targets alive. */
    private static boolean linksStillCount(UrlRecord r) {
        return switch (r.status()) {
            case GONE, OUT_OF_SCOPE -> false;
            case DISALLOWED -> r.reason().equals("noindex"); // noindex pages may still be followed
            default -> true;
        };
    }

    private boolean visitedThisCrawl(UrlRecord r) {
        return r.visitedAt() != null && !r.visitedAt().isBefore(started);
    }

    private int siteOf(URI uri) {
        List<Website> sites = source.websites();
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i).scope().contains(uri)) {
                return i;
            }
        }
        return -1;
    }

    private int maxDepth(int site) {
        return site < 0 ? 0 : source.websites().get(site).maxDepth();
    }

    private long hostDelay(RobotsCache.Robots rules) {
        if (!settings.politeness()) {
            return 0;
        }
        long delay = settings.defaultDelay().toMillis();
        long crawlDelay = Math.min(rules.crawlDelayMillis(), settings.maxCrawlDelay().toMillis());
        return Math.max(delay, crawlDelay);
    }

    private Duration backoff(int attempt) {
        return settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 10));
    }

    private Duration clamp(Duration d) {
        if (d.compareTo(settings.minRecrawlInterval()) < 0) {
            return settings.minRecrawlInterval();
        }
        return d.compareTo(settings.maxRecrawlInterval()) > 0 ? settings.maxRecrawlInterval() : d;
    }

    /** Unchanged content: wait half as long again before the next look. */
    private Duration grow(Duration interval) {
        return clamp(interval.isZero() ? settings.initialRecrawlInterval() : interval.multipliedBy(3).dividedBy(2));
    }

    /** Changed content: look twice as often. */
    private Duration shrink(Duration interval) {
        return clamp(interval.isZero() ? settings.initialRecrawlInterval() : interval.dividedBy(2));
    }

    private static String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ExtractedDocument withUrl(ExtractedDocument d, String url) {
        return new ExtractedDocument(url, d.canonicalUrl(), d.title(), d.description(), d.text(), d.language(),
                d.declaredLanguage(), d.mediaType(), d.published(), d.modified(), d.author(), d.pages(), d.links(),
                d.noindex(), d.nofollow(), d.metadata());
    }

    private CrawlReport snapshot(boolean wasCancelled) {
        return new CrawlReport(sourceId, started, clock.instant(), discovered.get(), fetched.get(), notModified.get(),
                failed.get(), removed.get(), disallowed.get(), outOfScope.get(), bytes.get(), wasCancelled);
    }

    /**
     * URLs already reached in this crawl, as 64-bit hashes in an open-addressing table: saves a store lookup per
     * repeated link (navigation links repeat on every page). Bounded: when full it is cleared, which only costs
     * lookups.
     */
    private static final class ReachedSet {
        private final int max;
        private long[] table = new long[1 << 12];
        private int size;

        ReachedSet(int max) {
            this.max = max;
        }

        synchronized boolean add(String s) {
            long h = hash64(s);
            if (h == 0) {
                h = 1;
            }
            if (size * 2 >= table.length) {
                if (table.length >= max) {
                    table = new long[table.length];
                    size = 0;
                } else {
                    long[] old = table;
                    table = new long[old.length * 2];
                    size = 0;
                    for (long v : old) {
                        if (v != 0) {
                            insert(v);
                        }
                    }
                }
            }
            return insert(h);
        }

        private boolean insert(long h) {
            int mask = table.length - 1;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (table[i] != 0) {
                if (table[i] == h) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            table[i] = h;
            size++;
            return true;
        }

        private static long hash64(String s) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            return h ^ (h >>> 29);
        }
    }
}
