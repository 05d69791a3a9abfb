package org.sdgsearch.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.index.IndexedDocument;
import org.sdgsearch.search.SearchResult;

/**
 * One document: metadata, SDG profile with evidence, every publishing partnership; and related work.
 */
@Path("/api/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    /**
     * A document as the API shows it (the full text is left out; it can be large).
     */
    public record DocumentView(String id, String title, String description, String url, List<String> urls,
                               List<Partner> partnerships, String language, String type, String mediaType, int year,
                               Instant published, Instant modified, Instant fetched, Instant changed, String author,
                               int pages, List<String> countries, SdgProfile sdgProfile, String excerpt) {
    }

    /** A publishing partnership. */
    public record Partner(String id, String name) {
    }

    @Inject
    Engine engine;

    @GET
    @Path("/{id}")
    @Operation(summary = "A document with its SDG profile, evidence and every publishing partnership")
    public DocumentView get(@PathParam("id") String id) {
        IndexedDocument d = engine.search().document(checkId(id))
                .orElseThrow(() -> Problem.notFound("No document with id " + Params.abbreviate(id)));
        var names = engine.partnershipNames();
        List<Partner> partners = d.partnerships().stream().map(p -> new Partner(p, names.getOrDefault(p, p))).toList();
        String text = d.text();
        return new DocumentView(d.id(), d.title(), d.description(), d.url(), d.urls(), partners, d.language(),
                d.type(), d.mediaType(), d.year(), d.published(), d.modified(), d.fetched(), d.changed(), d.author(),
                d.pages().size(), d.countries(), d.profile(), text.length() > 2000 ? text.substring(0, 2000) + "…" : text);
    }

    @GET
    @Path("/{id}/related")
    @Operation(summary = "Similar documents from other partnerships, preferring other SDGs' work on the same subject")
    public List<SearchResult.Hit> related(@PathParam("id") String id, @QueryParam("size") String size) {
        int n = Params.intIn("size", size, 5, 1, 50);
        if (engine.search().document(checkId(id)).isEmpty()) {
            throw Problem.notFound("No document with id " + Params.abbreviate(id));
        }
        return engine.search().related(id, n);
    }

    private static String checkId(String id) {
        if (id == null || !id.matches("[0-9a-f]{1,64}")) {
            throw Problem.badRequest("id", "id must be a hexadecimal document id");
        }
        return id;
    }
}
