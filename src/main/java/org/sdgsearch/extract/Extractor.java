package org.sdgsearch.extract;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractionFailure.Kind;

/**
 * Turns a fetched resource into an {@link ExtractedDocument} or an {@link ExtractionFailure}.
 *
 * <p>Create one per application and share it: it is thread-safe, and building it loads Tika's parsers and the
 * language model (a second or two). {@link #extract} never throws: every problem with a document, including a
 * parser bug or a document that needs too much memory, comes back as a failure value with a reason, so that one
 * bad file cannot stop a crawl. Each document is parsed on a worker thread under the time limit of the
 * {@link ExtractorSettings}; see {@link ExtractionWorkers} for how runaway parses are contained.
 */
public final class Extractor implements AutoCloseable {

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml",
            "application/vnd.wap.xhtml+xml");
    // Formats with no text worth indexing (we do not OCR), or code and data rather than documents.
    private static final Set<String> UNSUPPORTED_TOP_LEVEL = Set.of("image", "audio", "video", "font", "model",
            "chemical", "multipart", "message");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("application/octet-stream", "text/css",
            "text/javascript", "application/javascript", "application/json", "application/x-executable",
            "application/x-msdownload", "application/x-dosexec", "application/x-sharedlib", "application/java-vm",
            "application/x-mach-o-executable", "application/x-elf", "application/x-shockwave-flash",
            "application/wasm", "application/x-font-ttf", "application/vnd.ms-fontobject",
            "application/x-font-otf", "application/x-java-jnilib");

    private final ExtractorSettings settings;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final TextDecoder decoder = new TextDecoder();
    private final HtmlExtractor html;
    private final DocumentExtractor documents;
    private final LanguageIdentifier languages = new LanguageIdentifier();
    private final ExtractionWorkers workers;

    /** An extractor with {@link ExtractorSettings#defaults()}. */
    public Extractor() {
        this(ExtractorSettings.defaults());
    }

    public Extractor(ExtractorSettings settings) {
        this.settings = settings;
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
        this.html = new HtmlExtractor(settings.maxChars());
        this.documents = new DocumentExtractor(config, settings.maxChars());
        this.workers = new ExtractionWorkers(settings.maxWorkers());
    }

    public ExtractorSettings settings() {
        return settings;
    }

    /**
     * Extracts one resource. Never throws and never takes much longer than the configured time limit.
     *
     * @param resource what the crawler fetched
     * @return the document, or a failure saying why there is none
     */
    public Extraction extract(FetchedResource resource) {
        String url = urlOf(resource);
        try {
            if (resource == null) {
                return new ExtractionFailure(null, Kind.ERROR, "no resource");
            }
            byte[] body = resource.body();
            if (body.length > settings.maxBodyBytes()) {
                return new ExtractionFailure(url, Kind.TOO_LARGE,
                        "body of " + body.length + " bytes exceeds the limit of " + settings.maxBodyBytes());
            }
            if (body.length == 0) {
                return new ExtractionFailure(url, Kind.EMPTY, "empty body");
            }
            Deadline deadline = Deadline.in(settings.timeout());
            ExtractionWorkers.Result<Extraction> result =
                    workers.run(() -> extractNow(resource, url, deadline), settings.timeout());
            if (result instanceof ExtractionWorkers.Result.Done<Extraction> done) {
                return done.value();
            }
            if (result instanceof ExtractionWorkers.Result.TimedOut<Extraction>) {
                return new ExtractionFailure(url, Kind.TIMEOUT,
                        "extraction took longer than " + settings.timeout().toMillis() + " ms");
            }
            if (result instanceof ExtractionWorkers.Result.Busy<Extraction> busy) {
                return new ExtractionFailure(url, Kind.TIMEOUT, "no extraction worker free within "
                        + settings.timeout().toMillis() + " ms (" + busy.stuck() + " still running)");
            }
            Throwable error = ((ExtractionWorkers.Result.Failed<Extraction>) result).error();
            return failureFor(url, error);
        } catch (Throwable t) {
            return failureFor(url, t);
        }
    }

    /** Extraction workers currently running, including abandoned ones still finishing (for health checks). */
    public int busyWorkers() {
        return workers.busy();
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        workers.close();
    }

    ExtractionWorkers workers() {
        return workers;
    }

    private static ExtractionFailure failureFor(String url, Throwable t) {
        if (Deadline.isExpiry(t)) {
            return new ExtractionFailure(url, Kind.TIMEOUT, "time limit passed");
        }
        if (t instanceof OutOfMemoryError) {
            return new ExtractionFailure(url, Kind.TOO_LARGE, "document needs too much memory");
        }
        return new ExtractionFailure(url, Kind.ERROR, DocumentExtractor.message(t));
    }

    private Extraction extractNow(FetchedResource r, String url, Deadline deadline) {
        String contentType = r.contentType().orElse(null);
        String name = resourceName(r);
        MediaType type = detect(r.body(), contentType, name);
        String mediaType = type.getBaseType().toString();
        Headers headers = new Headers(r);

        if (HTML_TYPES.contains(mediaType)) {
            TextDecoder.Decoded decoded = decoder.decode(r.body(), contentType);
            HtmlExtractor.Page page = html.extract(decoded.text(), url, deadline);
            Map<String, String> metadata = new HashMap<>(page.metadata());
            metadata.put("charset", decoded.charset().name());
            metadata.put("charsetSource", decoded.source().name().toLowerCase(Locale.ROOT));
            List<Link> links = page.links();
            if (page.text().isBlank() && page.title() == null && links.isEmpty()) {
                return new ExtractionFailure(url, Kind.EMPTY, "page has no text, title or links");
            }
            return finish(url, page.canonicalUrl(), page.title(), page.description(), page.text(),
                    firstNonNull(page.declaredLanguage(), headers.contentLanguage), mediaType, page.published(),
                    page.modified(), page.author(), List.of(), links, page.noindex(), page.nofollow(),
                    page.truncated(), metadata, headers, deadline);
        }
        if (isUnsupported(type)) {
            return new ExtractionFailure(url, Kind.UNSUPPORTED_TYPE, "no text extraction for " + mediaType);
        }
        if (isPlainText(type)) {
            TextDecoder.Decoded decoded = decoder.decode(r.body(), contentType);
            TextBuffer text = new TextBuffer(settings.maxChars());
            text.appendPreformatted(decoded.text());
            if (text.toString().isBlank()) {
                return new ExtractionFailure(url, Kind.EMPTY, "no text");
            }
            Map<String, String> metadata = new HashMap<>();
            metadata.put("charset", decoded.charset().name());
            metadata.put("charsetSource", decoded.source().name().toLowerCase(Locale.ROOT));
            return finish(url, null, null, null, text.toString(), headers.contentLanguage, mediaType, null, null,
                    null, List.of(), List.of(), false, false, text.isTruncated(), metadata, headers, deadline);
        }
        if (!documents.supports(type)) {
            return new ExtractionFailure(url, Kind.UNSUPPORTED_TYPE, "no parser for " + mediaType);
        }
        DocumentExtractor.Outcome outcome = documents.parse(r.body(), type, name, url, deadline);
        if (outcome instanceof DocumentExtractor.Failed failed) {
            return new ExtractionFailure(url, failed.kind(), failed.reason());
        }
        DocumentExtractor.Parsed doc = (DocumentExtractor.Parsed) outcome;
        if (doc.text().isBlank()) {
            return new ExtractionFailure(url, Kind.EMPTY, "no text in " + mediaType
                    + (mediaType.equals("application/pdf") ? " (scanned pages are not OCRed)" : ""));
        }
        return finish(url, null, doc.title(), doc.description(), doc.text(),
                firstNonNull(doc.language(), headers.contentLanguage), mediaType, doc.created(), doc.modified(),
                doc.author(), doc.pages(), doc.links(), false, false, doc.truncated(), doc.metadata(), headers,
                deadline);
    }

    /** Applies what every kind of document shares: HTTP fallbacks, robots header, language, truncation flag. */
    private Extraction finish(String url, String canonical, String title, String description, String text,
                              String declared, String mediaType, Instant published, Instant modified,
                              String author, List<String> pages, List<Link> links, boolean noindex,
                              boolean nofollow, boolean truncated, Map<String, String> metadata, Headers headers,
                              Deadline deadline) {
        deadline.check();
        RobotsDirectives header = RobotsDirectives.parse(headers.robots);
        String declaredTag = normaliseTag(declared);
        String language = languages.identify(text, declaredTag);
        Map<String, String> meta = new HashMap<>(metadata);
        if (truncated) {
            meta.put("truncated", "true");
        }
        if (modified == null) {
            modified = headers.lastModified;
        }
        return new ExtractedDocument(url, canonical, title, description, text, language, declaredTag, mediaType,
                published, modified, author, pages, links, noindex || header.noindex(),
                nofollow || header.nofollow(), meta);
    }

    private MediaType detect(byte[] body, String contentType, String name) {
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        if (contentType != null) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        try (TikaInputStream in = TikaInputStream.get(body)) {
            return detector.detect(in, metadata);
        } catch (Exception e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private boolean isUnsupported(MediaType type) {
        MediaType base = type.getBaseType();
        return UNSUPPORTED_TOP_LEVEL.contains(base.getType()) || UNSUPPORTED_TYPES.contains(base.toString())
                || base.getSubtype().startsWith("x-font") || base.getSubtype().endsWith("-executable");
    }

    private boolean isPlainText(MediaType type) {
        MediaType base = type.getBaseType();
        return base.equals(MediaType.TEXT_PLAIN)
                || (registry.isSpecializationOf(base, MediaType.TEXT_PLAIN) && !base.getSubtype().contains("xml")
                && !base.getSubtype().contains("html") && base.getType().equals("text"));
    }

    private static String resourceName(FetchedResource r) {
        URI uri = r.finalUrl() != null ? r.finalUrl() : r.requestedUrl();
        if (uri == null || uri.getRawPath() == null) {
            return null;
        }
        String path = uri.getRawPath();
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        return last.isEmpty() ? null : last;
    }

    private static String urlOf(FetchedResource r) {
        if (r == null) {
            return null;
        }
        URI uri = r.finalUrl() != null ? r.finalUrl() : r.requestedUrl();
        return uri == null ? null : uri.toString();
    }

    private static String normaliseTag(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String first = declared.split("[,;]")[0].trim().replace('_', '-');
        String tag = Locale.forLanguageTag(first).toLanguageTag();
        return tag.equals("und") ? null : tag;
    }

    private static String firstNonNull(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** The HTTP facts extraction uses. */
    private static final class Headers {
        final String contentLanguage;
        final Instant lastModified;
        final List<String> robots;

        Headers(FetchedResource r) {
            this.contentLanguage = r.header("content-language").orElse(null);
            this.lastModified = Dates.parse(r.header("last-modified").orElse(null));
            List<String> values = r.headers().get("x-robots-tag");
            this.robots = values == null ? List.of() : new ArrayList<>(values);
        }
    }
}
