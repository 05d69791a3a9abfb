package org.sdgsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSchemaTest {

    @TempDir
    Path dir;

    static String shipped() throws Exception {
        return Files.readString(Path.of("index-schema/schema.yaml"), StandardCharsets.UTF_8);
    }

    @Test
    void shippedSchemaDeclaresEveryFieldTheCodeUses() {
        IndexSchema s = Fixtures.schema();
        assertEquals("english", s.languages().get("en"));
        assertTrue(s.facetFields().containsAll(java.util.List.of(Fields.SDG, Fields.PARTNERSHIP, Fields.LANGUAGE,
                Fields.TYPE, Fields.COUNTRY, Fields.YEAR)));
    }

    @Test
    void commentsDoNotChangeTheFingerprintButDefinitionsDo() throws Exception {
        String yaml = shipped();
        IndexSchema a = IndexSchema.parse(yaml, "a");
        assertEquals(a.fingerprint(), IndexSchema.parse("# another comment\n" + yaml, "b").fingerprint());
        assertNotEquals(a.fingerprint(), IndexSchema.parse(yaml.replace("zh: smartcn", "zh: standard"), "c").fingerprint());
    }

    @Test
    void brokenSchemasAreRefusedWithTheField() throws Exception {
        String yaml = shipped();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IndexSchema.parse(yaml.replace("{name: sdg, type: keyword", "{name: sdg, type: banana"), "s.yaml"));
        assertTrue(e.getMessage().contains("fields.sdg.type"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> IndexSchema.parse(yaml.replace("{name: year,", "{name: yeer,"), "s.yaml"));
        assertTrue(e.getMessage().contains("fields.year") && e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> IndexSchema.parse("fields: [", "s.yaml"));
        assertTrue(e.getMessage().contains("s.yaml"), e.getMessage());
    }

    @Test
    void anIndexBuiltWithAnotherSchemaIsRefused() throws Exception {
        Path path = dir.resolve("index");
        try (LuceneIndex index = new LuceneIndex(path, Fixtures.schema())) {
            index.put(Fixtures.corpus().get(0));
        }
        IndexSchema other = IndexSchema.parse(shipped().replace("zh: smartcn", "zh: standard"), "other.yaml");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LuceneIndex(path, other));
        assertTrue(e.getMessage().contains("different index schema"), e.getMessage());
        try (LuceneIndex again = new LuceneIndex(path, Fixtures.schema())) {
            assertEquals(1, again.count(), "the same schema opens it, data intact");
        }
    }

    @Test
    void snapshotIsAnIndexThatOpensWithEveryDocument() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            Fixtures.corpus().forEach(index::put);
            index.snapshot(dir.resolve("backup"));
        }
        try (LuceneIndex backup = new LuceneIndex(dir.resolve("backup"), Fixtures.schema())) {
            assertEquals(Fixtures.corpus().size(), backup.count());
        }
    }
}
