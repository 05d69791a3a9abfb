package org.sdgsearch.crawl;

import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.source.Source;

/**
 * Where the crawler delivers what it harvested. The implementation classifies and indexes; it deduplicates by
 * content so that the same text published at several URLs or by several partnerships is indexed once with every
 * URL and partnership remembered.
 */
public interface DocumentSink {

    /**
     * A page or document of a source was fetched and extracted (and robots rules allow indexing it).
     *
     * @param source   the publishing partnership
     * @param document the extracted document; its {@code url} is the normalised URL it was found at
     * @param fetched  the raw resource (for HTTP dates and headers)
     */
    void accept(Source source, ExtractedDocument document, FetchedResource fetched);

    /**
     * A URL of a source is gone (410, 404 twice, dropped from the site, now noindex): remove it from the
     * documents that list it, and the documents that no longer have any URL.
     */
    void remove(Source source, String url);

    /** Makes everything delivered so far durable and visible to searches. */
    void commit();
}
