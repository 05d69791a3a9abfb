package org.sdgsearch.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the fetcher got for one URL: the bytes and the HTTP facts needed to interpret them.
 *
 * @param requestedUrl the URL we asked for (normalised)
 * @param finalUrl     the URL that answered after redirects (equal to {@code requestedUrl} when none)
 * @param status       HTTP status code (200 for a file read from a document folder)
 * @param headers      response headers, names in lower case
 * @param body         the (decompressed) body; never null
 * @param fetchedAt    when the response was complete
 */
public record FetchedResource(URI requestedUrl, URI finalUrl, int status, Map<String, List<String>> headers,
                              byte[] body, Instant fetchedAt) {

    public FetchedResource {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** The Content-Type header as sent (with parameters such as charset), if any. */
    public Optional<String> contentType() {
        return header("content-type");
    }
}
