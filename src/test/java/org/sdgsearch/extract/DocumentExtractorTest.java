package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdgsearch.extract.Fixtures.document;
import static org.sdgsearch.extract.Fixtures.failure;
import static org.sdgsearch.extract.Fixtures.resource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sdgsearch.extract.ExtractionFailure.Kind;

/** Office documents, PDFs and e-books through the public facade, generated in the test with PDFBox and POI. */
class DocumentExtractorTest {

    private static Extractor extractor;

    @BeforeAll
    static void setUp() {
        extractor = new Extractor();
    }

    @AfterAll
    static void tearDown() {
        extractor.close();
    }

    private static Extraction extract(String name, byte[] body, String... headers) {
        return extractor.extract(resource("https://example.org/files/" + name, body, headers));
    }

    @Test
    void pdfKeepsTextPerPageWithMetadataAndLinks() {
        ExtractedDocument doc = document(extract("report.pdf", GeneratedFiles.pdf(3, 2, null)));
        assertEquals("application/pdf", doc.mediaType());
        assertEquals("Annual Partnership Report", doc.title());
        assertEquals("Partnership Secretariat", doc.author());
        assertEquals(Instant.parse("2024-06-30T12:00:00Z"), doc.published());
        assertEquals("3", doc.metadata().get("pageCount"));
        assertEquals(3, doc.pages().size());
        for (int p = 1; p <= 3; p++) {
            String page = doc.pages().get(p - 1);
            assertTrue(page.startsWith("Page " + p + ": water, energy"), page);
            assertTrue(page.contains("Line 1 of page " + p + " "), page);
            assertTrue(doc.text().contains(page));
        }
        assertTrue(doc.links().stream().anyMatch(l -> l.url().equals("https://example.org/annex")),
                doc.links().toString());
        assertEquals("en", doc.language());
    }

