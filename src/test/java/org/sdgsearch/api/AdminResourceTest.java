package org.sdgsearch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sdgsearch.index.IndexSchema;
import org.sdgsearch.index.LuceneIndex;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The operations API through HTTP against a loopback fixture site. The test profile (application.properties
 * {@code %test.}) sets the admin password, a second user without the admin role, and allows only 127.0.0.1/32 past
 * the SSRF guard, so 127.0.0.2 stands for "a loopback address that is not allowed". Steps build on each other.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminResourceTest {

    static final String ADMIN = "admin";
    static final String PASSWORD = "test-admin-password";
    /** A run id in ids and page texts: the test data directory outlives a run, and content ids are text hashes. */
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String SITE = "site-" + RUN;

    @Inject
    SdgSearchConfig config;

    static OpsFixtureSite site;
    static OpsFixtureSite forbidden;
    static Instant betweenCrawls;

    @BeforeAll
    static void startSites() throws Exception {
        // Source bodies are YAML: send them as text.
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", ContentType.TEXT));
        site = new OpsFixtureSite("127.0.0.1");
        forbidden = new OpsFixtureSite("127.0.0.2");
        forbidden.page("/target.html", "<html><title>never</title><body>must not be fetched</body></html>");
        String b = site.base();
        site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n");
        site.page("/", page("Home " + RUN, "Welcome to the fixture partnership " + RUN + ". Read <a href='/a.html'>"
                + "A</a>, <a href='/missing.html'>a missing page</a> and <a href='/private/x.html'>a private one</a>."));
        site.page("/a.html", page("A page " + RUN, "Clean water and sanitation for rural schools: boreholes, hand "
                + "washing stations and latrines serve pupils in " + RUN + "."));
        site.page("/private/x.html", page("Private", "robots.txt forbids this page"));
        // b.html is only listed in the sitemap, whose lastmod tells the recrawl that it changed.
        site.page("/b.html", page("B version 1 " + RUN, "Solar mini-grids bring electricity to health clinics "
                + RUN + "."));
        site.page("/sitemap.xml", sitemap(b, "2020-01-01"));
        site.page("/redirect.html", "REDIRECT " + forbidden.base() + "/target.html");
        site.page("/slow.html", "SLOW " + page("Slow " + RUN, "A slow page of " + RUN));
    }

    @AfterAll
    static void stopSites() {
        site.close();
        forbidden.close();
    }

    static String page(String title, String body) {
        return "<!doctype html><html lang='en'><head><title>" + title + "</title></head><body><main><h1>" + title
                + "</h1><p>" + body + "</p></main></body></html>";
    }

    static String sitemap(String base, String lastmodOfB) {
        return "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + "<url><loc>" + base + "/</loc></url><url><loc>" + base + "/b.html</loc><lastmod>" + lastmodOfB
                + "</lastmod></url></urlset>";
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic(ADMIN, PASSWORD).header("X-Requested-With", "sdg-admin");
    }

    static String sourceYaml(String id, String seedPath, String schedule) {
        return "id: " + id + "\nname: Fixture " + id + "\ncountries: [KE]\nwebsites:\n  - seeds: ['" + site.base()
                + seedPath + "']\n    sitemaps: ['" + site.base() + "/sitemap.xml']\n    hosts: [127.0.0.1, 127.0.0.2]\n"
                + (schedule == null ? "" : "schedule: '" + schedule + "'\n");
    }

    /** Polls until {@code done} holds, failing after the deadline: no fixed sleeps. */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("Timed out waiting for " + what + "; last: " + last);
        return last;
    }

    static JsonPath awaitCrawlEnd(String id) {
        return await("the crawl of " + id + " to end", Duration.ofSeconds(60),
                () -> admin().get("/api/admin/sources/" + id + "/crawl").then().extract().response(),
                r -> r.statusCode() == 200 && !"RUNNING".equals(r.jsonPath().getString("state"))).jsonPath();
    }

    // ---- authentication ----

    /** Every admin endpoint, with a method and a body where it needs one. */
    static List<String[]> adminEndpoints() {
        return List.of(
                new String[] {"GET", "/api/admin/sources"},
                new String[] {"POST", "/api/admin/sources"},
                new String[] {"GET", "/api/admin/sources/demo-alliance"},
                new String[] {"PUT", "/api/admin/sources/demo-alliance"},
                new String[] {"DELETE", "/api/admin/sources/demo-alliance"},
                new String[] {"POST", "/api/admin/crawls"},
                new String[] {"GET", "/api/admin/crawls"},
                new String[] {"POST", "/api/admin/sources/demo-alliance/crawl"},
                new String[] {"GET", "/api/admin/sources/demo-alliance/crawl"},
                new String[] {"DELETE", "/api/admin/sources/demo-alliance/crawl"},
                new String[] {"GET", "/api/admin/sources/demo-alliance/history"},
                new String[] {"GET", "/api/admin/sources/demo-alliance/failures"},
                new String[] {"GET", "/api/admin/sources/demo-alliance/health"},
                new String[] {"GET", "/api/admin/freshness"},
                new String[] {"POST", "/api/admin/backup"},
                new String[] {"GET", "/api/admin/no-such-endpoint"});
    }

    static int call(RequestSpecification spec, String[] endpoint) {
        return spec.contentType("application/yaml").body("id: x").request(endpoint[0], endpoint[1]).statusCode();
    }

    @Test
    @Order(1)
    void everyAdminEndpointRejectsMissingAndWrongCredentials() {
        for (String[] e : adminEndpoints()) {
            String what = e[0] + " " + e[1];
            assertEquals(401, call(given(), e), what + " without credentials");
            assertEquals(401, call(given().auth().preemptive().basic(ADMIN, "wrong"), e), what + " wrong password");
            assertEquals(401, call(given().auth().preemptive().basic("nobody", PASSWORD), e), what + " unknown user");
            assertEquals(403, call(given().auth().preemptive().basic("reader", "test-reader-password"), e),
                    what + " without the admin role");
        }
        given().get("/api/admin/sources").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsStringIgnoringCase("basic"));
        admin().get("/api/admin/sources").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(
                "demo-alliance"));
    }

    @Test
    @Order(3)
    void stateChangingCallsWithoutTheCustomHeaderAreRefused() {
        // A cross-site form post carries cached Basic credentials but cannot add a custom header.
        given().auth().preemptive().basic(ADMIN, PASSWORD).when().post("/api/admin/backup").then()
                .statusCode(403).contentType("application/problem+json")
                .body("parameter", org.hamcrest.Matchers.equalTo("X-Requested-With"));
        given().auth().preemptive().basic(ADMIN, PASSWORD).when().get("/api/admin/sources").then().statusCode(200);
    }

    @Test
    @Order(2)
    void publicEndpointsStayPublic() {
        given().get("/api/feeds/changes.atom").then().statusCode(200);
        given().get("/api/partnerships/demo-alliance/health").then().statusCode(200);
        given().get("/admin.html").then().statusCode(200);
    }

    // ---- sources: validation and SSRF ----

    @Test
    @Order(10)
    void sourceValidationErrorsNameTheField() {
        admin().contentType("application/yaml").body("id: v-" + RUN + "\nwebsites:\n  - seeds: ['" + site.base()
                + "/']\n").post("/api/admin/sources")
                .then().statusCode(400).contentType(containsString("problem+json"))
                .body("parameter", equalTo("source.name"));
        admin().contentType("application/yaml").body(sourceYaml("v-" + RUN, "/", "every day"))
                .post("/api/admin/sources").then().statusCode(400).body("parameter", equalTo("source.schedule"));
        admin().contentType("application/yaml").body(sourceYaml("v-" + RUN, "/", null) + "colour: blue\n")
                .post("/api/admin/sources").then().statusCode(400).body("parameter", equalTo("source.colour"));
        admin().contentType("application/json").body("{\"id\": \"Bad Id\", \"name\": \"x\", \"websites\": [{\"seeds\":"
                + " [\"" + site.base() + "/\"]}]}").post("/api/admin/sources")
                .then().statusCode(400).body("parameter", equalTo("source.id"));
        admin().contentType("application/json").body("{\"id\": \"v\", ").post("/api/admin/sources")
                .then().statusCode(400).body("parameter", equalTo("(syntax)"));
        admin().contentType("application/yaml").body("id: f-" + RUN + "\nname: F\nfolders:\n  - path: /etc\n")
                .post("/api/admin/sources").then().statusCode(400).body("parameter", equalTo("source.folders"));
        admin().get("/api/admin/sources/no-such-source").then().statusCode(404);
    }

    @Test
    @Order(11)
    void ssrfTargetsAreRefused() {
        String[] targets = {"http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
            "http://127.0.0.2/", "http://[::1]/", "http://0.0.0.0/", "http://192.168.1.1/", "http://172.16.0.1/",
            "http://[::ffff:10.0.0.1]/"};
        for (String t : targets) {
            String yaml = "id: ssrf-" + RUN + "\nname: SSRF\nwebsites:\n  - seeds: ['" + t + "']\n";
            admin().contentType("application/yaml").body(yaml).post("/api/admin/sources")
                    .then().statusCode(400).body("parameter", equalTo("source.websites[0].seeds"))
                    .body("detail", containsString("address"));
        }
        String sitemapYaml = "id: ssrf-" + RUN + "\nname: SSRF\nwebsites:\n  - seeds: ['" + site.base() + "/']\n"
                + "    sitemaps: ['http://169.254.169.254/sitemap.xml']\n";
        admin().contentType("application/yaml").body(sitemapYaml).post("/api/admin/sources")
                .then().statusCode(400).body("parameter", equalTo("source.websites[0].sitemaps"));
        admin().get("/api/admin/sources/ssrf-" + RUN).then().statusCode(404);
    }

    @Test
    @Order(12)
    void aRedirectToAForbiddenAddressIsNotFollowed() {
        String id = "redir-" + RUN;
        admin().contentType("application/yaml").body("id: " + id + "\nname: Redirect\nwebsites:\n  - seeds: ['"
                + site.base() + "/redirect.html']\n    hosts: [127.0.0.1, 127.0.0.2]\n").post("/api/admin/sources")
                .then().statusCode(201);
        admin().post("/api/admin/sources/" + id + "/crawl").then().statusCode(202);
        JsonPath end = awaitCrawlEnd(id);
        assertEquals("FINISHED", end.getString("state"));
        assertEquals(0, forbidden.requests(), "the crawler contacted a refused address after a redirect");
        assertTrue(end.getLong("disallowed") + end.getLong("failed") >= 1, end.prettify());
        admin().delete("/api/admin/sources/" + id).then().statusCode(200);
    }

    // ---- CRUD, crawl, progress, history, health, feeds ----

    @Test
    @Order(20)
    void addUpdateAndListASource() {
        admin().contentType("application/yaml").body(sourceYaml(SITE, "/", null)).post("/api/admin/sources")
                .then().statusCode(201).body("id", equalTo(SITE)).body("origin", equalTo("admin"))
                .body("schedule", equalTo("0 0 3 ? * SUN")).body("nextRun", notNullValue());
        admin().contentType("application/yaml").body(sourceYaml(SITE, "/", null)).post("/api/admin/sources")
                .then().statusCode(409);
        admin().contentType("application/yaml").body(sourceYaml("other-" + RUN, "/", null))
                .put("/api/admin/sources/" + SITE).then().statusCode(400).body("parameter", equalTo("source.id"));
        String json = "{\"id\": \"" + SITE + "\", \"name\": \"Fixture partnership " + RUN + "\", \"countries\": [\"KE\"],"
                + " \"websites\": [{\"seeds\": [\"" + site.base() + "/\"], \"sitemaps\": [\"" + site.base()
                + "/sitemap.xml\"]}]}";
        admin().contentType("application/json").body(json).put("/api/admin/sources/" + SITE)
                .then().statusCode(200).body("name", equalTo("Fixture partnership " + RUN));
        admin().get("/api/admin/sources/" + SITE).then().statusCode(200)
                .body("websites[0].sitemaps[0]", equalTo(site.base() + "/sitemap.xml"));
        // Persisted in the data directory, so it survives a restart (SourceCatalogTest reloads such a file).
        Path overrides = Path.of(config.dataDir(), "sources-overrides.yaml");
        assertTrue(Files.exists(overrides));
        given().get("/api/partnerships/" + SITE).then().statusCode(200)
                .body("name", equalTo("Fixture partnership " + RUN));
    }

    @Test
    @Order(21)
    void crawlProgressCountsAddUp() {
        admin().post("/api/admin/sources/" + SITE + "/crawl").then().statusCode(202)
                .body("started", org.hamcrest.Matchers.hasItem(SITE));
        JsonPath end = awaitCrawlEnd(SITE);
        assertEquals("FINISHED", end.getString("state"), end.prettify());
        long discovered = end.getLong("discovered");
        long processed = end.getLong("fetched") + end.getLong("notModified") + end.getLong("failed")
                + end.getLong("removed") + end.getLong("disallowed");
        // /, a.html, b.html fetched; missing.html failed (404); private/x.html disallowed: five new URLs, all dealt with.
        assertEquals(3, end.getLong("fetched"), end.prettify());
        assertEquals(1, end.getLong("failed"), end.prettify());
        assertEquals(1, end.getLong("disallowed"), end.prettify());
        assertEquals(5, discovered, end.prettify());
        assertEquals(discovered, processed, end.prettify());
        assertEquals(processed, end.getLong("processed"));
        assertEquals(100.0, end.getDouble("percent"));
        assertEquals(0, end.getLong("etaSeconds"));
        assertTrue(end.getLong("bytes") > 0);

        JsonPath history = admin().get("/api/admin/sources/" + SITE + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, history.getList("$").size());
        assertEquals(3, history.getLong("[0].fetched"));
        assertTrue(history.getDouble("[0].durationSeconds") >= 0);

        admin().get("/api/admin/sources/" + SITE + "/failures").then().statusCode(200)
                .body("url", org.hamcrest.Matchers.hasItem(site.base() + "/missing.html"))
                .body("[0].httpStatus", equalTo(404)).body("[0].reason", containsString("404"))
                .body("[0].firstSeen", notNullValue()).body("[0].lastSeen", notNullValue());

        given().get("/api/partnerships/" + SITE + "/health").then().statusCode(200)
                .body("pagesIndexed", equalTo(3)).body("blockedByRobots", equalTo(1)).body("failed", equalTo(1))
                .body("failures[0].url", equalTo(site.base() + "/missing.html"))
                .body("slowest.size()", equalTo(3)).body("lastCrawl.fetched", equalTo(3))
                .body("documentsIndexed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        betweenCrawls = Instant.now();
    }

    @Test
    @Order(22)
    void feedsListTheChangedDocumentAfterARecrawl() throws Exception {
        await("a second boundary", Duration.ofSeconds(3), Instant::now, t -> t.isAfter(betweenCrawls.plusSeconds(1)));
        site.page("/b.html", page("B version 2 " + RUN, "Solar mini-grids & batteries <now> power 40 health "
                + "clinics " + RUN + "."));
        site.page("/sitemap.xml", sitemap(site.base(), Instant.now().toString()));
        admin().post("/api/admin/sources/" + SITE + "/crawl").then().statusCode(202);
        JsonPath end = awaitCrawlEnd(SITE);
        assertEquals("FINISHED", end.getString("state"), end.prettify());
        assertTrue(end.getLong("fetched") >= 1, end.prettify());

        String since = betweenCrawls.toString();
        String xml = given().queryParam("partnership", SITE).queryParam("since", since)
                .get("/api/feeds/changes.atom").then().statusCode(200)
                .contentType(containsString("application/atom+xml")).extract().asString();
        List<String> titles = atomTitles(xml);
        assertTrue(titles.contains("B version 2 " + RUN), titles.toString());
        assertFalse(titles.contains("A page " + RUN), titles.toString());

        // A week back lists both the first crawl's documents and the change.
        List<String> week = atomTitles(given().queryParam("partnership", SITE).queryParam("since", "P7D")
                .get("/api/feeds/changes.atom").then().statusCode(200).extract().asString());
        assertTrue(week.contains("A page " + RUN) && week.contains("B version 2 " + RUN), week.toString());
        assertFalse(week.contains("B version 1 " + RUN), "the old version left the index: " + week);

        given().queryParam("partnership", "nobody-" + RUN).get("/api/feeds/changes.atom").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("<entry>")));
        JsonPath json = given().queryParam("partnership", SITE).queryParam("since", since)
                .get("/api/feeds/changes.json").then().statusCode(200).extract().jsonPath();
        assertEquals("https://jsonfeed.org/version/1.1", json.getString("version"));
        assertTrue(json.getList("items.title").contains("B version 2 " + RUN));
        assertTrue(json.getList("items._sdgsearch.partnerships").toString().contains(SITE));

        given().queryParam("sdg", "6").get("/api/feeds/changes.atom").then().statusCode(200);
        given().queryParam("sdg", "99").get("/api/feeds/changes.atom").then().statusCode(400)
                .body("parameter", equalTo("sdg"));
        given().queryParam("since", "last week").get("/api/feeds/changes.json").then().statusCode(400)
                .body("parameter", equalTo("since"));

        JsonPath fresh = admin().get("/api/admin/freshness").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = fresh.getList("partnerships");
        Map<String, Object> mine = rows.stream().filter(r -> SITE.equals(r.get("partnership"))).findFirst()
                .orElseThrow();
        assertEquals(false, mine.get("stale"));
        assertEquals(0, ((Number) mine.get("daysSince")).intValue());
    }

    /** Parses an Atom document with a namespace-aware DOM parser and checks the elements RFC 4287 requires. */
    static List<String> atomTitles(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertEquals(AtomFeed.NS, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        for (String required : List.of("id", "title", "updated", "author")) {
            assertEquals(1, children(feed, required).size(), "feed/" + required);
        }
        List<String> titles = new ArrayList<>();
        for (Element entry : children(feed, "entry")) {
            for (String required : List.of("id", "title", "updated", "link")) {
                assertFalse(children(entry, required).isEmpty(), "entry/" + required);
            }
            Instant.parse(children(entry, "updated").get(0).getTextContent());
            titles.add(children(entry, "title").get(0).getTextContent());
        }
        return titles;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && AtomFeed.NS.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    @Order(30)
    void aSecondCrawlOfTheSameSourceIsRefusedAndCancelWorks() {
        String id = "slow-" + RUN;
        admin().contentType("application/yaml").body("id: " + id + "\nname: Slow\nwebsites:\n  - seeds: ['"
                + site.base() + "/slow.html']\n").post("/api/admin/sources").then().statusCode(201);
        admin().post("/api/admin/sources/" + id + "/crawl").then().statusCode(202);
        admin().post("/api/admin/sources/" + id + "/crawl").then().statusCode(409);
        JsonPath running = admin().get("/api/admin/crawls").then().statusCode(200).extract().jsonPath();
        assertTrue(running.getList("sourceId").contains(id), running.prettify());
        admin().delete("/api/admin/sources/" + id + "/crawl").then().statusCode(202);
        JsonPath end = awaitCrawlEnd(id);
        assertTrue(List.of("CANCELLED", "FINISHED").contains(end.getString("state")), end.prettify());
        admin().delete("/api/admin/sources/" + id + "/crawl").then().statusCode(404);
        admin().delete("/api/admin/sources/" + id).then().statusCode(200);
    }

    @Test
    @Order(31)
    void aScheduledCrawlRunsOnItsCron() {
        String id = "cron-" + RUN;
        admin().contentType("application/yaml").body(sourceYaml(id, "/a.html", "* * * * * ?"))
                .post("/api/admin/sources").then().statusCode(201);
        JsonPath history = await("a scheduled crawl of " + id, Duration.ofSeconds(30),
                () -> admin().get("/api/admin/sources/" + id + "/history").then().extract().jsonPath(),
                h -> !h.getList("$").isEmpty());
        assertEquals(id, history.getString("[0].sourceId"));
        admin().get("/api/admin/sources/" + id).then().statusCode(200).body("lastRun", notNullValue());
        admin().delete("/api/admin/sources/" + id).then().statusCode(200);
        admin().get("/api/admin/sources/" + id).then().statusCode(404);
    }

    // ---- backup, metrics, removal ----

    @Test
    @Order(40)
    void backupProducesAnIndexThatOpensWithEveryDocument() throws Exception {
        Response r = admin().post("/api/admin/backup").then().statusCode(201).extract().response();
        Path index = Path.of(r.jsonPath().getString("index"));
        int documents = r.jsonPath().getInt("documents");
        assertTrue(r.jsonPath().getInt("files") > 0);
        assertTrue(documents >= 3, r.asString());
        // Open a copy: opening an index commits to it, and the backup should stay as taken.
        Path copy = Files.createTempDirectory("backup-copy");
        try (var files = Files.list(index)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        try (LuceneIndex opened = new LuceneIndex(copy, IndexSchema.load(Path.of("index-schema/schema.yaml")))) {
            assertEquals(documents, opened.count());
            assertFalse(opened.byPartnership(SITE, 10).isEmpty());
        }
    }

    @Test
    @Order(41)
    void metricsCountFetchesIndexingAndSearches() {
        given().queryParam("q", "water").get("/api/search").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("sdg_crawl_fetches_total{outcome=\"fetched\"}"), "fetch outcomes");
        assertTrue(metrics.contains("sdg_documents_indexed_total"), "documents indexed");
        assertTrue(metrics.contains("sdg_search_seconds_count"), "query latency");
        assertFalse(metrics.lines().filter(l -> l.startsWith("sdg_crawl_fetches_total{outcome=\"fetched\"}"))
                .anyMatch(l -> l.endsWith(" 0.0")), "fetches were counted");
    }

    @Test
    @Order(50)
    void removingASourceRemovesItsDocumentsAndStatus() {
        JsonPath removed = admin().delete("/api/admin/sources/" + SITE).then().statusCode(200).extract().jsonPath();
        assertTrue(removed.getInt("documents") >= 3, removed.prettify());
        admin().get("/api/admin/sources/" + SITE).then().statusCode(404);
        given().get("/api/partnerships/" + SITE + "/health").then().statusCode(404);
        given().queryParam("partnership", SITE).get("/api/search").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("partnership", SITE).queryParam("since", "P7D").get("/api/feeds/changes.json")
                .then().statusCode(200).body("items.size()", equalTo(0));
        String lower = SITE.toLowerCase(Locale.ROOT);
        admin().get("/api/admin/sources").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(lower)));
    }
}
