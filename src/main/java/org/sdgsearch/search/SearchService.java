package org.sdgsearch.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sdgsearch.index.IndexedDocument;

/**
 * The read side of the index, in our own records only, so that a second backend (SolrCloud) fits behind it.
 */
public interface SearchService {

    /** Runs a search; never throws for any user input (bad parameters are refused by the API before). */
    SearchResult search(SearchRequest request);

    /** As-you-type suggestions for a prefix: titles, partnership names and frequent terms. */
    List<Suggestion> suggest(String prefix, int max);

    /** One document with its SDG profile and every publishing partnership. */
    Optional<IndexedDocument> document(String id);

    /** Similar documents from other partnerships, preferring other SDGs' work on the same subject. */
    List<SearchResult.Hit> related(String id, int max);

    /** Document counts per value of a facet dimension over the whole index. */
    Map<String, Long> counts(String dimension);

    /**
     * A suggestion.
     *
     * @param text  what to put in the search box (plain, untrusted)
     * @param kind  title, partnership or term
     * @param value a document id for titles, a partnership id for partnerships, else the term
     */
    record Suggestion(String text, String kind, String value) {
    }
}
