package org.sdgsearch.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sdgsearch.crawl.FetchedResource;

/** Builds fetched resources from test fixtures. */
final class Fixtures {

    static final Instant FETCHED = Instant.parse("2025-01-01T00:00:00Z");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200 response for a URL with headers given as name, value pairs. */
    static FetchedResource resource(String url, byte[] body, String... headers) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            map.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(headers[i + 1]);
        }
        URI uri = URI.create(url);
        return new FetchedResource(uri, uri, 200, map, body, FETCHED);
    }

    static FetchedResource fixture(String name, String... headers) {
        return resource("https://example.org/pages/" + name, bytes(name), headers);
    }

    static ExtractedDocument document(Extraction extraction) {
        if (extraction instanceof ExtractedDocument doc) {
            return doc;
        }
        throw new AssertionError("expected a document, got " + extraction);
    }

    static ExtractionFailure failure(Extraction extraction) {
        if (extraction instanceof ExtractionFailure f) {
            return f;
        }
        ExtractedDocument d = (ExtractedDocument) extraction;
        throw new AssertionError("expected a failure, got a document of " + d.mediaType() + " with "
                + d.text().length() + " chars");
    }
}
