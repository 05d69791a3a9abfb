package org.sdgsearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.classify.TrainedSdgClassifier;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.source.DocumentFolder;
import org.sdgsearch.source.Source;

class IndexerTest {

    static final String WATER = "Boreholes with solar pumps bring safe drinking water to rural villages. Water "
            + "committees collect tariffs to repair hand pumps, and new latrines and handwashing stations cut "
            + "diarrhoea among children. Sanitation and hygiene promotion reached every school in the district.";

    @TempDir
    Path dir;
    LuceneIndex index;
    Indexer indexer;
    final Source swa = source("swa", "KE");
    final Source gpe = source("gpe", "SN");

    static Source source(String id, String country) {
        return new Source(id, id.toUpperCase(), "", List.of(), List.of("civil society"), List.of(country), List.of(),
                List.of(), List.of(new DocumentFolder(Path.of("x"), null, List.of())), "0 0 3 ? * SUN");
    }

    @BeforeEach
    void open() {
        index = new LuceneIndex(dir.resolve("index"), Fixtures.schema());
        Map<String, Source> sources = Map.of("swa", swa, "gpe", gpe);
        indexer = new Indexer(index, TrainedSdgClassifier.load(), id -> Optional.ofNullable(sources.get(id)),
                Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    static ExtractedDocument page(String url, String title, String text) {
        return new ExtractedDocument(url, null, title, "", text, "en", "en", "text/html", null, null, null,
                List.of(), List.of(), false, false, Map.of());
    }

    static FetchedResource fetched(String url) {
        URI u = URI.create(url);
        return new FetchedResource(u, u, 200, Map.of(), new byte[0], Instant.now());
    }

    void accept(Source s, String url, String title, String text) {
        indexer.accept(s, page(url, title, text), fetched(url));
    }

    @Test
    void sameContentOnTwoPartnershipsSitesIsIndexedOnceWithBothPublishers() {
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        accept(gpe, "https://gpe.example.org/news/water", "Rural water (repost)", "  " + WATER.replace(". ", ".\n"));
        indexer.commit();
        assertEquals(1, index.count(), "identical normalised text is one document");
        IndexedDocument d = index.byUrl("https://gpe.example.org/news/water").get(0);
        assertEquals(List.of("https://swa.example.org/water", "https://gpe.example.org/news/water"), d.urls());
        assertEquals(List.of("swa", "gpe"), d.partnerships());
        assertEquals(List.of("KE", "SN"), d.countries(), "countries come from every publisher");
        assertTrue(d.profile().assigned().contains(6), "classified: " + d.profile().assigned());
    }

    @Test
    void recrawlIsIdempotentAndKeepsTheChangeDate() {
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        indexer.commit();
        Instant changed = index.byUrl("https://swa.example.org/water").get(0).changed();
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        indexer.commit();
        assertEquals(1, index.count());
        assertEquals(changed, index.byUrl("https://swa.example.org/water").get(0).changed());
    }

    @Test
    void changedContentReplacesTheOldDocument() {
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        indexer.commit();
        String oldId = index.byUrl("https://swa.example.org/water").get(0).id();
        accept(swa, "https://swa.example.org/water", "Rural water", WATER + " A new borehole opened in 2024.");
        indexer.commit();
        assertEquals(1, index.count());
        assertTrue(index.get(oldId).isEmpty());
    }

    @Test
    void removingAUrlKeepsContentPublishedElsewhere() {
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        accept(gpe, "https://gpe.example.org/water", "Rural water", WATER);
        indexer.commit();
        indexer.remove(swa, "https://swa.example.org/water");
        indexer.commit();
        assertEquals(1, index.count());
        assertEquals(List.of("https://gpe.example.org/water"), index.byUrl("https://gpe.example.org/water").get(0).urls());
        indexer.remove(gpe, "https://gpe.example.org/water");
        indexer.commit();
        assertEquals(0, index.count());
    }

    @Test
    void removingAPartnershipRemovesItsDocuments() {
        accept(swa, "https://swa.example.org/water", "Rural water", WATER);
        accept(swa, "https://swa.example.org/other", "Other", "Teacher training for girls' secondary education.");
        accept(gpe, "https://gpe.example.org/water", "Rural water", WATER);
        indexer.commit();
        indexer.removePartnership("swa");
        indexer.commit();
        assertEquals(1, index.count());
        assertEquals(List.of("gpe"), index.byUrl("https://gpe.example.org/water").get(0).partnerships());
    }
}
