package org.sdgsearch.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sdgsearch.classify.Goals;
import org.sdgsearch.index.Fields;
import org.sdgsearch.search.SearchRequest;
import org.sdgsearch.search.SearchResult;
import org.sdgsearch.source.Source;

/**
 * The goals and the partnerships, with document counts.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    /** A goal with its names in the six UN languages, colour and document count. */
    public record GoalView(int number, String colour, Map<String, String> names, long documents) {
    }

    /** A partnership with counts and its aggregated SDG profile. */
    public record PartnershipView(String id, String name, String description, List<String> leadOrganisations,
                                  List<String> stakeholderTypes, List<String> countries, List<Integer> declaredSdgs,
                                  List<String> websites, long documents, Map<String, Long> sdgDocuments,
                                  Instant lastContentChange) {
    }

    @Inject
    Engine engine;

    @GET
    @Path("/sdgs")
    @Operation(summary = "The 17 goals: number, names in the six UN languages, official colour, document counts")
    public List<GoalView> sdgs() {
        Map<String, Long> counts = engine.search().counts(Fields.SDG);
        return Goals.all().stream().map(g -> new GoalView(g.number(), g.colour(), g.names(),
                counts.getOrDefault(String.valueOf(g.number()), 0L))).toList();
    }

    @GET
    @Path("/partnerships")
    @Operation(summary = "All partnerships with document counts")
    public List<PartnershipView> partnerships() {
        Map<String, Long> counts = engine.search().counts(Fields.PARTNERSHIP);
        List<PartnershipView> out = new ArrayList<>();
        for (Source s : engine.sources().values()) {
            out.add(view(s, counts.getOrDefault(s.id(), 0L), Map.of(), null));
        }
        return out;
    }

    @GET
    @Path("/partnerships/{id}")
    @Operation(summary = "One partnership: sources, document count, aggregated SDG profile, last content change")
    public PartnershipView partnership(@PathParam("id") String id) {
        Source s = engine.sources().get(id);
        if (s == null) {
            throw Problem.notFound("No partnership with id " + Params.abbreviate(id));
        }
        SearchResult r = engine.search().search(new SearchRequest("", null, List.of(id), null, null, null, null,
                null, null, SearchRequest.Sort.DATE, 1, 1, false));
        Map<String, Long> sdgs = new java.util.LinkedHashMap<>();
        r.facets().getOrDefault(Fields.SDG, List.of()).forEach(f -> sdgs.put(f.value(), f.count()));
        Instant last = engine.index().lastChange(id);
        return view(s, r.total(), sdgs, last);
    }

    private static PartnershipView view(Source s, long docs, Map<String, Long> sdgs, Instant last) {
        List<String> sites = new ArrayList<>();
        s.websites().forEach(w -> w.seeds().forEach(u -> sites.add(u.toString())));
        s.folders().forEach(f -> sites.add(f.baseUrl() != null ? f.baseUrl() : f.path().getFileName().toString()));
        return new PartnershipView(s.id(), s.name(), s.description(), s.leadOrganisations(), s.stakeholderTypes(),
                s.countries(), s.declaredSdgs(), sites, docs, sdgs, last);
    }
}
