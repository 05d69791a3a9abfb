package org.sdgsearch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the application crawls a loopback fixture site and the offline demo at start, extracts, classifies
 * and indexes them, and finds pages by keyword and by SDG facet through /api/search.
 */
@QuarkusTest
@QuarkusTestResource(FixtureSite.class)
class CrawlToSearchTest {

    @Inject
    Engine engine;

    @BeforeEach
    void crawled() throws InterruptedException {
        assertTrue(engine.jobs().awaitIdle(Duration.ofMinutes(3)), "the start-up crawl finishes");
    }

    @Test
    void findsACrawledPageByKeyword() {
        given().queryParam("q", "boreholes cholera").queryParam("partnership", FixtureSite.SOURCE_ID).when().get("/api/search").then()
                .statusCode(200)
                .body("hits[0].title", equalTo("Clean water for riverside villages"))
                .body("hits[0].partnerships", hasItem(FixtureSite.SOURCE_ID))
                .body("hits[0].snippet", containsString("<mark>"));
    }

    @Test
    void findsItByItsSdgFacet() {
        given().queryParam("q", "riverside villages").queryParam("sdg", 6).when().get("/api/search").then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("hits.sdgs", everyItem(hasItem(6)))
                .body("hits.title", hasItem("Clean water for riverside villages"))
                .body("facets.sdg", hasSize(17));
        given().queryParam("q", "literacy comprehension").queryParam("partnership", FixtureSite.SOURCE_ID).when().get("/api/search").then()
                .statusCode(200)
                .body("hits[0].title", equalTo("Teacher training for rural schools"))
                .body("hits[0].sdgs", hasItem(4));
    }

    @Test
    void robotsTxtDisallowedPagesAreNotIndexed() {
        given().queryParam("q", "internal budget").when().get("/api/search").then()
                .statusCode(200)
                .body("hits.title", not(hasItem("Internal budget")));
    }

    @Test
    void theOfflineDemoSourceIsSearchable() {
        given().queryParam("partnership", "demo-alliance").when().get("/api/search").then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(10))
                .body("facets.type.value", hasItem("pdf"));
        given().queryParam("q", "lang:fr eau").when().get("/api/search").then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("hits.language", everyItem(equalTo("fr")));
    }

    @Test
    void documentViewHasEvidenceForEachAssignedSdg() {
        String id = given().queryParam("q", "boreholes").queryParam("partnership", FixtureSite.SOURCE_ID).when().get("/api/search").then().statusCode(200)
                .extract().path("hits[0].id");
        given().when().get("/api/documents/" + id).then()
                .statusCode(200)
                .body("sdgProfile.assigned", hasItem(6))
                .body("sdgProfile.scores", hasSize(17))
                .body("sdgProfile.evidence.find { it.sdg == 6 }.passages.size()", greaterThanOrEqualTo(1))
                .body("partnerships[0].name", equalTo("Riverbank Partnership"));
        given().when().get("/api/documents/" + id + "/related").then()
                .statusCode(200)
                .body("partnerships.flatten()", not(hasItem(FixtureSite.SOURCE_ID)));
    }

    @Test
    void crawledMarkupIsEscapedInResults() {
        given().queryParam("q", "chlorination").when().get("/api/search").then()
                .statusCode(200)
                .body("hits[0].snippet", not(containsString("<img")))
                .body("hits[0].snippet", not(containsString("<script")));
    }
}
