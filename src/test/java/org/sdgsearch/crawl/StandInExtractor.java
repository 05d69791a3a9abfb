package org.sdgsearch.crawl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.extract.Extraction;
import org.sdgsearch.extract.ExtractionFailure;
import org.sdgsearch.extract.Link;

/**
 * A fast jsoup-only extractor for crawler tests, so that they test crawling rather than Tika (the real
 * {@link org.sdgsearch.extract.Extractor} runs in {@link CrawlerWithExtractorTest}). Test-only: never in src/main.
 */
final class StandInExtractor implements Function<FetchedResource, Extraction> {

    @Override
    public Extraction apply(FetchedResource r) {
        String url = r.finalUrl().toString();
        String type = r.contentType().orElse("text/html").toLowerCase(Locale.ROOT);
        String robotsHeader = r.header("x-robots-tag").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/plain")) {
            return doc(url, null, "", new String(r.body(), StandardCharsets.UTF_8), List.of(), robotsHeader, "",
                    "text/plain");
        }
        if (!type.startsWith("text/html")) {
            return new ExtractionFailure(url, ExtractionFailure.Kind.UNSUPPORTED_TYPE, "stand-in reads HTML only");
        }
        Document d = Jsoup.parse(new String(r.body(), StandardCharsets.UTF_8), url);
        List<Link> links = new ArrayList<>();
        for (Element e : d.select("a[href], area[href], iframe[src], frame[src], link[href]")) {
            String attr = e.hasAttr("href") ? "href" : "src";
            String abs = e.absUrl(attr);
            if (!abs.isEmpty()) {
                links.add(new Link(abs, e.text(), e.tagName()));
            }
        }
        Element canonical = d.selectFirst("link[rel=canonical]");
        Element meta = d.selectFirst("meta[name=robots]");
        return doc(url, canonical == null ? null : canonical.absUrl("href"), d.title(), d.body().text(), links,
                robotsHeader, meta == null ? "" : meta.attr("content").toLowerCase(Locale.ROOT), "text/html");
    }

    private static ExtractedDocument doc(String url, String canonical, String title, String text, List<Link> links,
                                         String header, String meta, String mediaType) {
        String robots = header + "," + meta;
        return new ExtractedDocument(url, canonical, title, "", text, "en", null, mediaType, null, null, null,
                List.of(), links, robots.contains("noindex") || robots.contains("none"),
                robots.contains("nofollow") || robots.contains("none"), Map.of());
    }
}
