package org.sdgsearch.extract;

/**
 * An outlink found in a document.
 *
 * @param url    absolute URL as found (not yet normalised: normalisation is the crawler's job)
 * @param anchor anchor text, may be empty
 * @param rel    where it came from: "a", "area", "iframe", "alternate", "canonical", "pdf"...
 */
public record Link(String url, String anchor, String rel) {
}
