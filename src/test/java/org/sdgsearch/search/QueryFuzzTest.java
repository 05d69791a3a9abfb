package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.SearchResult.Hit;

/**
 * Fuzzes the query path: any query text with any filter values must give a result, never an exception, and the
 * result must keep its promises (all 17 SDG facets, page size, snippets that are escaped apart from {@code <mark>}).
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the seed corpus in
 * {@code src/test/resources/org/sdgsearch/search/QueryFuzzTestInputs/search/} as a regression test. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest=QueryFuzzTest}; a crashing input is written next to the seeds (keep it
 * there as a seed once fixed). Seed files are the query text followed by the bytes the filters are drawn from
 * (Jazzer takes numbers from the end of the input and the query from the start).
 */
class QueryFuzzTest {

    private static final List<String> CODES = List.of("swa", "gpe", "evil", "sun", "en", "fr", "pdf", "web", "KE",
            "SN", "", " ", "*", "\"", "a:b", "x\u0000y", "ü", "\uD800", "-", "OR", "sdg:6", "*:*", "\\", "((");

    private static Path dir;
    private static LuceneIndex index;
    private static LuceneSearch search;

    @BeforeAll
    static void build() throws IOException {
        dir = Files.createTempDirectory("query-fuzz");
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        Fixtures.corpus().forEach(index::put);
        index.commit();
        search = new LuceneSearch(index, () -> Map.of("swa", "Sanitation and Water for All"));
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void search(FuzzedDataProvider data) {
        int flags = data.consumeInt();
        List<Integer> sdgs = (flags & 1) != 0 ? ints(data, -3, 21) : List.of();
        List<String> partnerships = (flags & 2) != 0 ? codes(data) : List.of();
        List<String> languages = (flags & 4) != 0 ? codes(data) : List.of();
        List<String> types = (flags & 8) != 0 ? codes(data) : List.of();
        List<String> countries = (flags & 16) != 0 ? codes(data) : List.of();
        List<Integer> years = (flags & 32) != 0 ? ints(data, -1, 3000) : List.of();
        Integer yearFrom = (flags & 64) != 0 ? data.consumeInt() : null;
        Integer yearTo = (flags & 128) != 0 ? data.consumeInt() : null;
        SearchRequest.Sort sort = (flags & 256) != 0 ? SearchRequest.Sort.DATE : SearchRequest.Sort.RELEVANCE;
        int page = (flags & 512) != 0 ? data.consumeInt() : 1;
        int size = (flags & 1024) != 0 ? data.consumeInt() : 10;
        boolean highlight = (flags & 2048) == 0;
        String q = data.consumeRemainingAsString();

        UserQuery uq = UserQuery.parse(q);
        assertNotNull(uq);
        assertTrue(uq.groups().stream().mapToInt(List::size).sum() + uq.excluded().size() <= UserQuery.MAX_PARTS);

        SearchResult r = search.search(new SearchRequest(q, sdgs, partnerships, languages, types, countries, years,
                yearFrom, yearTo, sort, page, size, highlight));
        assertNotNull(r);
        assertTrue(r.hits().size() <= SearchRequest.MAX_SIZE);
        assertEquals(17, r.facets().get(Fields.SDG).size(), "all 17 goals are always listed");
        for (Hit h : r.hits()) {
            String plain = h.snippet().replace("<mark>", "").replace("</mark>", "");
            assertFalse(plain.contains("<"), () -> "unescaped markup in snippet " + h.snippet());
        }
        assertNotNull(search.suggest(q, 5));
    }

    private static List<Integer> ints(FuzzedDataProvider data, int min, int max) {
        List<Integer> out = new ArrayList<>();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            out.add(data.consumeInt(min, max));
        }
        return out;
    }

    private static List<String> codes(FuzzedDataProvider data) {
        List<String> out = new ArrayList<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            out.add(data.pickValue(CODES));
        }
        return out;
    }
}
