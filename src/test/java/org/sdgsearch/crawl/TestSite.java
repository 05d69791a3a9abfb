package org.sdgsearch.crawl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.sdgsearch.source.Scope;
import org.sdgsearch.source.Website;

/** A website on loopback for crawler tests: routes by path (and query), with a log of every request. */
final class TestSite implements AutoCloseable {

    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A request as the server saw it. */
    record Request(String target, String ifNoneMatch, String userAgent, long nanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> log = Collections.synchronizedList(new ArrayList<>());
    /** Released at close: slow handlers wait on it instead of sleeping. */
    final CountDownLatch closing = new CountDownLatch(1);
    final String base;

    TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        log.add(new Request(target, ex.getRequestHeaders().getFirst("If-None-Match"),
                ex.getRequestHeaders().getFirst("User-Agent"), System.nanoTime()));
        Handler h = routes.get(target);
        if (h == null) {
            h = routes.get(uri.getRawPath());
        }
        if (h == null) {
            h = routes.get("*");
        }
        try {
            if (h == null) {
                send(ex, 404, "text/plain", "not found");
            } else {
                h.handle(ex);
            }
        } catch (IOException e) {
            // the crawler hung up (timeouts, size limits): expected in some tests
        } finally {
            ex.close();
        }
    }

    /** Routes a target (path, or path and query); {@code "*"} answers everything else. */
    TestSite route(String target, Handler h) {
        routes.put(target, h);
        return this;
    }

    /** An HTML page with an ETag that answers conditional requests with 304. */
    TestSite page(String path, String title, String... links) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1><p>This page is about ")
                .append(title).append(" and sustainable development in many countries.</p>");
        for (String l : links) {
            html.append("<p><a href=\"").append(l).append("\">link to ").append(l).append("</a></p>");
        }
        html.append("</body></html>");
        return html(path, html.toString());
    }

    TestSite html(String path, String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Integer.toHexString(html.hashCode()) + "\"";
        return route(path, ex -> {
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", body, "ETag", etag);
        });
    }

    TestSite robots(String text) {
        return route("/robots.txt", ex -> send(ex, 200, "text/plain", text));
    }

    static void send(HttpExchange ex, int status, String type, String body, String... headers) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static void send(HttpExchange ex, int status, String type, byte[] body, String... headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Handler redirect(int status, String location) {
        return ex -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(status, -1);
        };
    }

    String url(String path) {
        return base + path;
    }

    /** How often a target (path plus query) was requested. */
    long hits(String target) {
        synchronized (log) {
            return log.stream().filter(r -> r.target().equals(target)).count();
        }
    }

    List<Request> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Requests per target. */
    Map<String, Integer> hitCounts() {
        Map<String, Integer> m = new HashMap<>();
        for (Request r : requests()) {
            m.merge(r.target(), 1, Integer::sum);
        }
        return m;
    }

    /** A website made of this server only (scope: its host and port). */
    Website website(int maxDepth, int maxPages, String... seedPaths) {
        List<URI> seeds = new ArrayList<>();
        for (String p : seedPaths) {
            seeds.add(URI.create(url(p)));
        }
        return new Website(seeds, List.of(), scope(), maxDepth, maxPages);
    }

    Scope scope() {
        return new Scope(List.of("127.0.0.1"), false, List.of(),
                List.of(Pattern.compile("^" + Pattern.quote(base + "/"))), List.of());
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