    static Stream<Arguments> officeFiles() {
        return Stream.of(
                Arguments.of("plan.docx", (Supplier<byte[]>) () -> GeneratedFiles.docx("Water Action Plan",
                        "The water action plan sets targets for every district.", "Second paragraph."),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "Water Action Plan", "targets for every district"),
                Arguments.of("data.xlsx", (Supplier<byte[]>) () -> GeneratedFiles.xlsx("Indicator Data",
                        "Proportion of population using safely managed drinking water services"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "Indicator Data", "safely managed drinking water"),
                Arguments.of("slides.pptx", (Supplier<byte[]>) () -> GeneratedFiles.pptx("Workshop Slides",
                        "Training workshop on energy modelling"),
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                        "Workshop Slides", "energy modelling"),
                Arguments.of("old.xls", (Supplier<byte[]>) () -> GeneratedFiles.xls("Legacy Sheet",
                        "Forest area as a proportion of total land area"),
                        "application/vnd.ms-excel", "Legacy Sheet", "Forest area"),
                // POI writes its own default title into the summary information of new slide shows.
                Arguments.of("old.ppt", (Supplier<byte[]>) () -> GeneratedFiles.ppt("Ocean plastics briefing"),
                        "application/vnd.ms-powerpoint", "PowerPoint Presentation", "Ocean plastics briefing"),
                Arguments.of("study.rtf", (Supplier<byte[]>) () -> GeneratedFiles.rtf(
                        "Rural roads connect farmers to markets."),
                        "application/rtf", "Rural Roads Study", "connect farmers to markets"),
                Arguments.of("note.odt", (Supplier<byte[]>) () -> GeneratedFiles.odt("Gender Equality Note",
                        "Women hold a third of the seats on local councils."),
                        "application/vnd.oasis.opendocument.text", "Gender Equality Note", "seats on local councils"),
                Arguments.of("book.epub", (Supplier<byte[]>) () -> GeneratedFiles.epub("Oceans Handbook",
                        "Marine protected areas cover a growing share of coastal waters."),
                        "application/epub+zip", "Oceans Handbook", "Marine protected areas"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officeFiles")
    void officeDocumentsGiveTextTitleAndType(String name, Supplier<byte[]> file, String type, String title,
                                              String text) {
        ExtractedDocument doc = document(extract(name, file.get()));
        assertEquals(type, doc.mediaType());
        assertEquals(title, doc.title());
        assertTrue(doc.text().contains(text), doc.text());
        assertEquals(List.of(), doc.pages());
    }

    @Test
    void plainTextKeepsLines() {
        byte[] body = "Goal 13\nTake urgent action to combat climate change and its impacts.\n\nTargets follow."
                .getBytes(StandardCharsets.UTF_8);
        ExtractedDocument doc = document(extract("goal13.txt", body, "Content-Type", "text/plain"));
        assertEquals("text/plain", doc.mediaType());
        assertEquals("Goal 13\nTake urgent action to combat climate change and its impacts.\nTargets follow.",
                doc.text());
    }

    @Test
    void encryptedPdfIsAFailure() {
        ExtractionFailure f = failure(extract("secret.pdf", GeneratedFiles.pdf(1, 1, "user-secret")));
        assertEquals(Kind.ENCRYPTED, f.kind(), f.reason());
        assertEquals("https://example.org/files/secret.pdf", f.url());
    }

    @Test
    void pdfEncryptedWithoutUserPasswordIsReadable() {
        // Owner-password-only PDFs open for everyone; readers (and we) show them.
        ExtractedDocument doc = document(extract("open.pdf", GeneratedFiles.pdf(1, 1, "")));
        assertTrue(doc.text().contains("Page 1"), doc.text());
    }

    @Test
    void truncatedPdfIsDamagedOrPartial() {
        byte[] pdf = GeneratedFiles.pdf(5, 3, null);
        Extraction e = extract("cut.pdf", Arrays.copyOf(pdf, pdf.length / 3));
        if (e instanceof ExtractionFailure f) {
            assertEquals(Kind.DAMAGED, f.kind(), f.reason());
        } else {
            // PDFBox repairs what it can; whatever it recovered must be real page text.
            assertTrue(document(e).text().contains("Page 1"), document(e).text());
        }
    }

    @Test
    void garbageWithPdfHeaderIsDamaged() {
        byte[] body = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage".getBytes(StandardCharsets.US_ASCII);
        ExtractionFailure f = failure(extract("junk.pdf", body));
        assertTrue(f.kind() == Kind.DAMAGED || f.kind() == Kind.EMPTY, f.toString());
    }

    @Test
    void decompressionBombIsStoppedWithinLimits() {
        byte[] bomb = GeneratedFiles.docxBomb(300_000); // ~300 MB of XML once inflated
        assertTrue(bomb.length < 2_000_000, "bomb is small on the wire: " + bomb.length);
        byte[] nested = GeneratedFiles.zipOf("a.zip", GeneratedFiles.zipOf("b.zip",
                GeneratedFiles.zipOf("bomb.docx", bomb)));
        for (byte[] body : List.of(bomb, nested)) {
            long start = System.nanoTime();
            Extraction e = extract("bomb.docx", body);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(extractor.settings().timeout()) < 0, "took " + took);
            if (e instanceof ExtractionFailure f) {
                assertTrue(f.kind() == Kind.TOO_LARGE || f.kind() == Kind.DAMAGED, f.toString());
            } else {
                ExtractedDocument doc = document(e);
                assertTrue(doc.text().length() <= extractor.settings().maxChars());
            }
        }
    }

    @Test
    void imagesAndBinariesAreUnsupported() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals(Kind.UNSUPPORTED_TYPE, failure(extract("logo.png", png)).kind());
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37 + 11);
        }
        assertEquals(Kind.UNSUPPORTED_TYPE, failure(extract("blob", binary)).kind());
    }

    @Test
    void pdfWithoutTextIsEmpty() {
        byte[] pdf = GeneratedFiles.pdf(1, 0, null);
        assertEquals(Kind.EMPTY, failure(extract("scan.pdf", pdf)).kind());
    }

    @Test
    void longDocumentsAreTruncatedNotFailed() {
        try (Extractor small = new Extractor(ExtractorSettings.defaults().withMaxChars(500))) {
            ExtractedDocument doc = document(small.extract(
                    resource("https://example.org/files/long.pdf", GeneratedFiles.pdf(20, 5, null))));
            assertTrue(doc.text().length() <= 500, "length " + doc.text().length());
            assertEquals("true", doc.metadata().get("truncated"));
            assertTrue(doc.pages().size() >= 1 && doc.pages().size() < 20, "pages " + doc.pages().size());
        }
    }
}
