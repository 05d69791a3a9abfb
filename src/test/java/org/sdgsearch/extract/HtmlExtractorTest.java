package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdgsearch.extract.Fixtures.document;
import static org.sdgsearch.extract.Fixtures.fixture;
import static org.sdgsearch.extract.Fixtures.resource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTML pages through the public facade: main content, metadata, links, robots. */
class HtmlExtractorTest {

    private static Extractor extractor;

    @BeforeAll
    static void setUp() {
        extractor = new Extractor();
    }

    @AfterAll
    static void tearDown() {
        extractor.close();
    }

    private static ExtractedDocument page(String name, String... headers) {
        return document(extractor.extract(fixture(name, headers)));
    }

    @Test
    void keepsMainContentAndDropsBoilerplate() {
        ExtractedDocument doc = page("boilerplate.html");
        String text = doc.text();
        assertTrue(text.contains("Access to safe drinking water remains out of reach"), text);
        assertTrue(text.contains("Clean water for rural districts"), text);
        assertTrue(text.contains("Water points within 500 metres of every school"), text);
        assertTrue(text.contains("North 24"), text);
        assertFalse(text.contains("MUST_NOT_APPEAR"), text);
        assertFalse(text.contains("Accept all"), text);
    }

    @Test
    void separatesParagraphsHeadingsAndListItems() {
        String text = page("boilerplate.html").text();
        assertTrue(text.contains("\n\nWhat changed\n\n"), text);
        assertTrue(text.contains("every school\nLocal water committees"), text);
        assertFalse(text.contains("   "), text);
        assertFalse(text.startsWith("\n") || text.endsWith("\n"), text);
    }

    @Test
    void readsHeadMetadata() {
        ExtractedDocument doc = page("boilerplate.html");
        assertEquals("Clean Water and Sanitation for All", doc.title());
        assertEquals("How the partnership brings safe drinking water to rural districts.", doc.description());
        assertEquals("https://example.org/reports/clean-water", doc.canonicalUrl());
        assertEquals("Amina Diallo", doc.author());
        assertEquals("en-GB", doc.declaredLanguage());
        assertEquals("en", doc.language());
        assertEquals("text/html", doc.mediaType());
        assertEquals(Instant.parse("2024-03-05T08:30:00Z"), doc.published());
        assertEquals(Instant.parse("2024-04-01T00:00:00Z"), doc.modified());
        assertEquals("Hugo 0.120", doc.metadata().get("generator"));
        assertEquals("utf-8", doc.metadata().get("charset").toLowerCase(java.util.Locale.ROOT));
        assertTrue(doc.noindex());
        assertFalse(doc.nofollow());
    }

    @Test
    void collectsAbsoluteOutlinksWithAnchorsFromEveryLinkingElement() {
        List<Link> links = page("boilerplate.html").links();
        assertTrue(links.contains(new Link("https://example.org/about", "About us", "a")), links.toString());
        assertTrue(links.contains(new Link("https://example.org/pages/report.pdf", "full report", "a")));
        assertTrue(links.contains(new Link("https://example.org/", "Partnership Portal home", "a")));
        assertTrue(links.contains(new Link("https://example.org/districts/north", "North district", "area")));
        assertTrue(links.contains(
                new Link("https://video.example.org/embed/42", "Pump installation video", "iframe")));
        assertTrue(links.contains(new Link("https://example.org/fr/reports/clean-water", "fr", "alternate")));
        assertTrue(links.contains(new Link("https://example.org/reports/clean-water", "", "canonical")));
        Set<String> urls = links.stream().map(Link::url).collect(Collectors.toSet());
        assertTrue(urls.stream().allMatch(u -> u.startsWith("https://")), urls.toString());
        assertFalse(urls.stream().anyMatch(u -> u.contains("play()") || u.contains("water@")));
        assertFalse(urls.contains("https://example.org/style.css"), "stylesheets are not outlinks");
    }

    @Test
    void readsJsonLdGraph() {
        ExtractedDocument doc = page("jsonld.html");
        assertEquals(Instant.parse("2023-11-20T08:00:00Z"), doc.published());
        assertEquals(Instant.parse("2023-12-02T16:45:00Z"), doc.modified());
        assertEquals("Lena Fischer, Kofi Mensah", doc.author());
        assertEquals("Green Futures Network", doc.metadata().get("publisher"));
        assertEquals("Biodiversity Monitoring Update", doc.title());
    }

