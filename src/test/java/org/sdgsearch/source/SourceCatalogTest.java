package org.sdgsearch.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin changes merged over the sources file and kept across a restart (a new catalog over the same files). */
class SourceCatalogTest {

    private static final String BASE = """
            sources:
              - id: alpha
                name: Alpha
                websites:
                  - seeds: [https://alpha.example.org/]
              - id: beta
                name: Beta
                websites:
                  - seeds: [https://beta.example.org/]
            """;

    @Test
    void changesSurviveARestart(@TempDir Path dir) throws IOException {
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, BASE, StandardCharsets.UTF_8);
        Path overrides = dir.resolve("data/sources-overrides.yaml");
        SourceCatalog c = new SourceCatalog(sources, overrides);
        assertEquals(2, c.all().size());

        String gamma = "{\"id\": \"gamma\", \"name\": \"Gamma\", \"websites\": [{\"seeds\": [\"https://g.example.org/\"]}],"
                + " \"schedule\": \"0 0 4 ? * MON\"}";
        c.put(SourceCatalog.parse("request", gamma), gamma);
        String alpha2 = "id: alpha\nname: Alpha renamed\nwebsites:\n  - seeds: [https://alpha.example.org/]\n";
        c.put(SourceCatalog.parse("request", alpha2), alpha2);
        assertTrue(c.remove("beta"));
        assertFalse(c.remove("beta"));

        SourceCatalog restarted = new SourceCatalog(sources, overrides);
        assertEquals(java.util.List.of("alpha", "gamma"), restarted.all().stream().map(Source::id).toList());
        assertEquals("Alpha renamed", restarted.get("alpha").orElseThrow().name());
        assertEquals("0 0 4 ? * MON", restarted.get("gamma").orElseThrow().schedule());
        assertEquals(SourceCatalog.Origin.ADMIN, restarted.origin("alpha").orElseThrow());
        assertTrue(restarted.get("beta").isEmpty());

        // Removing an admin-added source leaves no trace; re-adding a removed config source brings it back.
        assertTrue(restarted.remove("gamma"));
        String beta = "id: beta\nname: Beta again\nwebsites:\n  - seeds: [https://beta.example.org/]\n";
        restarted.put(SourceCatalog.parse("request", beta), beta);
        SourceCatalog again = new SourceCatalog(sources, overrides);
        assertTrue(again.get("gamma").isEmpty());
        assertEquals("Beta again", again.get("beta").orElseThrow().name());
    }

    @Test
    void invalidBodiesNameTheField() {
        SourceConfigException e = assertThrows(SourceConfigException.class,
                () -> SourceCatalog.parse("request", "id: x\nwebsites:\n  - seeds: [https://x.example.org/]\n"));
        assertEquals("source.name", e.field());
        e = assertThrows(SourceConfigException.class, () -> SourceCatalog.parse("request",
                "id: x\nname: X\nwebsites:\n  - seeds: [ftp://x.example.org/]\n"));
        assertTrue(e.field().startsWith("source.websites[0].seeds"), e.field());
    }
}
