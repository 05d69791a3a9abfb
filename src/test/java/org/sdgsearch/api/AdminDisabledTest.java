package org.sdgsearch.api;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Without an admin password the admin API is closed to everyone: no user 'admin' exists, not even one with an empty
 * password, and the public API is unaffected.
 */
@QuarkusTest
@TestProfile(AdminDisabledTest.NoAdminPassword.class)
class AdminDisabledTest {

    /** The test configuration with the admin password removed. */
    public static class NoAdminPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sdg.admin.password", "", "sdg.crawl.on-start", "false");
        }
    }

    @Test
    void everyAdminRequestIsUnauthorized() {
        for (String password : new String[] {"", "test-admin-password", "admin"}) {
            given().auth().preemptive().basic("admin", password).get("/api/admin/sources").then().statusCode(401);
            given().auth().preemptive().basic("admin", password).post("/api/admin/backup").then().statusCode(401);
        }
        given().get("/api/admin/sources").then().statusCode(401);
        given().get("/api/feeds/changes.json").then().statusCode(200);
    }
}
