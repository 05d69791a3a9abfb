package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Sitemaps of every flavour, from crawler-commons' fixture files, through our reader. */
class SitemapReaderTest {

    private static Path dir() {
        return Corpus.require(Corpus.CRAWLER_COMMONS).resolve("sitemaps");
    }

    private static SitemapReader.Parsed read(Path file, String contentType) throws IOException {
        return SitemapReader.parse(URI.create("http://www.example.com/" + file.getFileName()),
                Files.readAllBytes(file), contentType);
    }

    @ParameterizedTest(name = "{0} ({1}) has {2} URLs")
    @CsvSource({
            "sitemap.txt, text/plain, 2",
            "sitemap.txt.gz, application/octet-stream, 2",
            "xmlSitemap.gz, application/x-gzip, 3",
            "sitemap-with-bom.txt, text/plain, 2",
            "sitemap.ns.xml, text/xml, 2",
            "atom.xml, application/atom+xml, 1",
    })
    void urlsFromFixtures(String name, String type, int atLeast) throws IOException {
        SitemapReader.Parsed parsed = read(dir().resolve(name), type);
        SitemapReader.Urls urls = assertInstanceOf(SitemapReader.Urls.class, parsed, name + ": " + parsed);
        assertTrue(urls.entries().size() >= atLeast, name + " has " + urls.entries().size());
    }

    @Test
    void sitemapIndexListsChildSitemaps() throws IOException {
        SitemapReader.Index index = assertInstanceOf(SitemapReader.Index.class,
                read(dir().resolve("sitemap.index.xml"), "text/xml"));
        assertFalse(index.sitemaps().isEmpty());
        assertTrue(index.sitemaps().get(0).startsWith("https://example.com/sitemap.jss?portalCode="));
    }

    static Stream<Path> allFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(dir())) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    /** No fixture makes the reader throw; each becomes URLs, an index, or a reasoned "unreadable". */
    @ParameterizedTest
    @MethodSource("allFixtures")
    void everyFixtureBecomesAValue(Path file) throws IOException {
        SitemapReader.Parsed parsed = read(file, "");
        assertTrue(parsed instanceof SitemapReader.Urls || parsed instanceof SitemapReader.Index
                || parsed instanceof SitemapReader.Unreadable, file + ": " + parsed);
    }

    @Test
    void lastmodIsKept() {
        String xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://a.example/x</loc>"
                + "<lastmod>2024-05-06T07:08:09Z</lastmod></url></urlset>";
        SitemapReader.Urls urls = assertInstanceOf(SitemapReader.Urls.class, SitemapReader.parse(
                URI.create("http://a.example/sitemap.xml"), xml.getBytes(StandardCharsets.UTF_8), "text/xml"));
        assertEquals("2024-05-06T07:08:09Z", urls.entries().get(0).lastModified().toString());
    }

    @Test
    void garbageIsUnreadableNotAnException() {
        SitemapReader.Parsed p = SitemapReader.parse(URI.create("http://a.example/sitemap.xml"),
                "<urlset><url><loc>".getBytes(StandardCharsets.UTF_8), "text/xml");
        assertTrue(p instanceof SitemapReader.Unreadable || p instanceof SitemapReader.Urls, p.toString());
    }
}
