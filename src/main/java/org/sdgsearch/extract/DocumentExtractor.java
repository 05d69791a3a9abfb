package org.sdgsearch.extract;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.DublinCore;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.metadata.writefilter.StandardWriteFilterFactory;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.SAXException;

/**
 * Extracts text and metadata from office documents, PDFs, e-books and other files with Tika's
 * {@link AutoDetectParser}. One instance is shared by all threads: the parser and its configuration are immutable,
 * and each call gets its own {@link ParseContext}, {@link Metadata} and handler.
 */
final class DocumentExtractor {

    /** A successful parse, or the failure it turned into. */
    sealed interface Outcome permits Parsed, Failed {
    }

    record Parsed(String text, List<String> pages, List<Link> links, String title, String description,
                  String author, String language, Instant created, Instant modified, boolean truncated,
                  Map<String, String> metadata) implements Outcome {
    }

    record Failed(ExtractionFailure.Kind kind, String reason) implements Outcome {
    }

    // SecureContentHandler limits (Tika's zip-bomb guard): after the first million characters, more than 100
    // characters out per byte in means a decompression bomb; XHTML nesting and archive-in-archive depth are capped.
    private static final long OUTPUT_THRESHOLD = 1_000_000L;
    private static final long MAX_COMPRESSION_RATIO = 100L;
    private static final int MAX_XHTML_DEPTH = 100;
    private static final int MAX_PACKAGE_DEPTH = 4;
    // PDFBox keeps this much of a PDF in heap before it spills scratch data to a temporary file.
    private static final long PDF_MAX_MAIN_MEMORY = 64L * 1024 * 1024;

    private final AutoDetectParser parser;
    private final MediaTypeRegistry registry;
    private final java.util.Set<MediaType> supported;
    private final int maxChars;

    DocumentExtractor(TikaConfig config, int maxChars) {
        this.maxChars = maxChars;
        this.parser = new AutoDetectParser(config);
        AutoDetectParserConfig limits = new AutoDetectParserConfig(null, OUTPUT_THRESHOLD, MAX_COMPRESSION_RATIO,
                MAX_XHTML_DEPTH, MAX_PACKAGE_DEPTH);
        // Bounds the metadata a hostile file can make us hold (values, keys, total size).
        limits.setMetadataWriteFilterFactory(new StandardWriteFilterFactory());
        parser.setAutoDetectParserConfig(limits);
        this.registry = config.getMediaTypeRegistry();
        this.supported = parser.getSupportedTypes(new ParseContext());
    }

    /** Whether Tika has a parser for this type or one of its supertypes (text/x-foo falls back to text/plain). */
    boolean supports(MediaType type) {
        for (MediaType t = type; t != null; t = registry.getSupertype(t)) {
            if (supported.contains(t) && !t.equals(MediaType.OCTET_STREAM)) {
                return true;
            }
        }
        return false;
    }

