package org.sdgsearch.search;

import java.util.List;

/**
 * A search as users ask it. Filters given here are combined with filters written in the query ({@code sdg:6}).
 *
 * @param query        the query text in the people's query language (may be empty: browse)
 * @param sdgs         selected SDGs (OR within the dimension)
 * @param partnerships selected partnership ids (OR)
 * @param languages    selected languages (OR)
 * @param types        selected document types (OR)
 * @param countries    selected countries (OR)
 * @param years        selected years (OR)
 * @param yearFrom     inclusive lower bound of the year, or null
 * @param yearTo       inclusive upper bound of the year, or null
 * @param sort         relevance or date
 * @param page         1-based page number
 * @param size         results per page (1..100)
 * @param highlight    whether to compute highlighted snippets
 * @param cursor       null to page by number, else the position to continue from ({@link Cursor#START} to begin);
 *                     the page number is then ignored
 * @param allWords     require every word (as Solr's mm=100% or Elasticsearch's operator=and) instead of ranking
 *                     documents with all words first and then those with some
 */
public record SearchRequest(String query, List<Integer> sdgs, List<String> partnerships, List<String> languages,
                            List<String> types, List<String> countries, List<Integer> years, Integer yearFrom,
                            Integer yearTo, Sort sort, int page, int size, boolean highlight, Cursor cursor,
                            boolean allWords) {

    /** Largest page size. */
    public static final int MAX_SIZE = 100;

    /** Result order. */
    public enum Sort { RELEVANCE, DATE }

    public SearchRequest {
        query = query == null ? "" : query;
        sdgs = sdgs == null ? List.of() : List.copyOf(sdgs);
        partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
        languages = languages == null ? List.of() : List.copyOf(languages);
        types = types == null ? List.of() : List.copyOf(types);
        countries = countries == null ? List.of() : List.copyOf(countries);
        years = years == null ? List.of() : List.copyOf(years);
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    /** A search paged by number. */
    public SearchRequest(String query, List<Integer> sdgs, List<String> partnerships, List<String> languages,
                         List<String> types, List<String> countries, List<Integer> years, Integer yearFrom,
                         Integer yearTo, Sort sort, int page, int size, boolean highlight) {
        this(query, sdgs, partnerships, languages, types, countries, years, yearFrom, yearTo, sort, page, size,
                highlight, null, false);
    }

    /** A search paged by number or by cursor. */
    public SearchRequest(String query, List<Integer> sdgs, List<String> partnerships, List<String> languages,
                         List<String> types, List<String> countries, List<Integer> years, Integer yearFrom,
                         Integer yearTo, Sort sort, int page, int size, boolean highlight, Cursor cursor) {
        this(query, sdgs, partnerships, languages, types, countries, years, yearFrom, yearTo, sort, page, size,
                highlight, cursor, false);
    }

    /** The order results come in: by date when asked, and always when the query has no words (browsing). */
    public Sort effectiveSort() {
        return effectiveSort(sort, UserQuery.parse(query).hasTerms());
    }

    static Sort effectiveSort(Sort asked, boolean hasTerms) {
        return asked == Sort.DATE || !hasTerms ? Sort.DATE : Sort.RELEVANCE;
    }

    /** A plain keyword search, first page of ten. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, null, null, null, null, null, null, Sort.RELEVANCE, 1, 10, true);
    }
}
