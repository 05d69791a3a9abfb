package org.sdgsearch.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small website on a loopback address for crawl tests: pages are set by path and can change between crawls;
 * a page whose body starts with "REDIRECT " answers 302 to the rest, "SLOW " sleeps a second first; unknown paths
 * answer 404. Counts requests, so a test can prove that a host was never contacted.
 */
final class OpsFixtureSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    OpsFixtureSite(String loopbackAddress) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fixture-site");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The site's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
    String base() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    void page(String path, String body) {
        pages.put(path, body);
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String body = pages.get(ex.getRequestURI().getPath());
            if (body == null) {
                send(ex, 404, "text/plain", "not found");
            } else if (body.startsWith("REDIRECT ")) {
                ex.getResponseHeaders().add("Location", body.substring(9));
                ex.sendResponseHeaders(302, -1);
            } else if (body.startsWith("SLOW ")) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "text/html; charset=utf-8", body.substring(5));
            } else {
                String type = ex.getRequestURI().getPath().endsWith(".txt") ? "text/plain"
                        : ex.getRequestURI().getPath().endsWith(".xml") ? "application/xml"
                        : "text/html; charset=utf-8";
                send(ex, 200, type, body);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
