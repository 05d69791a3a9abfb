package org.sdgsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.Extractor;
import org.sdgsearch.extract.GeneratedFiles;

/** A PDF's pages are stored as where they lie in its text, and read back exactly as written. */
class PageSpansTest {

    @TempDir
    Path dir;

    static final String TEXT = "First page: water and sanitation.\n\nSecond page: énergie solaire, 水.\n\n\n\nThird.";
    static final List<String> PAGES = List.of("First page: water and sanitation.", "Second page: énergie solaire, 水.",
            "", "Third.");

    @Test
    void pagesCutFromTheTextAreStoredAsSpansAndReadBackExactly() {
        PageSpans.Encoded e = PageSpans.encode(TEXT, PAGES);
        assertTrue(e.verbatim().isEmpty(), "every page is a part of the text");
        assertTrue(e.spans().length <= 1 + 3 * PAGES.size(), "a few bytes per page: " + e.spans().length);
        assertEquals(PAGES, PageSpans.decode(TEXT, e.spans(), e.verbatim()));
    }

    @Test
    void pagesThatAreNotPartOfTheTextAreKeptAsText() {
        // Pages are looked for where the previous one ended: one out of order is kept as text too.
        List<String> pages = List.of("First page", "not in the text", ": water", "Third.", "also missing");
        PageSpans.Encoded e = PageSpans.encode(TEXT, pages);
        assertEquals(List.of("not in the text", "Third.", "also missing"), e.verbatim());
        assertEquals(pages, PageSpans.decode(TEXT, e.spans(), e.verbatim()));
    }

    @Test
    void noPagesStoreNothing() {
        PageSpans.Encoded e = PageSpans.encode(TEXT, List.of());
        assertNull(e.spans());
        assertEquals(List.of(), PageSpans.decode(TEXT, null, List.of()));
    }

