package org.sdgsearch.extract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Clean text and metadata of one page or document. No Tika or jsoup type leaks out of the extract package.
 *
 * @param url              the URL the content was fetched from (after redirects)
 * @param canonicalUrl     the canonical URL the page declares, or null
 * @param title            best title (og:title, title, first h1, document metadata), never null (may be empty)
 * @param description      meta/og description or document subject, never null (may be empty)
 * @param text             main content as plain text, paragraphs separated by blank lines
 * @param language         ISO 639-1 code detected from the text (declared language as a tie-breaker), or "und"
 * @param declaredLanguage the language the page declares (html lang, Content-Language), or null
 * @param mediaType        the detected media type without parameters, e.g. "text/html", "application/pdf"
 * @param published        publication date, or null
 * @param modified         last modification date (HTTP Last-Modified as fallback), or null
 * @param author           author or publisher, or null
 * @param pages            text per page for paged documents (PDF), empty otherwise
 * @param links            outlinks
 * @param noindex          robots meta or X-Robots-Tag forbids indexing
 * @param nofollow         robots meta or X-Robots-Tag forbids following links
 * @param metadata         other metadata worth keeping (e.g. "pageCount", "generator")
 */
public record ExtractedDocument(String url, String canonicalUrl, String title, String description, String text,
                                String language, String declaredLanguage, String mediaType, Instant published,
                                Instant modified, String author, List<String> pages, List<Link> links,
                                boolean noindex, boolean nofollow, Map<String, String> metadata)
        implements Extraction {

    public ExtractedDocument {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        text = text == null ? "" : text;
        language = language == null || language.isBlank() ? "und" : language;
        pages = pages == null ? List.of() : List.copyOf(pages);
        links = links == null ? List.of() : List.copyOf(links);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