    @Test
    void dropsChromeOfPagesWithoutLandmarks() {
        ExtractedDocument doc = page("no-landmarks.html");
        assertTrue(doc.text().contains("mini-grids so that vaccines"), doc.text());
        assertTrue(doc.text().contains("Energy access programme"), doc.text());
        assertFalse(doc.text().contains("MUST_NOT_APPEAR"), doc.text());
        assertFalse(doc.text().contains("LINKLIST_TEXT"), doc.text());
        assertTrue(doc.links().stream().anyMatch(l -> l.url().equals("https://example.org/news")),
                "menu links are still outlinks");
    }

    @Test
    void fallsBackToFirstHeadingForTitle() {
        assertEquals("Only a heading names this page", page("first-h1-title.html").title());
    }

    @Test
    void httpHeadersFillWhatThePageDoesNotSay() {
        ExtractedDocument doc = page("first-h1-title.html", "Content-Type", "text/html",
                "Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT", "Content-Language", "en-US",
                "X-Robots-Tag", "nofollow", "X-Robots-Tag", "otherbot: noindex");
        assertEquals(Instant.parse("2015-10-21T07:28:00Z"), doc.modified());
        assertEquals("en-US", doc.declaredLanguage());
        assertTrue(doc.nofollow());
        assertFalse(doc.noindex(), "a directive for another crawler does not bind us");
        assertNull(doc.published());
    }

    @ParameterizedTest
    @CsvSource({
            "fr.html, fr",
            "es.html, es",
            "ru.html, ru",
            "ar.html, ar",
            "zh.html, zh",
            "mixed-en-fr.html, fr",
            "boilerplate.html, en"
    })
    void detectsLanguage(String fixture, String language) {
        assertEquals(language, page(fixture).language());
    }

    @Test
    void declaredLanguageDecidesForShortText() {
        byte[] html = "<html lang=\"de\"><body><p>Hallo Welt</p></body></html>".getBytes(StandardCharsets.UTF_8);
        ExtractedDocument doc = document(extractor.extract(resource("https://example.org/de", html)));
        assertEquals("de", doc.language());
        assertEquals("de", doc.declaredLanguage());
    }

    @Test
    void undeterminedWithoutTextOrDeclaration() {
        byte[] html = "<html><head><title>1234</title></head><body><a href=\"/x\">42</a></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("und", document(extractor.extract(resource("https://example.org/n", html))).language());
    }

    @Test
    void decodesLegacyCharsets() {
        ExtractedDocument w = page("windows-1252.html");
        assertTrue(w.text().contains("5 € de prime par sac, « une avancée » pour l’économie locale"), w.text());
        assertEquals("Café – l’économie sociale", w.title());
        assertEquals("windows-1252", w.metadata().get("charset"));
        assertEquals("meta", w.metadata().get("charsetSource"));

        ExtractedDocument sj = page("shift_jis.html");
        assertEquals("持続可能な開発目標", sj.title());
        assertTrue(sj.text().contains("すべての人に健康と福祉を。"), sj.text());
        assertEquals("ja", sj.language());
    }

    @Test
    void httpCharsetBeatsMetaAndSniffingFindsUndeclared() {
        ExtractedDocument header = page("windows-1252-undeclared.html", "Content-Type",
                "text/html; charset=ISO-8859-1");
        assertTrue(header.text().contains("5 € de prime"), "ISO-8859-1 label decodes as windows-1252");
        assertEquals("http", header.metadata().get("charsetSource"));

        ExtractedDocument sniffed = page("windows-1252-undeclared.html");
        assertTrue(sniffed.text().contains("déjà, où"), sniffed.text());
        assertEquals("sniffed", sniffed.metadata().get("charsetSource"));
    }

    @Test
    void truncatesAtMaxChars() {
        try (Extractor small = new Extractor(ExtractorSettings.defaults().withMaxChars(100))) {
            ExtractedDocument doc = document(small.extract(fixture("boilerplate.html")));
            assertTrue(doc.text().length() <= 100, doc.text());
            assertEquals("true", doc.metadata().get("truncated"));
        }
    }
}
