package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.SearchResult.Hit;

/** Deep paging by cursor over a real index, including documents indexed between two pages and exact score ties. */
class CursorPagingTest {

    @TempDir
    Path dir;
    LuceneIndex index;
    LuceneSearch search;

    @BeforeEach
    void build() {
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        for (int i = 0; i < 45; i++) {
            // Groups of three identical documents: equal scores and dates, so only the id orders them.
            int g = i / 3;
            index.put(Fixtures.doc(String.format("w%03d", i), "p" + (i % 4), "KE", "Water report " + g,
                    "Water for villages. " + "Boreholes and pumps. ".repeat(1 + g % 5) + "Water again.".repeat(g % 3),
                    "en", "web", 2010 + g % 10, 6));
        }
        index.commit();
        search = new LuceneSearch(index, Map::of);
    }

    @AfterEach
    void close() throws Exception {
        search.close();
        index.close();
    }

    private SearchResult page(String q, SearchRequest.Sort sort, int size, Cursor cursor) {
        return search.search(new SearchRequest(q, null, null, null, null, null, null, null, null, sort, 1, size,
                false, cursor));
    }

    private List<String> walk(String q, SearchRequest.Sort sort, int size, Runnable betweenPages) {
        List<String> ids = new ArrayList<>();
        Cursor c = Cursor.START;
        for (int guard = 0; guard < 200; guard++) {
            SearchResult r = page(q, sort, size, c);
            r.hits().stream().map(Hit::id).forEach(ids::add);
            assertTrue(r.hits().size() <= size);
            if (r.nextCursor() == null) {
                return ids;
            }
            c = Cursor.parse(r.nextCursor());
            betweenPages.run();
        }
        throw new AssertionError("cursor paging did not end");
    }

    @Test
    void cursorWalksTheWholeListInTheSameOrderAsPages() {
        for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
            for (String q : List.of("water", "")) {
                List<String> all = search.search(new SearchRequest(q, null, null, null, null, null, null, null,
                        null, sort, 1, 100, false)).hits().stream().map(Hit::id).toList();
                assertEquals(45, all.size());
                for (int size : new int[] {1, 2, 7, 45, 100}) {
                    List<String> walked = walk(q, sort, size, () -> { });
                    assertEquals(new HashSet<>(all), new HashSet<>(walked), sort + " q=" + q + " size=" + size);
                    assertEquals(walked.size(), new HashSet<>(walked).size(), "no hit twice: " + walked);
                }
            }
        }
    }

    @Test
    void documentsIndexedBetweenPagesNeitherRepeatNorHideOthers() {
        List<String> before = walk("water", SearchRequest.Sort.RELEVANCE, 100, () -> { });
        int[] added = {0};
        List<String> walked = walk("water", SearchRequest.Sort.RELEVANCE, 4, () -> {
            // A new best match (water in the title and all over the text) lands before the cursor position.
            index.put(Fixtures.doc("new" + added[0]++, "p9", "KE", "Water water water",
                    "Water water water water.", "en", "web", 2025, 6));
            index.refresh();
        });
        // Later pages are searched in the index view of the first page: same documents, same scores, same order.
        assertEquals(before, walked);
        assertTrue(search.search(SearchRequest.of("water")).total() > before.size(), "new documents are searchable");
    }

    @Test
    void aCursorWhoseViewIsGoneContinuesOnTheCurrentIndex() {
        SearchResult first = page("water", SearchRequest.Sort.DATE, 10, Cursor.START);
        Cursor c = Cursor.parse(first.nextCursor());
        Cursor orphan = new Cursor(c.sort(), c.now(), 987_654, c.score(), c.published(), c.id());
        SearchResult second = page("water", SearchRequest.Sort.DATE, 10, orphan);
        SearchResult expected = page("water", SearchRequest.Sort.DATE, 10, c);
        assertEquals(expected.hits().stream().map(Hit::id).toList(), second.hits().stream().map(Hit::id).toList());
        Set<String> overlap = new HashSet<>(first.hits().stream().map(Hit::id).toList());
        overlap.retainAll(second.hits().stream().map(Hit::id).toList());
        assertTrue(overlap.isEmpty(), overlap.toString());
    }

    @Test
    void lastPageHasNoNextCursorAndTotalsStay() {
        SearchResult first = page("water", SearchRequest.Sort.RELEVANCE, 44, Cursor.START);
        assertEquals(45, first.total());
        assertNotNull(first.nextCursor());
        SearchResult second = page("water", SearchRequest.Sort.RELEVANCE, 44, Cursor.parse(first.nextCursor()));
        assertEquals(1, second.hits().size());
        assertEquals(45, second.total(), "the total counts all matches, not those left");
        assertNull(second.nextCursor());
        assertEquals(0, second.page());
    }

    @Test
    void cursorsRoundTripAndForeignTextIsRefused() {
        SearchResult first = page("water", SearchRequest.Sort.RELEVANCE, 5, Cursor.START);
        Cursor c = Cursor.parse(first.nextCursor());
        assertEquals(first.nextCursor(), c.encode());
        assertEquals(SearchRequest.Sort.RELEVANCE, c.sort());
        assertEquals(first.hits().get(4).id(), c.id());
        assertEquals(Cursor.START, Cursor.parse("*"));
        for (String bad : List.of("", "abc", "!!!", "YzF-cn4x", "x".repeat(Cursor.MAX_LENGTH + 1))) {
            assertThrows(IllegalArgumentException.class, () -> Cursor.parse(bad), bad);
        }
    }
}
