package org.sdgsearch.crawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One HTTP GET with the crawler's limits: connect and read timeouts, a total time limit, a streaming size limit,
 * a content-type allowlist checked before the body is read, gzip/deflate decoding and conditional headers.
 * Redirects are not followed here, so that the crawler can check every hop against scope and robots.txt.
 */
final class Fetcher implements AutoCloseable {

    /** Limits for one request. */
    record Limits(long maxBytes, List<String> contentTypes) {
        /** No content-type check (robots.txt, sitemaps). */
        static Limits any(long maxBytes) {
            return new Limits(maxBytes, List.of());
        }
    }

    private final CrawlerSettings settings;
    private final HttpClient client;
    /** Bodies being read, watched for silence and total time (the JDK client has no body read timeout). */
    private final Map<InputStream, long[]> reading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    Fetcher(CrawlerSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 keeps "one connection per host" literal and avoids h2c upgrade attempts on plain http.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crawl-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(20, Math.min(250, settings.readTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::abortStalled, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Fetches one URL.
     *
     * @param etag         sent as If-None-Match when not null
     * @param lastModified sent as If-Modified-Since when not null
     */
    FetchResult fetch(URI url, String etag, String lastModified, Limits limits) {
        long start = System.nanoTime();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url)
                    .GET()
                    .timeout(settings.readTimeout())
                    .header("User-Agent", settings.userAgent())
                    .header("Accept-Encoding", "gzip, deflate")
                    .header("Accept", "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8");
        } catch (IllegalArgumentException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.BAD_URL, "bad URL: " + e.getMessage(),
                    took(start));
        }
        Optional<String> blocked = blockedAddress(url);
        if (blocked.isPresent()) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.BLOCKED_ADDRESS, blocked.get(), took(start));
        }
        if (etag != null && !etag.isEmpty()) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isEmpty()) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.CONNECT, "connect timeout", took(start));
        } catch (HttpTimeoutException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.TIMEOUT, "read timeout", took(start));
        } catch (ConnectException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.CONNECT, "connection refused", took(start));
        } catch (IOException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.IO, "I/O error: " + e, took(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchResult.Failure(FetchResult.Failure.Kind.IO, "interrupted", took(start));
        } catch (IllegalArgumentException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.BAD_URL, "bad URL: " + e.getMessage(),
                    took(start));
        }
        try (InputStream body = response.body()) {
            return interpret(url, response, body, limits, start);
        } catch (IOException e) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.IO, "I/O error closing body", took(start));
        }
    }

    /**
     * The SSRF guard, asked before every request: redirects are not followed by the client, so each hop comes
     * through here. Resolution failures are left to the HTTP client, which reports them as usual.
     */
    private Optional<String> blockedAddress(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!settings.addressAllowed().test(a)) {
                    return Optional.of("address not allowed: " + url.getHost() + " resolves to " + a.getHostAddress()
                            + " (" + AddressGuard.whyRefused(a).orElse("refused by configuration") + ")");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private FetchResult interpret(URI url, HttpResponse<InputStream> response, InputStream body, Limits limits,
                                  long start) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        if (status == 304) {
            return new FetchResult.NotModified(took(start));
        }
        if (status >= 300 && status < 400) {
            Optional<String> location = headers.firstValue("location");
            if (location.isPresent()) {
                try {
                    return new FetchResult.Redirect(status, url.resolve(location.get().strip()), took(start));
                } catch (IllegalArgumentException e) {
                    return new FetchResult.Failure(FetchResult.Failure.Kind.BAD_URL,
                            "bad redirect location: " + location.get(), took(start));
                }
            }
            return new FetchResult.HttpError(status, Optional.empty(), took(start));
        }
        if (status < 200 || status >= 300) {
            return new FetchResult.HttpError(status, retryAfter(headers), took(start));
        }
        String contentType = headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).strip();
        if (!limits.contentTypes().isEmpty() && !contentType.isEmpty()
                && limits.contentTypes().stream().noneMatch(contentType::startsWith)) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.UNSUPPORTED_TYPE,
                    "content type not crawled: " + contentType, took(start));
        }
        long declared = headers.firstValueAsLong("content-length").orElse(-1);
        String encoding = headers.firstValue("content-encoding").orElse("identity").toLowerCase(Locale.ROOT).strip();
        if (declared > limits.maxBytes() && encoding.equals("identity")) {
            return new FetchResult.Failure(FetchResult.Failure.Kind.TOO_LARGE,
                    "body larger than " + limits.maxBytes() + " bytes", took(start));
        }
        long now = System.nanoTime();
        reading.put(body, new long[] {now, now});
        try {
            byte[] bytes = readLimited(decode(body, encoding), body, limits.maxBytes());
            if (bytes == null) {
                return new FetchResult.Failure(FetchResult.Failure.Kind.TOO_LARGE,
                        "body larger than " + limits.maxBytes() + " bytes", took(start));
            }
            return new FetchResult.Ok(new FetchedResource(url, url, status, lowerCase(headers), bytes,
                    Instant.now()), took(start));
        } catch (IOException e) {
            boolean aborted = !reading.containsKey(body);
            return new FetchResult.Failure(aborted ? FetchResult.Failure.Kind.TIMEOUT : FetchResult.Failure.Kind.IO,
                    aborted ? "read timeout while receiving the body" : "I/O error reading the body: " + e,
                    took(start));
        } finally {
            reading.remove(body);
        }
    }

    /** Reads at most {@code max} bytes; null when the body is longer (the rest is never read). */
    private byte[] readLimited(InputStream in, InputStream raw, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
            long[] progress = reading.get(raw);
            if (progress != null) {
                progress[1] = System.nanoTime();
            }
        }
        if (!reading.containsKey(raw)) {
            throw new IOException("aborted");
        }
        return out.toByteArray();
    }

    private static InputStream decode(InputStream body, String encoding) throws IOException {
        switch (encoding) {
            case "gzip", "x-gzip":
                return new GZIPInputStream(body, 8192);
            case "deflate":
                // RFC 9110 says zlib-wrapped, but some servers send raw deflate: look at the header to tell them apart.
                PushbackInputStream in = new PushbackInputStream(body, 2);
                int b0 = in.read();
                int b1 = in.read();
                if (b1 >= 0) {
                    in.unread(b1);
                }
                if (b0 >= 0) {
                    in.unread(b0);
                }
                boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
                return new InflaterInputStream(in, new Inflater(!zlib), 8192);
            default:
                return body;
        }
    }

    private void abortStalled() {
        long now = System.nanoTime();
        long idle = settings.readTimeout().toNanos();
        long total = settings.maxFetchTime().toNanos();
        for (Map.Entry<InputStream, long[]> e : reading.entrySet()) {
            long[] t = e.getValue();
            if (now - t[1] > idle || now - t[0] > total) {
                if (reading.remove(e.getKey()) != null) {
                    try {
                        e.getKey().close(); // unblocks the reader, which then reports a timeout
                    } catch (IOException ignored) {
                        // closing is best effort; the reader sees the removal either way
                    }
                }
            }
        }
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    private static Map<String, List<String>> lowerCase(HttpHeaders headers) {
        Map<String, List<String>> out = new TreeMap<>();
        headers.map().forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            var all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        // The body is handed on decompressed, so the encoding headers no longer describe it.
        out.remove("content-encoding");
        out.remove("content-length");
        return out;
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
