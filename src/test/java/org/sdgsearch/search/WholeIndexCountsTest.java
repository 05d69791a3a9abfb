package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;

/** The catalogue's whole-index counts are kept per index view: the same view answers from memory, a new one counts. */
class WholeIndexCountsTest {

    @TempDir
    Path dir;

    @Test
    void countsFollowTheIndexView() throws Exception {
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            index.put(Fixtures.doc("a", "p1", "KE", "Water", "wells", "en", "web", 2020, 6));
            index.put(Fixtures.doc("b", "p1", "KE", "Schools", "classes", "en", "web", 2021, 4, 6));
            index.commit();
            index.refresh();
            LuceneSearch search = new LuceneSearch(index, Map::of);
            try {
                Map<String, Long> first = search.counts(Fields.SDG);
                assertEquals(Map.of("6", 2L, "4", 1L), first);
                assertSame(first, search.counts(Fields.SDG), "the same index view answers from memory");
                assertEquals(Map.of("p1", 2L), search.counts(Fields.PARTNERSHIP));

                index.put(Fixtures.doc("c", "p2", "PE", "Energy", "solar", "en", "web", 2022, 7));
                index.delete("a");
                index.commit();
                index.refresh();
                assertEquals(Map.of("6", 1L, "4", 1L, "7", 1L), search.counts(Fields.SDG));
                assertEquals(Map.of("p1", 1L, "p2", 1L), search.counts(Fields.PARTNERSHIP));
            } finally {
                search.close();
            }
        }
    }
}
