package org.sdgsearch.crawl;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;

/**
 * Reads one sitemap (XML, text, RSS/Atom, gzipped or not) with crawler-commons' {@link SiteMapParser}. A sitemap
 * index yields the sitemaps it lists, which the crawler fetches in turn through the host's politeness queue.
 */
final class SitemapReader {

    /** What a sitemap held. */
    sealed interface Parsed {
    }

    /** A sitemap index: more sitemaps to read. */
    record Index(List<String> sitemaps) implements Parsed {
    }

    /** A sitemap: page URLs with their lastmod, if given. */
    record Urls(List<Entry> entries) implements Parsed {
    }

    /** The sitemap could not be read. */
    record Unreadable(String reason) implements Parsed {
    }

    /** A page listed in a sitemap. */
    record Entry(String url, Instant lastModified) {
    }

    private SitemapReader() {
    }

    static Parsed parse(URI url, byte[] body, String contentType) {
        // Non-strict: we check scope ourselves, and partner sites often list pages outside the sitemap's folder.
        SiteMapParser parser = new SiteMapParser(false);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            type = "application/gzip"; // a .gz file served as octet-stream (or with no type) is still gzip
        } else if (type.isEmpty() || type.startsWith("application/octet-stream")) {
            type = looksLikeXml(body) ? "text/xml" : "text/plain";
        }
        try {
            URL u = url.toURL();
            AbstractSiteMap map = parser.parseSiteMap(type, body, u);
            if (map instanceof SiteMapIndex index) {
                List<String> children = new ArrayList<>();
                for (AbstractSiteMap child : index.getSitemaps()) {
                    children.add(child.getUrl().toString());
                }
                return new Index(children);
            }
            List<Entry> entries = new ArrayList<>();
            if (map instanceof SiteMap sitemap) {
                for (SiteMapURL s : sitemap.getSiteMapUrls()) {
                    Instant lastmod = s.getLastModified() == null ? null : s.getLastModified().toInstant();
                    entries.add(new Entry(s.getUrl().toString(), lastmod));
                }
            }
            return new Urls(entries);
        } catch (Exception e) {
            // UnknownFormatException, IOException, malformed XML: all one outcome for us.
            return new Unreadable("sitemap " + url + ": " + e.getMessage());
        }
    }

    private static boolean looksLikeXml(byte[] body) {
        for (int i = 0; i < Math.min(body.length, 64); i++) {
            if (body[i] == '<') {
                return true;
            }
        }
        return false;
    }
}
