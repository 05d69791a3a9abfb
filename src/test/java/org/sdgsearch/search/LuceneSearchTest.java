package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.SearchResult.FacetValue;
import org.sdgsearch.search.SearchResult.Hit;

class LuceneSearchTest {

    @TempDir
    static Path dir;
    static LuceneIndex index;
    static LuceneSearch search;

    @BeforeAll
    static void build() {
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        Fixtures.corpus().forEach(index::put);
        index.commit();
        search = new LuceneSearch(index, () -> Map.of("swa", "Sanitation and Water for All", "gpe",
                "Global Partnership for Education"));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static SearchResult run(String q) {
        return search.search(SearchRequest.of(q));
    }

    private static SearchRequest withSdgs(String q, Integer... sdgs) {
        return new SearchRequest(q, List.of(sdgs), null, null, null, null, null, null, null, null, 1, 10, true);
    }

    private static Map<String, Long> counts(SearchResult r, String dim) {
        return r.facets().get(dim).stream().collect(Collectors.toMap(FacetValue::value, FacetValue::count));
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(Hit::id).toList();
    }

    @Test
    void keywordSearchRanksDocumentsWithAllWordsFirst() {
        SearchResult r = run("sanitation schools");
        assertEquals("b2", r.hits().get(0).id(), "the only document with both words comes first");
        assertTrue(r.total() >= 3, "documents with either word still match");
    }

    @Test
    void relevanceDecidesTheOrderAndTitlesWeighMore() {
        // Two documents mention sanitation; the one with it in its title comes first, although it is older.
        SearchResult r = run("sanitation");
        assertEquals("a2", r.hits().get(0).id(), ids(r).toString());
        assertTrue(r.hits().get(0).score() > 2 * r.hits().get(r.hits().size() - 1).score(),
                "BM25 scores, not only the boosts: " + r.hits());
    }

    @Test
    void allWordsCanBeRequired() {
        SearchResult any = run("sanitation schools");
        SearchResult all = search.search(new SearchRequest("sanitation schools", null, null, null, null, null, null,
                null, null, null, 1, 10, true, null, true));
        assertEquals(List.of("b2"), ids(all), "only the document with both words");
        assertTrue(any.total() > all.total());
    }

    @Test
    void phraseAndExclusion() {
        assertEquals(List.of("b2"), ids(run("\"sanitation in schools\"")));
        assertFalse(ids(run("sanitation -schools")).contains("b2"));
    }

    @Test
    void aPhraseIsTheseWordsAccentsAndCaseFoldedButNotStemmed() {
        assertEquals(List.of("c2"), ids(run("\"Energie SOLAIRE\"")), "accents and case do not matter in a phrase");
        assertEquals(List.of("c2"), ids(run("\"pompes solaires\"")));
        assertEquals(List.of(), ids(run("\"pompe solaire\"")), "a phrase is not stemmed (the word pompe is)");
        assertTrue(ids(run("pompe solaire")).contains("c2"));
    }

    @Test
    void wordsAreFoundWithOrWithoutAccentsAndStopWordsOfOneLanguageStillCount() {
        assertTrue(ids(run("energie")).contains("c2"), "the folded French stem of énergie");
        assertTrue(ids(run("desnutricion")).contains("d1"), "the folded Spanish stem of desnutrición");
        assertTrue(ids(run("énergies")).contains("c2"));
        // "and" is an English stop word, removed from English documents' stemmed field: the neutral field finds it
        assertTrue(ids(run("and")).contains("a1"));
    }

    @Test
    void aStopWordOfSomeLanguageIsLeftOutOfAQueryWithOtherWordsAndSearchedAsWrittenAlone() {
        // "de" is in the French text of c2 and the Spanish text of d1; French and Spanish drop it as a stop word.
        assertEquals(List.of("c2", "d1"), ids(run("de")).stream().sorted().toList(), "alone: looked for as written");
        SearchResult r = run("anemia de");
        assertEquals(List.of("d1"), ids(r), "with another word: \"de\" alone does not make c2 a hit");
        assertEquals(1, r.total());
        assertTrue(r.hits().get(0).snippet().contains("<mark>anemia</mark>"), r.hits().get(0).snippet());
        assertFalse(r.hits().get(0).snippet().contains("<mark>de</mark>"), r.hits().get(0).snippet());
        assertEquals(List.of("c2", "d1"), ids(run("anemia OR de")).stream().sorted().toList(),
                "asked for explicitly (in a group with a word no language drops), it is searched as written");
    }

    @Test
    void searchesBeyondTheConcurrencyWaitTheirTurnAndThenAnswer() throws Exception {
        search.concurrency(1);
        Semaphore turns = search.turns();
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            turns.acquireUninterruptibly(); // as a search that is running
            Future<SearchResult> waiting = client.submit(() -> run("sanitation"));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                while (turns.getQueueLength() == 0) {
                    Thread.onSpinWait();
                }
            });
            assertFalse(waiting.isDone(), "the second search waits for the running one");
            turns.release();
            assertTrue(waiting.get(30, TimeUnit.SECONDS).total() > 0, "and answers once its turn comes");
            search.concurrency(2);
            search.turns().acquireUninterruptibly();
            try {
                assertTrue(client.submit(() -> run("sanitation")).get(30, TimeUnit.SECONDS).total() > 0,
                        "with two turns, a search runs beside another");
            } finally {
                search.turns().release();
            }
        } finally {
            client.shutdownNow();
            search.concurrency(0);
        }
    }

    @Test
    void frenchStemmingAndAccentFolding() {
        assertTrue(ids(run("ecoles")).contains("c2"), "accent-folded neutral field");
        assertTrue(ids(run("pompe")).contains("c2"), "French analyzer stems pompes");
    }

    @Test
    void allSeventeenSdgsAlwaysPresentWithZeroCounts() {
        SearchResult r = run("desnutrición");
        List<FacetValue> sdg = r.facets().get(Fields.SDG);
        assertEquals(17, sdg.size());
        assertEquals("1", sdg.get(0).value());
        assertEquals(0L, sdg.get(0).count());
        assertEquals(1L, counts(r, Fields.SDG).get("2"));
    }

    @Test
    void drillSidewaysKeepsCountsOfTheSelectedDimension() {
        SearchResult all = search.search(withSdgs(""));
        SearchResult water = search.search(withSdgs("", 6));
        assertEquals(counts(all, Fields.SDG).get("6"), water.total());
        // Selecting SDG 6 still shows how many hits SDG 3 would add.
        assertEquals(counts(all, Fields.SDG).get("3"), counts(water, Fields.SDG).get("3"));
        assertTrue(water.facets().get(Fields.SDG).get(5).selected());
        // Other dimensions are narrowed by the selection.
        assertEquals(0L, counts(water, Fields.PARTNERSHIP).getOrDefault("sun", 0L));
        SearchResult waterOrHealth = search.search(withSdgs("", 6, 3));
        assertTrue(waterOrHealth.total() > water.total(), "multi-select within a dimension is OR");
    }

    @Test
    void filtersInTheQueryLanguage() {
        assertEquals(List.of("c2"), ids(run("lang:fr")));
        assertEquals(List.of("a2", "b2").stream().sorted().toList(), ids(run("type:pdf")).stream().sorted().toList());
        assertTrue(ids(run("country:pe")).containsAll(List.of("c2", "d1")));
        assertEquals(List.of("a2"), ids(run("year:2019..2019")));
        assertEquals(List.of("b1", "b2"), ids(run("partnership:gpe")).stream().sorted().toList());
    }

    @Test
    void sdgScoreBoostsWhenAnSdgIsSelected() {
        SearchResult r = search.search(withSdgs("water", 3));
        assertTrue(r.hits().stream().allMatch(h -> h.sdgs().contains(3)));
    }

    @Test
    void highlightingEscapesCrawledHtmlAndMarksOnlyMatches() {
        SearchResult r = run("chlorination");
        Hit h = r.hits().get(0);
        assertEquals("x1", h.id());
        assertTrue(h.snippet().contains("<mark>Chlorination</mark>"), h.snippet());
        assertFalse(h.snippet().contains("<img"), h.snippet());
        assertTrue(h.snippet().contains("&lt;img"), h.snippet());
        assertEquals(h.snippet().replaceAll("</?mark>", "").indexOf('<'), -1, "no tag but <mark>");
    }

    @Test
    void didYouMeanForMisspelledWords() {
        SearchResult r = run("sanitatoin");
        assertEquals(0, r.total());
        assertEquals("sanitation", r.didYouMean());
    }

    @Test
    void suggestionsFromTitlesPartnershipsAndTerms() {
        List<SearchService.Suggestion> s = search.suggest("sani", 10);
        assertTrue(s.stream().anyMatch(x -> x.kind().equals("title") && x.text().equals("Sanitation financing")), s.toString());
        assertTrue(s.stream().anyMatch(x -> x.kind().equals("partnership") && x.value().equals("swa")), s.toString());
        assertTrue(s.stream().anyMatch(x -> x.kind().equals("term") && x.value().equals("sanitation")), s.toString());
    }

    @Test
    void relatedDocumentsComeFromOtherPartnerships() {
        List<Hit> related = search.related("a1", 5);
        assertFalse(related.isEmpty());
        assertTrue(related.stream().noneMatch(h -> h.partnerships().contains("swa")), related.toString());
    }

    @Test
    void dateSortAndPaging() {
        SearchRequest r = new SearchRequest("", null, null, null, null, null, null, null, null,
                SearchRequest.Sort.DATE, 2, 3, false);
        SearchResult page2 = search.search(r);
        assertEquals(3, page2.hits().size());
        assertTrue(page2.hits().get(0).year() >= page2.hits().get(2).year());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "a*", "\"", "OR OR", "-", "/.*/", "*ation", "the of and",
            "water* wat* wa* w*", "sdg:0", "year:2020..1990", "\"\"\"\"", "\\", "+-&&||!(){}[]^~*?:\\/",
            "ᴡᴀᴛᴇʀ", "水 卫生", "وصول المياه", "вода"})
    void anyQueryReturnsAResult(String q) {
        assertAnswers(q);
    }

    @Test
    void hugeQueriesAreLimitedNotRefused() {
        assertAnswers("water ".repeat(3000));
        assertAnswers("x".repeat(5000));
    }

    @Test
    void longPastedSentencesWithPrefixesStillFindDocuments() {
        String q = "how do boreholes and hand pumps bring safe drinking water to villages while sanitation and "
                + "latrines protect children from diarrhoea in rural districts across east africa this year sani* "
                + "wat* scho*";
        SearchResult r = run(q);
        assertTrue(r.total() > 0, r.notices().toString());
        assertEquals("a1", r.hits().get(0).id(), ids(r).toString());
        assertTrue(r.notices().stream().noneMatch(n -> n.contains("too complex")), r.notices().toString());
    }

    private static void assertAnswers(String q) {
        SearchResult r = run(q);
        assertNotNull(r);
        assertEquals(17, r.facets().get(Fields.SDG).size());
    }
}
