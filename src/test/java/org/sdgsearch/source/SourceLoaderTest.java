package org.sdgsearch.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceLoaderTest {

    private static final Path FILE = Path.of("crawler-config/sources.yaml");

    @Test
    void shippedSourcesFileIsValidAndHasTenRealPartnershipsAndTheDemo() {
        List<Source> sources = SourceLoader.load(FILE);
        long websites = sources.stream().filter(s -> !s.websites().isEmpty()).count();
        assertTrue(websites >= 10, "at least ten real partnership websites, got " + websites);
        Source demo = sources.stream().filter(s -> s.id().equals("demo-alliance")).findFirst().orElseThrow();
        assertFalse(demo.folders().isEmpty());
        assertTrue(demo.folders().get(0).path().resolve("index.html").toFile().isFile(),
                "the demo folder resolves relative to the sources file");
    }

    @Test
    void defaultsAreFilledIn() {
        Source s = SourceLoader.parse(FILE, """
                sources:
                  - id: water-alliance
                    name: Water Alliance
                    websites:
                      - seeds: [https://water.example.org/en/]
                """).get(0);
        assertEquals(SourceLoader.DEFAULT_SCHEDULE, s.schedule());
        Website w = s.websites().get(0);
        assertEquals(List.of("water.example.org"), w.scope().hosts());
        assertEquals(SourceLoader.DEFAULT_MAX_PAGES, w.maxPages());
        assertTrue(w.scope().contains(URI.create("https://water.example.org/en/reports")));
        assertFalse(w.scope().contains(URI.create("https://other.example.org/")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name                 | '  - id: a\\n    websites:\\n      - seeds: [https://a.org/]'                         | 2 | sources[0].name
            bad id                       | '  - id: A B\\n    name: x\\n    websites:\\n      - seeds: [https://a.org/]'       | 2 | sources[0].id
            bad seed                     | '  - id: a\\n    name: x\\n    websites:\\n      - seeds: [htp://a.org/]'           | 5 | sources[0].websites[0].seeds
            unknown field                | '  - id: a\\n    name: x\\n    webstes: []'                                        | 4 | sources[0].webstes
            no website or folder         | '  - id: a\\n    name: x'                                                           | 2 | sources[0].websites
            bad sdg                      | '  - id: a\\n    name: x\\n    declared-sdgs: [18]\\n    folders: [{path: d}]'     | 4 | sources[0].declared-sdgs
            bad country                  | '  - id: a\\n    name: x\\n    countries: [Kenya]\\n    folders: [{path: d}]'      | 4 | sources[0].countries
            bad cron                     | '  - id: a\\n    name: x\\n    schedule: every day\\n    folders: [{path: d}]'     | 4 | sources[0].schedule
            bad regex                    | '  - id: a\\n    name: x\\n    websites:\\n      - seeds: [https://a.org/]\\n        exclude: [\"(\"]' | 6 | sources[0].websites[0].exclude
            seed out of scope            | '  - id: a\\n    name: x\\n    websites:\\n      - seeds: [https://a.org/]\\n        path-prefixes: [/en/]' | 5 | sources[0].websites[0].seeds
            duplicate id                 | '  - id: a\\n    name: x\\n    folders: [{path: d}]\\n  - id: a\\n    name: y\\n    folders: [{path: d}]' | 5 | sources[1].id
            """)
    void invalidFilesNameLineAndField(String name, String body, int line, String field) {
        String yaml = "sources:\n" + body.replace("\\n", "\n");
        SourceConfigException e = assertThrows(SourceConfigException.class, () -> SourceLoader.parse(FILE, yaml));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(FILE + ":" + line + ": field '" + field + "'"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        SourceConfigException e = assertThrows(SourceConfigException.class,
                () -> SourceLoader.parse(FILE, "sources:\n  - id: a\n    name: [unclosed\n"));
        assertTrue(e.line() >= 3, e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        SourceConfigException e = assertThrows(SourceConfigException.class,
                () -> SourceLoader.load(Path.of("does-not-exist.yaml")));
        assertTrue(e.getMessage().contains("does-not-exist.yaml"));
    }
}
