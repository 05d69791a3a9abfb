package org.sdgsearch.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.sdgsearch.source.DocumentFolder;
import org.sdgsearch.source.Source;

/**
 * Serves the files of document folders that declare a base URL on this server ({@code /demo/}), so that results
 * of the offline demo source open in the browser. Only files inside a configured folder are served.
 */
@jakarta.ws.rs.Path("/demo")
public class DemoContentResource {

    @Inject
    Engine engine;

    @GET
    @jakarta.ws.rs.Path("/{file: .*}")
    public Response file(@PathParam("file") String file) throws IOException {
        for (Source s : engine.sources().values()) {
            for (DocumentFolder f : s.folders()) {
                if (f.baseUrl() == null || !f.baseUrl().contains("/demo/")) {
                    continue;
                }
                if (!Files.isDirectory(f.path())) {
                    continue;
                }
                // Real paths: a symbolic link inside the folder must not lead outside it.
                Path root = f.path().toRealPath();
                Path target = root.resolve(file.isEmpty() ? "index.html" : file).normalize();
                if (!target.startsWith(root) || !Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || target.getFileName().toString().startsWith(".") || !target.toRealPath().startsWith(root)) {
                    continue;
                }
                String type = Optional.ofNullable(Files.probeContentType(target)).orElse(guess(target));
                return Response.ok(Files.readAllBytes(target), type)
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox")
                        .build();
            }
        }
        throw Problem.notFound("No demo file " + Params.abbreviate(file));
    }

    private static String guess(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (n.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
