package org.sdgsearch.api;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.sdgsearch.search.Cursor;
import org.sdgsearch.search.SearchRequest;
import org.sdgsearch.search.SearchResult;
import org.sdgsearch.search.SearchService;
import org.sdgsearch.search.UserQuery;

/**
 * Search and suggestions for anyone.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** Longer queries are refused; up to this, the query parser keeps the first {@link UserQuery#MAX_LENGTH}. */
    static final int MAX_QUERY_CHARS = 2 * UserQuery.MAX_LENGTH;

    @Inject
    Engine engine;

    @GET
    @Path("/search")
    @Operation(summary = "Search documents", description = "Keyword search with SDG and other facets. The query "
            + "language: words, \"phrases\", -exclusion, OR, word*, sdg:6, partnership:id, lang:fr, type:pdf, "
            + "country:KE, year:2019..2024. An empty query with filters browses.")
    public SearchResult search(
            @Parameter(description = "query text") @QueryParam("q") String q,
            @Parameter(description = "SDG 1-17, repeatable or comma-separated") @QueryParam("sdg") List<String> sdg,
            @Parameter(description = "partnership id") @QueryParam("partnership") List<String> partnership,
            @Parameter(description = "ISO 639-1 language") @QueryParam("lang") List<String> lang,
            @Parameter(description = "web, pdf, word, slides, spreadsheet, text, ebook") @QueryParam("type") List<String> type,
            @Parameter(description = "ISO 3166-1 alpha-2 country") @QueryParam("country") List<String> country,
            @Parameter(description = "a year to select (facet)") @QueryParam("year") List<String> year,
            @Parameter(description = "earliest year") @QueryParam("yearFrom") String yearFrom,
            @Parameter(description = "latest year") @QueryParam("yearTo") String yearTo,
            @Parameter(description = "relevance (default) or date") @QueryParam("sort") String sort,
            @Parameter(description = "1-based page") @QueryParam("page") String page,
            @Parameter(description = "results per page, 1-100 (default 10)") @QueryParam("size") String size,
            @Parameter(description = "deep paging: '*' for the first page, then the nextCursor of the previous page "
                    + "(instead of page; the sort must stay the same)") @QueryParam("cursor") String cursor,
            @Parameter(description = "any (default): documents with all words first, then those with some; "
                    + "all: every word required") @QueryParam("match") String match) {
        if (q != null && q.length() > MAX_QUERY_CHARS) {
            throw Problem.of(413, "Query too long", "q", "q must be at most " + MAX_QUERY_CHARS + " characters");
        }
        SearchRequest.Sort order;
        if (sort == null || sort.isBlank() || sort.equalsIgnoreCase("relevance")) {
            order = SearchRequest.Sort.RELEVANCE;
        } else if (sort.equalsIgnoreCase("date")) {
            order = SearchRequest.Sort.DATE;
        } else {
            throw Problem.badRequest("sort", "sort must be 'relevance' or 'date', got '" + Params.abbreviate(sort) + "'");
        }
        int sz = Params.intIn("size", size, 10, 1, SearchRequest.MAX_SIZE);
        int pg = Params.intIn("page", page, 1, 1, 100_000);
        List<Integer> years = Params.list(year).stream().map(y -> Params.intIn("year", y, 0, 1, 9999)).toList();
        Integer from = Params.optionalInt("yearFrom", yearFrom, 1, 9999);
        Integer to = Params.optionalInt("yearTo", yearTo, 1, 9999);
        if (from != null && to != null && from > to) {
            throw Problem.badRequest("yearFrom", "yearFrom " + from + " is after yearTo " + to);
        }
        boolean allWords;
        if (match == null || match.isBlank() || match.equalsIgnoreCase("any")) {
            allWords = false;
        } else if (match.equalsIgnoreCase("all")) {
            allWords = true;
        } else {
            throw Problem.badRequest("match", "match must be 'any' or 'all', got '" + Params.abbreviate(match) + "'");
        }
        Cursor position = null;
        if (cursor != null) {
            if (page != null && !page.isBlank()) {
                throw Problem.badRequest("page", "page cannot be combined with cursor; follow nextCursor instead");
            }
            try {
                position = Cursor.parse(cursor);
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("cursor", e.getMessage());
            }
        }
        SearchRequest request = new SearchRequest(q, Params.sdgs("sdg", sdg),
                Params.codes("partnership", partnership, false), Params.codes("lang", lang, false),
                Params.codes("type", type, false), Params.codes("country", country, true), years, from, to, order,
                pg, sz, true, position, allWords);
        if (position != null && !position.isStart() && position.sort() != request.effectiveSort()) {
            throw Problem.badRequest("cursor", "the cursor belongs to results sorted by "
                    + position.sort().name().toLowerCase(Locale.ROOT) + ", not by "
                    + request.effectiveSort().name().toLowerCase(Locale.ROOT) + "; start again with cursor=*");
        }
        return engine.metrics().searchTimer().record(() -> engine.search().search(request));
    }

    @GET
    @Path("/suggest")
    @Operation(summary = "As-you-type suggestions: titles, partnership names and frequent terms")
    public List<SearchService.Suggestion> suggest(@QueryParam("q") String q, @QueryParam("size") String size) {
        int n = Params.intIn("size", size, 8, 1, 20);
        if (q != null && q.length() > 200) {
            throw Problem.badRequest("q", "q must be at most 200 characters for suggestions");
        }
        return engine.search().suggest(q == null ? "" : q.toLowerCase(Locale.ROOT), n);
    }
}
