package org.sdgsearch.crawl;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one HTTP request (one hop: redirects are returned, not followed). Failures are values, as in
 * crawler-commons, so that the crawler decides with a switch rather than with catch blocks.
 */
sealed interface FetchResult {

    /** How long the request took. */
    Duration took();

    /** A 2xx response with its whole (decompressed) body. */
    record Ok(FetchedResource resource, Duration took) implements FetchResult {
    }

    /** 304: the conditional request found the resource unchanged. */
    record NotModified(Duration took) implements FetchResult {
    }

    /** A 3xx with a Location (resolved against the request URL, not yet normalised). */
    record Redirect(int status, URI location, Duration took) implements FetchResult {
    }

    /** Any other HTTP status; {@code retryAfter} when the server sent a usable Retry-After. */
    record HttpError(int status, Optional<Duration> retryAfter, Duration took) implements FetchResult {

        /** 429 and the 5xx that usually pass: worth trying again later in the same crawl. */
        boolean transientFailure() {
            return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
        }
    }

    /** The request did not produce a usable response. */
    record Failure(Kind kind, String reason, Duration took) implements FetchResult {

        /** Why. */
        enum Kind { CONNECT, TIMEOUT, IO, TOO_LARGE, UNSUPPORTED_TYPE, BAD_URL,
            /** The host resolves to an address the SSRF guard refuses; nothing was sent. */
            BLOCKED_ADDRESS }

        /** Network trouble may pass; a too-large body or an unwanted type will not. */
        boolean transientFailure() {
            return kind == Kind.CONNECT || kind == Kind.TIMEOUT || kind == Kind.IO;
        }
    }
}
