package org.sdgsearch.extract;

/**
 * Extraction did not yield a document.
 *
 * @param url    the resource's URL
 * @param kind   a stable machine-readable category (for counting and for the crawl status)
 * @param reason a human-readable explanation (shown to operators and partners)
 */
public record ExtractionFailure(String url, Kind kind, String reason) implements Extraction {

    /** Why extraction failed. */
    public enum Kind { UNSUPPORTED_TYPE, ENCRYPTED, DAMAGED, TIMEOUT, TOO_LARGE, EMPTY, ERROR }
}
