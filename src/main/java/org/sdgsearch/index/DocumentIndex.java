package org.sdgsearch.index;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The document index as the rest of the application sees it: our own records only, no Lucene types, so that a
 * distributed backend (SolrCloud) can take the place of the embedded {@link LuceneIndex}.
 */
public interface DocumentIndex {

    /** Adds or replaces the document with this id. */
    void put(IndexedDocument doc);

    /** Removes the document with this id, if any. */
    void delete(String id);

    /** Makes the changes durable and visible. */
    void commit();

    /** Makes the changes visible to searches without the cost of a durable commit. */
    void refresh();

    /** The document with this id. */
    Optional<IndexedDocument> get(String id);

    /** The documents published at this URL. */
    List<IndexedDocument> byUrl(String url);

    /** Up to {@code max} documents of a partnership. */
    List<IndexedDocument> byPartnership(String partnership, int max);

    /** When content of the partnership last changed, or null. */
    Instant lastChange(String partnership);

    /** Number of documents. */
    int count();

    /** Whether the index accepts writes (for readiness). */
    boolean isWritable();

    /** Where the index lives (for the free-disk check). */
    Path path();
}
