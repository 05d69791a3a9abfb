package org.sdgsearch.extract;

/**
 * The outcome of extracting one fetched resource: a document, or a failure with a reason. Failures are values,
 * never exceptions, so that one broken file cannot stop a crawl.
 */
public sealed interface Extraction permits ExtractedDocument, ExtractionFailure {
}
