package org.sdgsearch.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.sdgsearch.search.Changes;
import org.sdgsearch.search.Changes.ChangedDocument;

/**
 * Public feeds of new and changed documents, as Atom 1.0 and JSON Feed 1.1, filterable by SDG and partnership:
 * "new on SDG 6 since last week" is {@code /api/feeds/changes.atom?sdg=6&since=P7D}.
 */
@Path("/api/feeds")
public class FeedResource {

    /** Default look-back when no {@code since} is given. */
    static final Duration DEFAULT_SINCE = Duration.ofDays(30);

    /** A JSON Feed 1.1 document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
                           @JsonProperty("feed_url") String feedUrl, List<Item> items) {
    }

    /** A JSON Feed item, with our SDGs and partnerships as an extension. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String url, String title, String summary,
                       @JsonProperty("date_published") Instant datePublished,
                       @JsonProperty("date_modified") Instant dateModified, String language, List<String> tags,
                       @JsonProperty("_sdgsearch") Extension extension) {
    }

    /** Our fields on a JSON Feed item. */
    public record Extension(String document, List<Integer> sdgs, List<String> partnerships, String type) {
    }

    @Inject
    Engine engine;

    @Context
    UriInfo uri;

    @GET
    @Path("/changes.atom")
    @Produces("application/atom+xml")
    @Operation(summary = "Atom feed of new and changed documents",
            description = "Newest first. since: an ISO-8601 duration back from now (P7D), a date (2025-01-31) or an "
                    + "instant (2025-01-31T12:00:00Z); default P30D.")
    public String atom(@Parameter(description = "SDG 1-17, repeatable or comma-separated") @QueryParam("sdg") List<String> sdg,
                       @Parameter(description = "partnership id") @QueryParam("partnership") List<String> partnership,
                       @Parameter(description = "P7D, 2025-01-31 or 2025-01-31T12:00:00Z") @QueryParam("since") String since,
                       @Parameter(description = "entries, 1-500 (default 50)") @QueryParam("size") String size) {
        List<ChangedDocument> docs = query(sdg, partnership, since, size);
        return AtomFeed.write(uri.getRequestUri().toString(), title(sdg, partnership), docs,
                engine.partnershipNames(), this::documentUrl);
    }

    @GET
    @Path("/changes.json")
    @Produces({"application/feed+json", "application/json"})
    @Operation(summary = "JSON Feed 1.1 of new and changed documents", description = "Same filters as the Atom feed.")
    public JsonFeed json(@QueryParam("sdg") List<String> sdg, @QueryParam("partnership") List<String> partnership,
                         @QueryParam("since") String since, @QueryParam("size") String size) {
        List<ChangedDocument> docs = query(sdg, partnership, since, size);
        Map<String, String> names = engine.partnershipNames();
        List<Item> items = new ArrayList<>();
        for (ChangedDocument d : docs) {
            List<String> tags = new ArrayList<>();
            d.sdgs().forEach(g -> tags.add("SDG " + g));
            d.partnerships().forEach(p -> tags.add(names.getOrDefault(p, p)));
            items.add(new Item("urn:sdgsearch:document:" + d.id(), d.url().isBlank() ? documentUrl(d.id()) : d.url(),
                    d.title(), d.description().isBlank() ? null : d.description(), d.published(), d.changed(),
                    d.language(), tags, new Extension(d.id(), d.sdgs(), d.partnerships(), d.type())));
        }
        return new JsonFeed("https://jsonfeed.org/version/1.1", title(sdg, partnership),
                uri.getBaseUri().toString(), uri.getRequestUri().toString(), items);
    }

    private List<ChangedDocument> query(List<String> sdg, List<String> partnership, String since, String size) {
        Instant from = since(since, Instant.now());
        int n = Params.intIn("size", size, 50, 1, Changes.MAX);
        return engine.changes().since(from, Params.sdgs("sdg", sdg), Params.codes("partnership", partnership, false),
                n);
    }

    private String title(List<String> sdg, List<String> partnership) {
        StringBuilder t = new StringBuilder("SDG Search: new and changed documents");
        List<Integer> goals = Params.sdgs("sdg", sdg);
        if (!goals.isEmpty()) {
            t.append(" on SDG ").append(String.join(", ", goals.stream().map(String::valueOf).toList()));
        }
        List<String> ps = Params.codes("partnership", partnership, false);
        if (!ps.isEmpty()) {
            Map<String, String> names = engine.partnershipNames();
            t.append(" from ").append(String.join(", ", ps.stream().map(p -> names.getOrDefault(p, p)).toList()));
        }
        return t.toString();
    }

    private String documentUrl(String id) {
        return uri.getBaseUri().resolve("api/documents/" + id).toString();
    }

    /** Parses {@code since}: a duration back from now, a date (UTC midnight) or an instant. */
    static Instant since(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return now.minus(DEFAULT_SINCE);
        }
        String v = value.strip();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                Duration d = Duration.parse(v);
                if (d.isNegative()) {
                    throw Problem.badRequest("since", "since must look back, got " + Params.abbreviate(v));
                }
                return now.minus(d);
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw Problem.badRequest("since", "since must be a duration (P7D), a date (2025-01-31) or an instant "
                    + "(2025-01-31T12:00:00Z), got '" + Params.abbreviate(v) + "'");
        }
    }
}
