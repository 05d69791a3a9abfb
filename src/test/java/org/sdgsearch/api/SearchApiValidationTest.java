package org.sdgsearch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad parameter gets a 400 (or 404/413/422) problem+json body naming the parameter, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(FixtureSite.class)
class SearchApiValidationTest {

    @jakarta.inject.Inject
    Engine engine;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "sdg,0", "sdg,18", "sdg,six", "size,0", "size,101", "size,abc", "page,0", "page,-1", "sort,best",
            "yearFrom,abc", "yearTo,99999", "year,twenty", "lang,'fr;drop'", "country,'<script>'",
            "partnership,'a b'", "match,most"})
    void badSearchParametersAre400NamingTheParameter(String name, String value) {
        given().queryParam(name, value).when().get("/api/search").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(name))
                .body("detail", notNullValue());
    }

    @Test
    void cursorPagingRefusesForeignCursorsAndMixingWithPage() {
        given().queryParam("cursor", "not-a-cursor").when().get("/api/search").then()
                .statusCode(400).contentType("application/problem+json").body("parameter", equalTo("cursor"));
        given().queryParam("cursor", "*").queryParam("page", 2).when().get("/api/search").then()
                .statusCode(400).body("parameter", equalTo("page"));
        // A cursor from a relevance-ordered list cannot continue a date-ordered one.
        String next = given().queryParam("q", "water").queryParam("size", 1).queryParam("cursor", "*")
                .when().get("/api/search").then().statusCode(200).extract().path("nextCursor");
        given().queryParam("q", "water").queryParam("sort", "date").queryParam("cursor", next)
                .when().get("/api/search").then().statusCode(400).body("parameter", equalTo("cursor"));
    }

    @Test
    void cursorPagingWalksEveryResultOnce() throws InterruptedException {
        org.junit.jupiter.api.Assertions.assertTrue(engine.jobs().awaitIdle(java.time.Duration.ofMinutes(3)),
                "the start-up crawl finishes");
        java.util.List<String> byPage = given().queryParam("q", "water").queryParam("size", 100)
                .when().get("/api/search").then().statusCode(200).extract().path("hits.id");
        java.util.List<String> walked = new java.util.ArrayList<>();
        String cursor = "*";
        for (int guard = 0; cursor != null && guard < 500; guard++) {
            var r = given().queryParam("q", "water").queryParam("size", 2).queryParam("cursor", cursor)
                    .when().get("/api/search").then().statusCode(200).body("page", equalTo(0)).extract();
            walked.addAll(r.path("hits.id"));
            cursor = r.path("nextCursor");
        }
        org.junit.jupiter.api.Assertions.assertTrue(byPage.size() > 2, "fixture has several water documents");
        org.junit.jupiter.api.Assertions.assertEquals(byPage, walked);
    }

    @Test
    void yearRangeTheWrongWayRound() {
        given().queryParam("yearFrom", 2024).queryParam("yearTo", 2019).when().get("/api/search").then()
                .statusCode(400).body("parameter", equalTo("yearFrom"));
    }

    @Test
    void hugeQueryIs413() {
        given().queryParam("q", "x".repeat(3_000)).when().get("/api/search").then()
                .statusCode(413).body("parameter", equalTo("q"));
    }

    @Test
    void unknownDocumentIs404AndBadIdIs400() {
        given().when().get("/api/documents/abcdef").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/documents/not-an-id").then().statusCode(400).body("parameter", equalTo("id"));
        given().when().get("/api/partnerships/nope").then().statusCode(404);
        given().when().get("/api/no-such-endpoint").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void classifyValidatesItsBody() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/classify").then()
                .statusCode(422).body("parameter", equalTo("text"));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"language\": \"english!\"}").when()
                .post("/api/classify").then().statusCode(422).body("parameter", equalTo("language"));
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/classify").then()
                .statusCode(400);
    }

    @Test
    void classifyAssignsSdgsToAText() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"Boreholes and latrines bring safe drinking water and sanitation to villages; "
                        + "handwashing with soap in every school.\", \"language\": \"en\"}")
                .when().post("/api/classify").then()
                .statusCode(200)
                .body("scores", hasSize(17))
                .body("assigned", org.hamcrest.Matchers.hasItem(6));
    }

    @Test
    void sdgsListsTheSeventeenGoalsInSixLanguages() {
        given().when().get("/api/sdgs").then().statusCode(200)
                .body("", hasSize(17))
                .body("[5].colour", equalTo("#26BDE2"))
                .body("[5].names.fr", equalTo("Eau propre et assainissement"))
                .body("[16].names.ar", notNullValue());
    }

    @Test
    void healthMetricsAndOpenApiAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
