package org.sdgsearch.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sdgsearch.crawl.CrawlHealth;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.search.SearchRequest;

/**
 * The crawl health report of a partnership, public and read-only so that a partner can see how their site is found
 * without an admin account. It only holds what anyone could learn by visiting the partner's public site (its URLs,
 * HTTP statuses, robots rules, response times) and counts; the admin API serves the same report.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    static final int FAILURES = 50;
    static final int SLOWEST = 10;

    @Inject
    Engine engine;

    @GET
    @Path("/partnerships/{id}/health")
    @Operation(summary = "Crawl health of a partnership: pages indexed, blocked by robots.txt, gone, failures and "
            + "why, slowest pages, last crawl")
    public CrawlHealth health(@PathParam("id") String id) {
        List<String> ids = Params.codes("id", List.of(id), false);
        if (ids.size() != 1 || engine.catalog().get(ids.get(0)).isEmpty()) {
            throw Problem.notFound("No partnership with id " + Params.abbreviate(id));
        }
        return health(engine, ids.get(0));
    }

    static CrawlHealth health(Engine engine, String id) {
        long documents = engine.search().search(new SearchRequest("", null, List.of(id), null, null, null, null,
                null, null, SearchRequest.Sort.DATE, 1, 1, false)).total();
        CrawlJobs.Job last = engine.history().last(id);
        return CrawlHealth.of(engine.statusStore(), id, documents, last == null ? null : engine.progress(last),
                FAILURES, SLOWEST);
    }
}