    @Test
    void randomPagesRoundTrip() {
        Random r = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            List<String> pages = new ArrayList<>();
            int n = r.nextInt(12);
            for (int p = 0; p < n; p++) {
                String page = words(r, r.nextInt(30));
                if (r.nextInt(10) == 0) {
                    pages.add(words(r, 1 + r.nextInt(5)) + "#"); // '#' is never in the text: kept verbatim
                    continue;
                }
                text.append(page).append(r.nextBoolean() ? "\n\n" : " ");
                pages.add(page);
            }
            if (r.nextInt(5) == 0) {
                text.setLength(text.length() / 2); // a cut text: later pages lie past its end
            }
            PageSpans.Encoded e = PageSpans.encode(text.toString(), pages);
            assertEquals(pages, PageSpans.decode(text.toString(), e.spans(), e.verbatim()),
                    "round " + round);
        }
    }

    @Test
    void spansThatDoNotFitTheTextAreRefusedWithAReason() {
        PageSpans.Encoded e = PageSpans.encode(TEXT, PAGES);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> PageSpans.decode("short", e.spans(), List.of()));
        assertTrue(outside.getMessage().contains("outside the text"), outside.getMessage());
        BytesRef cut = new BytesRef(e.spans().bytes, e.spans().offset, 2);
        assertThrows(IllegalArgumentException.class, () -> PageSpans.decode(TEXT, cut, List.of()));
        PageSpans.Encoded missing = PageSpans.encode(TEXT, List.of("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> PageSpans.decode(TEXT, missing.spans(), List.of()));
    }

    @Test
    void theIndexKeepsOnePdfTextAndGivesThePagesBack() throws Exception {
        String text = String.join("\n\n", PAGES.subList(0, 2)) + "\n\n" + "Annex: tables.";
        List<String> pages = List.of(PAGES.get(0), PAGES.get(1), "Annex: tables.");
        IndexedDocument pdf = new IndexedDocument("p1", List.of("https://swa.example.org/report.pdf"), List.of("swa"),
                List.of("KE"), List.of("civil society"), "Report", "", text, "en", "pdf", "application/pdf",
                Instant.parse("2024-01-01T00:00:00Z"), null, Instant.now(), Instant.now(), null, pages,
                Fixtures.profile(6));
        IndexedDocument foreign = new IndexedDocument("p2", List.of("https://swa.example.org/other.pdf"),
                List.of("swa"), List.of("KE"), List.of("civil society"), "Other", "", "Body text.", "en", "pdf",
                "application/pdf", null, null, Instant.now(), Instant.now(), null, List.of("Body text.", "Cover"),
                Fixtures.profile(6));
        try (LuceneIndex index = new LuceneIndex(dir.resolve("index"), Fixtures.schema())) {
            index.put(pdf);
            index.put(foreign);
            index.commit();
            index.refresh();
            assertEquals(pages, index.get("p1").orElseThrow().pages());
            assertEquals(List.of("Body text.", "Cover"), index.get("p2").orElseThrow().pages());
        }
        try (DirectoryReader reader = DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(
                dir.resolve("index")))) {
            IndexSearcher s = new IndexSearcher(reader);
            TopDocs top = s.search(new TermQuery(new Term(Fields.ID, "p1")), 1);
            Document stored = s.storedFields().document(top.scoreDocs[0].doc);
            // The text once, the pages as a few bytes: no page text is stored a second time.
            assertEquals(1, stored.getFields(Fields.PAGES).length);
            assertTrue(stored.getBinaryValue(Fields.PAGES).length < 16, "spans, not texts");
            assertEquals(0, stored.getFields(Fields.PAGE_TEXTS).length);
            Document other = s.storedFields().document(
                    s.search(new TermQuery(new Term(Fields.ID, "p2")), 1).scoreDocs[0].doc);
            assertEquals(List.of("Cover"), List.of(other.getValues(Fields.PAGE_TEXTS)));
        }
    }

    @Test
    void thePagesTheExtractorCutsFromAPdfAreAllSpansOfItsText() throws Exception {
        URI url = URI.create("https://swa.example.org/files/report.pdf");
        Extraction extraction;
        try (Extractor extractor = new Extractor()) {
            extraction = extractor.extract(new FetchedResource(url, url, 200,
                    Map.of("content-type", List.of("application/pdf")), GeneratedFiles.pdf(4, 3, null),
                    Instant.now()));
        }
        ExtractedDocument doc = (ExtractedDocument) extraction;
        assertEquals(4, doc.pages().size());
        PageSpans.Encoded e = PageSpans.encode(doc.text(), doc.pages());
        assertEquals(List.of(), e.verbatim(), "every page found where the previous one ended");
        assertEquals(doc.pages(), PageSpans.decode(doc.text(), e.spans(), e.verbatim()));
    }

    @Test
    void aPageMissingFromAHugeRepetitiveTextCostsNoSearchThroughIt() {
        // A search for the page through the text would compare about 10^12 characters here.
        String text = "a".repeat(2_000_000);
        String page = "a".repeat(1_000_000) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            PageSpans.Encoded e = PageSpans.encode(text, List.of(page, "a".repeat(10)));
            assertEquals(List.of(page), e.verbatim());
            assertEquals(List.of(page, "a".repeat(10)), PageSpans.decode(text, e.spans(), e.verbatim()));
        });
    }

    @Test
    void offsetsCountCharsSoPagesWithAstralCharactersAndRepairedSurrogatesRoundTrip() {
        String text = "Goal 6 💧 water 😀.\n\nSecond page 🌍 energy.\n\nThird \uD83D";
        List<String> pages = List.of("Goal 6 💧 water 😀.", "Second page 🌍 energy.", "Third \uFFFD");
        PageSpans.Encoded e = PageSpans.encode(text, pages);
        // The third page's lone surrogate was repaired by extraction, so it is not a part of the text.
        assertEquals(List.of("Third \uFFFD"), e.verbatim());
        assertEquals(pages, PageSpans.decode(text, e.spans(), e.verbatim()));
    }

    @Test
    void storedPageTextsThatBelongToNoPageOrBytesAfterTheLastPageAreRefused() {
        PageSpans.Encoded e = PageSpans.encode(TEXT, PAGES);
        assertThrows(IllegalArgumentException.class, () -> PageSpans.decode(TEXT, e.spans(), List.of("stray")));
        byte[] longer = java.util.Arrays.copyOf(e.spans().bytes, e.spans().length + 1);
        assertThrows(IllegalArgumentException.class, () -> PageSpans.decode(TEXT, new BytesRef(longer), List.of()));
        byte[] notAnInt = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(IllegalArgumentException.class, () -> PageSpans.decode(TEXT, new BytesRef(notAnInt), List.of()));
    }

    private static String words(Random r, int n) {
        String[] vocab = {"water", "énergie", "水", "sanitation", "school", "a", "the", "climate", "agua"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
        }
        return sb.toString();
    }
}
