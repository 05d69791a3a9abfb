package org.sdgsearch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The widget calls the search API from partner sites: CORS without credentials, and a rate limit per origin so
 * that one busy site cannot starve the others.
 */
@QuarkusTest
@QuarkusTestResource(FixtureSite.class)
class CorsAndRateLimitTest {

    @Test
    void searchIsReadableFromAnyOriginWithoutCredentials() {
        given().header("Origin", "https://partner.example.org").queryParam("q", "water")
                .when().get("/api/search").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://partner.example.org"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://partner.example.org").header("Access-Control-Request-Method", "GET")
                .when().options("/api/suggest").then()
                .statusCode(200)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("GET"));
    }

    @Test
    void aBusyOriginIsLimitedWithoutStarvingOthers() {
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 400 && limited == 0; i++) {
            last = given().header("Origin", "https://busy.example.org").queryParam("q", "wa")
                    .when().get("/api/suggest");
            if (last.statusCode() == 429) {
                limited++;
            } else {
                assertEquals(200, last.statusCode());
            }
        }
        assertTrue(limited > 0, "the busy origin hits the limit");
        assertEquals("application/problem+json", last.contentType());
        assertEquals(429, (int) last.path("status"));
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1);
        given().header("Origin", "https://quiet.example.org").queryParam("q", "wa")
                .when().get("/api/suggest").then().statusCode(200);
    }
}
