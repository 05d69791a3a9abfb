package org.sdgsearch.search;

import java.util.List;
import java.util.Map;

/**
 * One page of search results with facet counts.
 *
 * @param total      number of matching documents
 * @param page       the page returned (1-based; 0 when paging by cursor)
 * @param size       page size
 * @param hits       the results of this page
 * @param facets     counts per dimension (sdg always lists all 17 goals); drill-sideways counts for selected dimensions
 * @param didYouMean a corrected query when the query found few results, or null
 * @param notices    remarks on how the query was understood (e.g. a refused wildcard), may be empty
 * @param tookMillis time spent searching
 * @param nextCursor when paging by cursor: what to send as {@code cursor} for the next page, null after the last
 */
public record SearchResult(long total, int page, int size, List<Hit> hits, Map<String, List<FacetValue>> facets,
                           String didYouMean, List<String> notices, long tookMillis, String nextCursor) {

    /** A page of a search paged by number. */
    public SearchResult(long total, int page, int size, List<Hit> hits, Map<String, List<FacetValue>> facets,
                        String didYouMean, List<String> notices, long tookMillis) {
        this(total, page, size, hits, facets, didYouMean, notices, tookMillis, null);
    }

    /**
     * One result.
     *
     * @param id           document id
     * @param title        title (plain, untrusted)
     * @param url          the URL to open
     * @param urls         every URL that publishes the same content
     * @param partnerships every partnership that publishes it
     * @param snippet      HTML: escaped text with {@code <mark>} around matches only
     * @param language     ISO 639-1 code
     * @param type         document type
     * @param year         the year users filter on
     * @param sdgs         assigned SDGs
     * @param score        relevance score
     */
    public record Hit(String id, String title, String url, List<String> urls, List<String> partnerships,
                      String snippet, String language, String type, int year, List<Integer> sdgs, float score) {
    }

    /**
     * A facet value and how many results it has (or would add, for a selected dimension).
     *
     * @param value    the value, e.g. "6" for SDG 6
     * @param count    number of results with this value
     * @param selected whether the request selected it
     */
    public record FacetValue(String value, long count, boolean selected) {
    }
}
