package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;

/**
 * A request alone on the machine searches its segments and counts its facets on all cores; under load it keeps to one
 * core. Both must give the same page, scores, total and facet counts, on an index of several segments.
 */
class ParallelSearchTest {

    private static final String[] WORDS = {"water", "sanitation", "health", "school", "energy", "solar", "climate",
        "forest", "ocean", "gender", "poverty", "farm", "city", "peace", "jobs", "data"};

    @TempDir
    Path dir;
    LuceneIndex index;
    LuceneSearch parallel;
    LuceneSearch sequential;

    @BeforeEach
    void build() {
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 480; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 20 + r.nextInt(60); w++) {
                text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            int sdg = 1 + r.nextInt(17);
            index.put(Fixtures.doc("d" + i, "p" + r.nextInt(9), new String[] {"KE", "FR", "PE", "IN"}[r.nextInt(4)],
                    WORDS[r.nextInt(WORDS.length)] + " report " + i, text.toString(),
                    new String[] {"en", "fr", "es"}[r.nextInt(3)], r.nextBoolean() ? "web" : "pdf",
                    2005 + r.nextInt(20), sdg, 1 + (sdg + r.nextInt(16)) % 17));
            if (i % 60 == 59) {
                index.commit(); // one segment per commit: the merge policy leaves eight small segments alone
            }
        }
        index.commit();
        parallel = new LuceneSearch(index, Map::of);
        parallel.parallelUpTo(Integer.MAX_VALUE);
        sequential = new LuceneSearch(index, Map::of);
        sequential.parallelUpTo(0);
    }

    @AfterEach
    void close() throws Exception {
        parallel.close();
        sequential.close();
        index.close();
    }

    private static SearchRequest request(String q, List<Integer> sdgs, List<String> partnerships, List<String> langs,
                                         SearchRequest.Sort sort, int page, Cursor cursor) {
        return new SearchRequest(q, sdgs, partnerships, langs, null, null, null, null, null, sort, page, 10, true,
                cursor, false);
    }

    @Test
    void oneRequestOnAllCoresFindsWhatOneCoreFinds() throws Exception {
        IndexSearcher s = index.searchers().acquire();
        try {
            assertTrue(s.getIndexReader().leaves().size() >= 4, "the index must have several segments");
        } finally {
            index.searchers().release(s);
        }
        List<SearchRequest> requests = new ArrayList<>();
        for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
            requests.add(request("water", null, null, null, sort, 1, null));
            requests.add(request("water", null, null, null, sort, 3, null));
            requests.add(request("solar energy", null, null, null, sort, 1, null));
            requests.add(request("\"forest ocean\"", null, null, null, sort, 1, null));
            requests.add(request("health -school year:2010..2020", null, null, null, sort, 1, null));
            requests.add(request("clim*", null, null, null, sort, 1, null));
            requests.add(request("data", List.of(3, 6), null, null, sort, 1, null));
            requests.add(request("data", List.of(6), List.of("p1", "p2"), List.of("fr"), sort, 1, null));
            requests.add(request("", List.of(13), null, null, sort, 1, null));
            requests.add(request("", null, null, null, sort, 2, null));
            requests.add(request("peace", null, null, null, sort, 1, Cursor.START));
        }
        for (SearchRequest q : requests) {
            SearchResult a = parallel.search(q);
            SearchResult b = sequential.search(q);
            String what = q.query() + " " + q.sdgs() + " " + q.partnerships() + " " + q.sort() + " page " + q.page();
            assertTrue(a.total() > 0, what);
            assertEquals(b.total(), a.total(), what);
            assertEquals(b.hits(), a.hits(), what);
            assertEquals(b.facets(), a.facets(), what);
            if (q.cursor() != null) {
                // the next page, continued by the other instance, is the same as well
                Cursor next = Cursor.parse(a.nextCursor());
                SearchRequest second = request(q.query(), null, null, null, q.sort(), 1, next);
                assertEquals(sequential.search(second).hits(), parallel.search(second).hits(), what);
            }
        }
    }
}