    Outcome parse(byte[] body, MediaType type, String resourceName, String url, Deadline deadline) {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        if (resourceName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, resourceName);
        }
        String rel = type.getSubtype().equals("pdf") ? "pdf" : "document";
        XhtmlTextHandler handler = new XhtmlTextHandler(maxChars, deadline, url, rel);
        ParseContext context = context();
        boolean truncated = false;
        try (TikaInputStream in = TikaInputStream.get(body)) {
            parser.parse(in, handler, metadata, context);
        } catch (Throwable t) {
            if (WriteLimitReachedException.isWriteLimitReached(t)) {
                truncated = true;
            } else {
                Failed failed = classify(t);
                // A damaged file often yields most of its text before the parser gives up; that text is worth
                // indexing, and the reason is kept in metadata.
                if (failed.kind() != ExtractionFailure.Kind.DAMAGED || handler.text().isBlank()) {
                    return failed;
                }
                metadata.set("sdg:parseWarning", failed.reason());
            }
        }
        truncated |= handler.truncated();
        if (deadline.passed()) {
            return new Failed(ExtractionFailure.Kind.TIMEOUT, "time limit passed while parsing " + type);
        }
        if (Boolean.parseBoolean(metadata.get(TikaCoreProperties.IS_ENCRYPTED))
                && handler.text().isBlank()) {
            return new Failed(ExtractionFailure.Kind.ENCRYPTED, "document is encrypted");
        }
        return new Parsed(handler.text(), pageTexts(handler, type), handler.links(),
                first(metadata, TikaCoreProperties.TITLE, PDF.DOC_INFO_TITLE),
                first(metadata, TikaCoreProperties.DESCRIPTION, TikaCoreProperties.SUBJECT),
                author(metadata),
                first(metadata, TikaCoreProperties.LANGUAGE),
                date(metadata, TikaCoreProperties.CREATED, PDF.DOC_INFO_CREATED),
                date(metadata, TikaCoreProperties.MODIFIED, PDF.DOC_INFO_MODIFICATION_DATE),
                truncated, keep(metadata, handler));
    }

    private static List<String> pageTexts(XhtmlTextHandler handler, MediaType type) {
        // Only PDFs mark real pages; presentation "slides" are marked too, but pages there add nothing to the text.
        return type.getSubtype().equals("pdf") ? handler.pages() : List.of();
    }

    private ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        // OCR needs an external Tesseract and minutes per page; scanned PDFs come out EMPTY instead.
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(true);
        pdf.setCatchIntermediateIOExceptions(true);
        pdf.setMaxMainMemoryBytes(PDF_MAX_MAIN_MEMORY);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        // The default DOCX/PPTX extractors build an XMLBeans tree of the whole part before writing any text, so a
        // small file inflating to hundreds of MB exhausts memory before the write limit or Tika's zip-bomb guard
        // (which Tika relies on instead of POI's ratio check) can act. The SAX extractors stream.
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        office.setExtractMacros(false);
        context.set(OfficeParserConfig.class, office);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, ocr);
        context.set(Parser.class, parser);
        return context;
    }

    /** Maps a parse exception to a failure kind and a reason operators can act on. */
    private static Failed classify(Throwable t) {
        if (Deadline.isExpiry(t)) {
            return new Failed(ExtractionFailure.Kind.TIMEOUT, "time limit passed while parsing");
        }
        if (causedBy(t, EncryptedDocumentException.class)
                || causedBy(t, org.apache.poi.EncryptedDocumentException.class)
                || causedBy(t, org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException.class)) {
            return new Failed(ExtractionFailure.Kind.ENCRYPTED, "document is encrypted: " + message(t));
        }
        if (causedBy(t, ZeroByteFileException.class)) {
            return new Failed(ExtractionFailure.Kind.EMPTY, "empty body");
        }
        String msg = message(t).toLowerCase(Locale.ROOT);
        if (msg.contains("zip bomb") || msg.contains("compression ratio") || msg.contains("max. ratio")) {
            return new Failed(ExtractionFailure.Kind.TOO_LARGE, "suspected decompression bomb: " + message(t));
        }
        if (t instanceof OutOfMemoryError || causedBy(t, OutOfMemoryError.class)) {
            return new Failed(ExtractionFailure.Kind.TOO_LARGE, "document needs too much memory");
        }
        if (causedBy(t, UnsupportedFormatException.class)) {
            return new Failed(ExtractionFailure.Kind.UNSUPPORTED_TYPE, message(t));
        }
        if (t instanceof TikaException || t instanceof IOException || t instanceof SAXException
                || t instanceof RuntimeException) {
            return new Failed(ExtractionFailure.Kind.DAMAGED, message(t));
        }
        return new Failed(ExtractionFailure.Kind.ERROR, message(t));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost useful message: Tika wraps the parser's own explanation in generic ones. */
    static String message(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        String msg = t.getMessage();
        Throwable root = t;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
            root = root.getCause();
        }
        if (root != t) {
            sb.append(": ").append(msg == null ? "" : msg).append(" (").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        } else if (msg != null) {
            sb.append(": ").append(msg);
        }
        String s = sb.toString();
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private static String first(Metadata m, Property... properties) {
        for (Property p : properties) {
            String v = HtmlExtractor.clean(m.get(p));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String author(Metadata m) {
        String[] creators = m.getValues(TikaCoreProperties.CREATOR);
        if (creators.length > 0) {
            String joined = HtmlExtractor.clean(String.join(", ", creators));
            if (joined != null) {
                return joined;
            }
        }
        return first(m, PDF.DOC_INFO_CREATOR, Office.AUTHOR, TikaCoreProperties.PUBLISHER);
    }

    private static Instant date(Metadata m, Property... properties) {
        for (Property p : properties) {
            Instant i = Dates.parse(m.get(p));
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Map<String, String> keep(Metadata m, XhtmlTextHandler handler) {
        Map<String, String> out = new HashMap<>();
        String pages = m.get(PagedText.N_PAGES);
        if (pages == null) {
            pages = m.get(Office.PAGE_COUNT);
        }
        if (pages == null && !handler.pages().isEmpty()) {
            pages = Integer.toString(handler.pages().size());
        }
        put(out, "pageCount", pages);
        put(out, "generator", first(m, TikaCoreProperties.CREATOR_TOOL, PDF.DOC_INFO_CREATOR_TOOL,
                Property.externalText("Application-Name"), Property.externalText("extended-properties:Application")));
        put(out, "producer", m.get(PDF.PRODUCER));
        put(out, "publisher", m.get(TikaCoreProperties.PUBLISHER));
        put(out, "keywords", m.get(Office.KEYWORDS));
        put(out, "pdfVersion", m.get(PDF.PDF_VERSION));
        put(out, "subject", m.get(DublinCore.SUBJECT));
        put(out, "parsedBy", lastParser(m));
        put(out, "parseWarning", m.get("sdg:parseWarning"));
        if (m.get(TikaCoreProperties.EMBEDDED_EXCEPTION) != null) {
            put(out, "embeddedException", m.get(TikaCoreProperties.EMBEDDED_EXCEPTION));
        }
        return out;
    }

    private static String lastParser(Metadata m) {
        String[] parsers = m.getValues(TikaCoreProperties.TIKA_PARSED_BY);
        return parsers.length == 0 ? null : parsers[parsers.length - 1];
    }

    private static void put(Map<String, String> map, String key, String value) {
        String v = HtmlExtractor.clean(value);
        if (v != null) {
            map.put(key, v.length() > 1_000 ? v.substring(0, 1_000) : v);
        }
    }
}
