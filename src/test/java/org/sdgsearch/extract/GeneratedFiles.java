package org.sdgsearch.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Documents generated in the tests with PDFBox, POI and plain zip, so no binary fixture needs committing. */
public final class GeneratedFiles {

    private GeneratedFiles() {
    }

    /** A PDF with lines of text on each page ("Page N: ..."), title metadata and, if it has text, a link. */
    public static byte[] pdf(int pages, int linesPerPage, String password) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 10);
                    cs.setLeading(12);
                    cs.newLineAtOffset(50, 780);
                    for (int l = 0; l < linesPerPage; l++) {
                        cs.showText(l == 0 ? "Page " + p + ": water, energy and climate action in partner cities."
                                : "Line " + l + " of page " + p + " reports progress on sustainable development.");
                        cs.newLine();
                    }
                    cs.endText();
                }
                if (p == 1 && linesPerPage > 0) {
                    PDAnnotationLink link = new PDAnnotationLink();
                    PDActionURI action = new PDActionURI();
                    action.setURI("https://example.org/annex");
                    link.setAction(action);
                    link.setRectangle(new PDRectangle(50, 770, 200, 14));
                    page.getAnnotations().add(link);
                }
            }
            doc.getDocumentInformation().setTitle("Annual Partnership Report");
            doc.getDocumentInformation().setAuthor("Partnership Secretariat");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.clear();
            created.set(2024, Calendar.JUNE, 30, 12, 0, 0);
            doc.getDocumentInformation().setCreationDate(created);
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", password,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx(String title, String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
            core.setTitle(title);
            core.setCreator("Ana Pereira");
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(String title, String cell) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Indicators").createRow(0).createCell(0).setCellValue(cell);
            wb.getProperties().getCoreProperties().setTitle(title);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pptx(String title, String text) {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFSlide slide = show.createSlide();
            XSLFTextBox box = slide.createTextBox();
            box.setText(text);
            box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            show.getProperties().getCoreProperties().setTitle(title);
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xls(String title, String cell) {
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Data").createRow(0).createCell(0).setCellValue(cell);
            wb.createInformationProperties();
            wb.getSummaryInformation().setTitle(title);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ppt(String text) {
        try (HSLFSlideShow show = new HSLFSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            HSLFTextBox box = show.createSlide().createTextBox();
            box.setText(text);
            box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] rtf(String text) {
        return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\info{\\title Rural Roads Study}}"
                + "\\f0\\fs24 " + text + "\\par}").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] odt(String title, String text) {
        return zip(new String[][]{
                {"mimetype", "application/vnd.oasis.opendocument.text"},
                {"META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
                        + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type="
                        + "\"application/vnd.oasis.opendocument.text\"/>"
                        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                        + "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
                        + "</manifest:manifest>"},
                {"meta.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta"
                        + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\"><office:meta>"
                        + "<dc:title>" + title + "</dc:title></office:meta></office:document-meta>"},
                {"content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                        + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                        + "<office:body><office:text><text:p>" + text + "</text:p></office:text></office:body>"
                        + "</office:document-content>"}});
    }

    static byte[] epub(String title, String text) {
        return zip(new String[][]{
                {"mimetype", "application/epub+zip"},
                {"META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\""
                        + " xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
                        + "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>"
                        + "</rootfiles></container>"},
                {"OEBPS/content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\""
                        + " version=\"2.0\" unique-identifier=\"id\"><metadata"
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + title + "</dc:title>"
                        + "<dc:identifier id=\"id\">x</dc:identifier><dc:language>en</dc:language></metadata>"
                        + "<manifest><item id=\"c1\" href=\"c1.xhtml\" media-type=\"application/xhtml+xml\"/>"
                        + "</manifest><spine><itemref idref=\"c1\"/></spine></package>"},
                {"OEBPS/c1.xhtml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html"
                        + " xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c1</title></head><body><p>" + text
                        + "</p></body></html>"}});
    }

    /**
     * A DOCX whose document.xml inflates to {@code paragraphs} copies of a 1 kB paragraph: a few tens of kB on
     * the wire, hundreds of MB once unpacked.
     */
    static byte[] docxBomb(int paragraphs) {
        String para = "<w:p><w:r><w:t>" + "bomb ".repeat(200) + "</w:t></w:r></w:p>";
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types"
                    + " xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.wordprocessingml.document.main+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships"
                    + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship"
                    + " Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    + "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            OutputStream out = zip;
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
                    + "openxmlformats.org/wordprocessingml/2006/main\"><w:body>").getBytes(StandardCharsets.UTF_8));
            byte[] p = para.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < paragraphs; i++) {
                out.write(p);
            }
            out.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip holding {@code inner} under a name, for archive-in-archive nesting. */
    static byte[] zipOf(String name, byte[] inner) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(inner);
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String[][] entries) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] e : entries) {
                byte[] data = e[1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(e[0]);
                if (e[0].equals("mimetype")) {
                    // ODF and EPUB readers expect the first entry stored, so the type is readable at a fixed offset.
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
