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
 * Ranking by relevance scores only the documents that can reach the page (block-max WAND over the matched sets, the
 * all-words documents first). It must give exactly the page that scoring every hit gives: the same documents in the
 * same order with the same scores, for single words, several words (all words first or all required), OR, phrases,
 * prefixes, exclusions, the SDG boost, later pages and larger pages, on segments large enough to skip blocks.
 */
class SkippingTopHitsTest {

    private static final String[] WORDS = {"water", "sanitation", "health", "school", "energy", "solar", "climate",
        "forest", "ocean", "gender", "poverty", "farm", "city", "peace", "jobs", "data", "rare", "unique"};

    @TempDir
    Path dir;
    LuceneIndex index;
    LuceneSearch skipping;
    LuceneSearch everyHit;

    @BeforeEach
    void build() {
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            // Skewed word frequencies and lengths: scores spread out, so that whole blocks can be skipped.
            for (int w = 0; w < 5 + r.nextInt(r.nextInt(8) == 0 ? 400 : 40); w++) {
                text.append(WORDS[Math.min(r.nextInt(WORDS.length), r.nextInt(WORDS.length))]).append(' ');
            }
            int sdg = 1 + r.nextInt(17);
            String title = WORDS[r.nextInt(WORDS.length)] + (r.nextInt(5) == 0 ? " " + WORDS[r.nextInt(4)] : "")
                    + " report " + i;
            index.put(Fixtures.doc("d" + i, "p" + r.nextInt(9), "KE", title, text.toString(),
                    new String[] {"en", "fr", "es"}[r.nextInt(3)], r.nextBoolean() ? "web" : "pdf",
                    2005 + r.nextInt(20), sdg, 1 + (sdg + r.nextInt(16)) % 17));
            if (i % 1000 == 999) {
                index.commit();
            }
        }
        index.commit();
        skipping = new LuceneSearch(index, Map::of);
        everyHit = new LuceneSearch(index, Map::of);
        everyHit.scoreEveryHit(true);
    }

    @AfterEach
    void close() throws Exception {
        skipping.close();
        everyHit.close();
        index.close();
    }

    @Test
    void skippingFindsThePageThatScoringEveryHitFinds() throws Exception {
        IndexSearcher s = index.searchers().acquire();
        try {
            assertTrue(s.getIndexReader().leaves().size() >= 3, "the index must have several segments");
        } finally {
            index.searchers().release(s);
        }
        SplittableRandom r = new SplittableRandom(5);
        List<String> queries = new ArrayList<>(List.of("water", "rare", "unique", "water sanitation",
                "solar energy climate", "school OR jobs", "\"forest ocean\"", "health -school", "clim*",
                "rare unique", "water unique", "poverty gender peace jobs data"));
        for (int i = 0; i < 40; i++) {
            int n = 1 + r.nextInt(4);
            StringBuilder q = new StringBuilder();
            for (int w = 0; w < n; w++) {
                q.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            queries.add(q.toString());
        }
        int compared = 0;
        for (String q : queries) {
            for (boolean allWords : new boolean[] {false, true}) {
                for (List<Integer> sdgs : List.of(List.<Integer>of(), List.of(6))) {
                    for (int[] pageSize : new int[][] {{1, 10}, {3, 10}, {1, 50}}) {
                        SearchRequest req = new SearchRequest(q, sdgs, null, null, null, null, null, null, null,
                                SearchRequest.Sort.RELEVANCE, pageSize[0], pageSize[1], false, null, allWords);
                        SearchResult a = skipping.search(req);
                        SearchResult b = everyHit.search(req);
                        String what = q + " all=" + allWords + " sdgs=" + sdgs + " page " + pageSize[0] + "x"
                                + pageSize[1];
                        assertEquals(b.total(), a.total(), what);
                        assertEquals(b.hits(), a.hits(), what);
                        assertEquals(b.facets(), a.facets(), what);
                        compared += a.hits().size();
                    }
                }
            }
        }
        assertTrue(compared > 5000, "compared " + compared);
    }
}
