package org.sdgsearch.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real HTTP server on loopback with the fixture site of src/test/resources/fixture-site (a partnership
 * site with water, education, French and XSS pages, a robots.txt and a sitemap), and points the application at a
 * sources file that lists it next to the offline demo source, with a fresh data directory. The application crawls
 * both at start; tests wait for the crawl with {@code Engine.jobs().awaitIdle}.
 */
public class FixtureSite implements QuarkusTestResourceLifecycleManager {

    public static final String SOURCE_ID = "riverbank";
    private HttpServer server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/")) {
                    path += "index.html";
                }
                try (InputStream in = FixtureSite.class.getResourceAsStream("/fixture-site" + path)) {
                    if (in == null || path.contains("..")) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    byte[] body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{base}", base)
                            .getBytes(StandardCharsets.UTF_8);
                    String type = path.endsWith(".html") ? "text/html; charset=utf-8"
                            : path.endsWith(".xml") ? "application/xml" : "text/plain; charset=utf-8";
                    exchange.getResponseHeaders().add("Content-Type", type);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            dir = Files.createTempDirectory("sdgsearch-test");
            Path demo = Path.of("crawler-config/demo").toAbsolutePath();
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, """
                    sources:
                      - id: %s
                        name: Riverbank Partnership
                        description: Fixture partnership served from loopback.
                        countries: [KE]
                        stakeholder-types: [government, civil society]
                        websites:
                          - seeds: [%s/]
                            max-pages: 50
                      - id: demo-alliance
                        name: Demo Alliance for Water, Health and Learning
                        countries: [KE, SN, BD, PE]
                        folders:
                          - path: %s
                            base-url: http://localhost:8080/demo/
                    """.formatted(SOURCE_ID, base, demo), StandardCharsets.UTF_8);
            return Map.of("sdg.sources-file", sources.toString(), "sdg.data-dir", dir.resolve("data").toString(),
                    "sdg.crawl.on-start", "true", "sdg.crawl.delay", "0s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
