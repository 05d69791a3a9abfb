package org.sdgsearch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.sdgsearch.crawl.AddressGuard;
import org.sdgsearch.crawl.CrawlHealth;
import org.sdgsearch.crawl.CrawlJobs;
import org.sdgsearch.crawl.CrawlProgress;
import org.sdgsearch.search.Changes;
import org.sdgsearch.source.Source;
import org.sdgsearch.source.SourceCatalog;
import org.sdgsearch.source.SourceConfigException;

/**
 * The admin API: sources, crawls, history, failures, reports and backups. Only for the role {@code admin} (HTTP
 * Basic against users from configuration; also enforced by an HTTP permission on {@code /api/admin/*}, so a path
 * added here later cannot be left open by a forgotten annotation).
 */
@Path("/api/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** A source with where it comes from and its schedule. */
    public record SourceView(String id, String name, String origin, String schedule, Instant lastRun,
                             Instant nextRun, boolean crawling, String description, List<String> leadOrganisations,
                             List<String> stakeholderTypes, List<String> countries, List<Integer> declaredSdgs,
                             List<WebsiteView> websites, List<FolderView> folders) {
    }

    /** A website of a source. */
    public record WebsiteView(List<String> seeds, List<String> sitemaps, List<String> hosts, boolean subdomains,
                              List<String> pathPrefixes, List<String> include, List<String> exclude, int maxDepth,
                              int maxPages) {
    }

    /** A document folder of a source. */
    public record FolderView(String path, String baseUrl, List<String> include) {
    }

    /** The answer to a crawl request. */
    public record CrawlStarted(List<String> started, List<String> alreadyRunning) {
    }

    /** The answer to a removal. */
    public record Removed(String id, int documents) {
    }

    /** The freshness report. */
    public record FreshnessReport(Instant now, String staleAfter, List<Changes.Freshness> partnerships,
                                  List<Changes.Freshness> stale) {
    }

    @Inject
    Engine engine;

    @Inject
    CrawlScheduler scheduler;

    @Inject
    SdgSearchConfig config;

    // ---- sources ----

    @GET
    @Path("/sources")
    @Operation(summary = "All sources in force (crawler-config merged with admin changes)")
    public List<SourceView> sources() {
        return engine.catalog().all().stream().map(this::view).toList();
    }

    @GET
    @Path("/sources/{id}")
    @Operation(summary = "One source")
    public SourceView source(@PathParam("id") String id) {
        return view(existing(id));
    }

    @POST
    @Path("/sources")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON,
        MediaType.TEXT_PLAIN})
    @Operation(summary = "Add a source (YAML as in crawler-config/sources.yaml, one source, or the same as JSON)")
    public Response add(String body) {
        Source s = validate(body);
        if (engine.catalog().get(s.id()).isPresent()) {
            throw Problem.of(409, "Conflict", "id", "A source with id " + s.id() + " exists; use PUT to change it");
        }
        engine.putSource(s, body);
        scheduler.schedule(s);
        LOG.infof("source-added source=%s", s.id());
        return Response.status(201).entity(view(s)).build();
    }

    @PUT
    @Path("/sources/{id}")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON,
        MediaType.TEXT_PLAIN})
    @Operation(summary = "Replace a source (same body as for adding; the id must match)")
    public SourceView update(@PathParam("id") String id, String body) {
        existing(id);
        Source s = validate(body);
        if (!s.id().equals(id)) {
            throw Problem.badRequest("source.id", "the body's id '" + s.id() + "' differs from the URL's '" + id + "'");
        }
        engine.putSource(s, body);
        scheduler.schedule(s);
        LOG.infof("source-updated source=%s", s.id());
        return view(s);
    }

    @DELETE
    @Path("/sources/{id}")
    @Operation(summary = "Remove a source with its documents, crawl status and history")
    public Removed remove(@PathParam("id") String id) {
        existing(id);
        scheduler.unschedule(id);
        int docs = engine.removeSource(id);
        if (docs < 0) {
            throw Problem.of(409, "Conflict", null, "The crawl of " + id + " did not stop in time; try again");
        }
        return new Removed(id, docs);
    }

    // ---- crawls ----

    @POST
    @Path("/crawls")
    @Operation(summary = "Crawl every source (those already crawling are left alone)")
    public Response crawlAll() {
        return started(engine.crawl(List.of()), engine.catalog().all().stream().map(Source::id).toList());
    }

    @GET
    @Path("/crawls")
    @Operation(summary = "Progress of the running crawls")
    public List<CrawlProgress> running() {
        return engine.jobs().running().stream().map(engine::progress).toList();
    }

    @POST
    @Path("/sources/{id}/crawl")
    @Operation(summary = "Crawl one source now")
    public Response crawl(@PathParam("id") String id) {
        existing(id);
        List<String> started = engine.crawl(List.of(id));
        if (started.isEmpty()) {
            throw Problem.of(409, "Conflict", null, "A crawl of " + id + " is already running");
        }
        return started(started, List.of(id));
    }

    @GET
    @Path("/sources/{id}/crawl")
    @Operation(summary = "Progress of the running crawl of a source, else its last crawl")
    public CrawlProgress progress(@PathParam("id") String id) {
        existing(id);
        return engine.progress(id).orElseThrow(() -> Problem.notFound("The source " + id + " was never crawled"));
    }

    @DELETE
    @Path("/sources/{id}/crawl")
    @Operation(summary = "Cancel the running crawl of a source (it stops soon, keeping its queue)")
    public Response cancel(@PathParam("id") String id) {
        existing(id);
        if (!engine.jobs().cancel(id)) {
            throw Problem.notFound("No crawl of " + id + " is running");
        }
        LOG.infof("crawl-cancel source=%s", id);
        return Response.accepted(engine.progress(id).orElse(null)).build();
    }

    @GET
    @Path("/sources/{id}/history")
    @Operation(summary = "The last crawls of a source, newest first, with counts and duration")
    public List<CrawlProgress> history(@PathParam("id") String id) {
        existing(id);
        return engine.history().of(id).stream().map(engine::progress).toList();
    }

    @GET
    @Path("/sources/{id}/failures")
    @Operation(summary = "URLs whose last attempt failed: status, reason, first and last seen")
    public List<CrawlHealth.Failure> failures(@PathParam("id") String id, @QueryParam("size") String size) {
        existing(id);
        return CrawlHealth.failures(engine.statusStore(), id, Params.intIn("size", size, 100, 1, 1000));
    }

    @GET
    @Path("/sources/{id}/health")
    @Operation(summary = "The crawl health report of a partnership (also public at /api/partnerships/{id}/health)")
    public CrawlHealth health(@PathParam("id") String id) {
        existing(id);
        return ReportResource.health(engine, id);
    }

    // ---- reports and backups ----

    @GET
    @Path("/freshness")
    @Operation(summary = "Per partnership the last content change, and those unchanged longer than "
            + "sdg.freshness.stale-after")
    public FreshnessReport freshness() {
        Instant now = Instant.now();
        Duration staleAfter = config.freshness().staleAfter();
        List<Changes.Freshness> all = new ArrayList<>();
        engine.catalog().all().forEach(s -> all.add(engine.changes().freshness(s.id(), s.name(), now, staleAfter)));
        return new FreshnessReport(now, staleAfter.toString(), all,
                all.stream().filter(Changes.Freshness::stale).toList());
    }

    @POST
    @Path("/backup")
    @Operation(summary = "Write a consistent snapshot of the index to <data>/backups/<timestamp> while serving goes on")
    public Response backup() {
        try {
            return Response.status(201).entity(engine.backup()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Backup failed", e);
        }
    }

    // ---- helpers ----

    private Response started(List<String> started, List<String> asked) {
        List<String> running = asked.stream().filter(id -> !started.contains(id)).toList();
        started.forEach(id -> LOG.infof("crawl-requested source=%s", id));
        return Response.accepted(new CrawlStarted(started, running)).build();
    }

    private Source existing(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw Problem.badRequest("id", "not a source id: '" + Params.abbreviate(String.valueOf(id)) + "'");
        }
        return engine.catalog().get(id).orElseThrow(() -> Problem.notFound("No source with id " + id));
    }

    /** The same validation as crawler-config, plus what only the API needs: no folders, no private addresses. */
    private Source validate(String body) {
        if (body == null || body.isBlank()) {
            throw Problem.badRequest("source", "the body must be one source as YAML or JSON");
        }
        Source s;
        try {
            s = SourceCatalog.parse("request", body);
        } catch (SourceConfigException e) {
            String detail = e.getMessage().startsWith("request:") ? e.getMessage().substring("request:".length())
                    : e.getMessage();
            throw Problem.badRequest(e.field(), "line " + detail);
        }
        if (!s.folders().isEmpty()) {
            // A folder is a path on this server: through the API it would read any file the service can read.
            throw Problem.badRequest("source.folders", "document folders can only be configured in crawler-config/, "
                    + "not through the API");
        }
        Optional<AddressGuard.Problem> p = engine.guard().check(s);
        if (p.isPresent()) {
            throw Problem.badRequest("source." + p.get().field(), p.get().detail());
        }
        return s;
    }

    private SourceView view(Source s) {
        List<WebsiteView> sites = s.websites().stream().map(w -> new WebsiteView(
                w.seeds().stream().map(Object::toString).toList(), w.sitemaps().stream().map(Object::toString).toList(),
                w.scope().hosts(), w.scope().subdomains(), w.scope().pathPrefixes(),
                w.scope().include().stream().map(Pattern::pattern).toList(),
                w.scope().exclude().stream().map(Pattern::pattern).toList(), w.maxDepth(), w.maxPages())).toList();
        List<FolderView> folders = s.folders().stream()
                .map(f -> new FolderView(f.path().toString(), f.baseUrl(), f.include())).toList();
        String origin = engine.catalog().origin(s.id()).map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
                .orElse("new");
        return new SourceView(s.id(), s.name(), origin, s.schedule(), engine.schedule().lastRun(s.id()).orElse(null),
                scheduler.nextRun(s.id()).orElse(null), engine.jobs().isRunning(s.id()), s.description(),
                s.leadOrganisations(), s.stakeholderTypes(), s.countries(), s.declaredSdgs(), sites, folders);
    }
}
