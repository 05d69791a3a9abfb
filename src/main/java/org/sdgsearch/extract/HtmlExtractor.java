package org.sdgsearch.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Extracts main content and metadata from an HTML page with jsoup.
 *
 * <p>Boilerplate is recognised the way assistive technology recognises it: by the ARIA landmarks a page declares
 * (explicitly with {@code role}, implicitly with {@code nav}, {@code aside}, top-level {@code header} and
 * {@code footer}), then by the class and id names that sites without landmarks use for menus, sidebars and cookie
 * banners. Outlinks are collected before any pruning, because a link in a menu is still a link to crawl.
 */
final class HtmlExtractor {

    static final int MAX_LINKS = 10_000;
    private static final int MAX_JSON_LD_CHARS = 1_000_000;
    private static final int DEADLINE_CHECK_EVERY = 2_048;

    private static final Set<String> DROPPED_TAGS = Set.of("script", "style", "noscript", "template", "nav",
            "aside", "form", "button", "select", "option", "input", "textarea", "svg", "math", "iframe", "frame",
            "frameset", "object", "embed", "canvas", "dialog", "menu", "head", "audio", "video", "map", "label");
    private static final Set<String> DROPPED_ROLES = Set.of("navigation", "banner", "contentinfo",
            "complementary", "search", "menu", "menubar", "toolbar", "dialog", "alertdialog", "tablist");
    /** Substrings of class/id/aria-label that mark consent banners whatever their size. */
    private static final Pattern CONSENT = Pattern.compile(
            "cookie|consent|gdpr|onetrust|cookiebot|didomi|truste|qc-cmp|cc-window|cc-banner|cc_banner"
                    + "|cmp-container|privacy-banner", Pattern.CASE_INSENSITIVE);
    /** Whole words in class/id names that mark navigation and page chrome. */
    private static final Set<String> CHROME_WORDS = Set.of("nav", "navbar", "navigation", "menu", "menubar",
            "breadcrumb", "breadcrumbs", "sidebar", "skip", "skiplink", "social", "share", "sharing", "masthead",
            "toolbar", "pagination", "pager", "hamburger", "popup", "modal", "overlay", "newsletter", "subscribe");
    /** Chrome words that also name parts of an article (article header, footnotes footer). */
    private static final Set<String> TOP_LEVEL_WORDS = Set.of("header", "footer");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^a-z0-9]+|(?<=[a-z])(?=[A-Z])");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "h1", "h2",
            "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "blockquote", "pre", "figure",
            "figcaption", "address", "header", "footer", "hr", "details", "summary", "caption", "center",
            "fieldset", "legend", "body", "thead", "tbody", "tfoot", "hgroup");
    private static final Set<String> LINE_TAGS = Set.of("li", "tr", "br", "dt", "dd");
    private static final Set<String> CELL_TAGS = Set.of("td", "th");
    private static final Set<String> SKIPPED_SCHEMES = Set.of("javascript", "mailto", "data", "tel", "about",
            "blob", "file", "sms", "callto");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"]+)");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxChars;

    HtmlExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    /** What the HTML itself says; HTTP fallbacks and language detection are the facade's job. */
    record Page(String canonicalUrl, String title, String description, String text, String declaredLanguage,
                Instant published, Instant modified, String author, List<Link> links, boolean noindex,
                boolean nofollow, boolean truncated, Map<String, String> metadata) {
    }

    Page extract(String html, String baseUrl, Deadline deadline) {
        Parser parser = Parser.htmlParser().setTrackErrors(0);
        Document doc = parser.parseInput(html, baseUrl == null ? "" : baseUrl);
        deadline.check();
        Meta meta = new Meta(doc);
        JsonLd jsonLd = JsonLd.of(doc);
        List<Link> links = links(doc, deadline);

        String title = firstNonBlank(meta.get("og:title"), doc.title(), firstText(doc, "h1"));
        String description = firstNonBlank(meta.get("description"), meta.get("og:description"),
                meta.get("twitter:description"), meta.get("dc.description"), meta.get("dcterms.description"));
        String canonical = canonical(doc);
        String declared = firstNonBlank(doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang"),
                doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("xml:lang"),
                meta.get("content-language"), meta.get("dc.language"), meta.get("dcterms.language"));
        Instant published = firstDate(meta.get("article:published_time"), meta.get("og:published_time"),
                meta.get("datepublished"), jsonLd.datePublished, meta.get("dcterms.issued"), meta.get("dc.date.issued"),
                meta.get("dcterms.created"), meta.get("dc.date.created"), meta.get("dcterms.date"),
                meta.get("dc.date"), meta.get("citation_publication_date"), meta.get("publish-date"),
                meta.get("pubdate"), meta.get("date"), timeElement(doc));
        Instant modified = firstDate(meta.get("article:modified_time"), meta.get("og:updated_time"),
                meta.get("datemodified"), jsonLd.dateModified, meta.get("dcterms.modified"),
                meta.get("dc.date.modified"), meta.get("last-modified"));
        String author = firstNonBlank(notUrl(meta.get("author")), notUrl(meta.get("article:author")),
                jsonLd.author, meta.get("dc.creator"), meta.get("dcterms.creator"), meta.get("citation_author"),
                jsonLd.publisher, meta.get("dc.publisher"), meta.get("dcterms.publisher"), meta.get("og:site_name"));
        RobotsDirectives robots = RobotsDirectives.parse(meta.all("robots"));

        Map<String, String> metadata = new HashMap<>();
        putIfPresent(metadata, "generator", meta.get("generator"));
        putIfPresent(metadata, "keywords", meta.get("keywords"));
        putIfPresent(metadata, "siteName", meta.get("og:site_name"));
        putIfPresent(metadata, "ogType", meta.get("og:type"));
        putIfPresent(metadata, "publisher", firstNonBlank(jsonLd.publisher, meta.get("dc.publisher"),
                meta.get("dcterms.publisher")));

        Element body = doc.body();
        TextBuffer text = new TextBuffer(maxChars);
        if (body != null) {
            prune(body, deadline);
            Element main = mainContent(body);
            if (main == body) {
                pruneLinkLists(body, deadline);
            }
            render(main, text, deadline);
        }
        return new Page(canonical, clean(title), clean(description), text.toString(), clean(declared), published,
                modified, clean(author), links, robots.noindex(), robots.nofollow(), text.isTruncated(), metadata);
    }

    // ---- outlinks ------------------------------------------------------------------------------------------

    private static List<Link> links(Document doc, Deadline deadline) {
        Map<String, Link> byKey = new LinkedHashMap<>();
        int seen = 0;
        for (Element e : doc.select("a[href], area[href], iframe[src], frame[src], link[href], meta[http-equiv]")) {
            if (++seen % DEADLINE_CHECK_EVERY == 0) {
                deadline.check();
            }
            if (byKey.size() >= MAX_LINKS) {
                break;
            }
            String tag = e.normalName();
            String raw;
            String anchor;
            String rel;
            switch (tag) {
                case "a" -> {
                    raw = e.attr("href");
                    anchor = e.text();
                    if (anchor.isBlank()) {
                        anchor = firstNonBlank(e.attr("title"), altText(e));
                    }
                    rel = "a";
                }
                case "area" -> {
                    raw = e.attr("href");
                    anchor = firstNonBlank(e.attr("alt"), e.attr("title"));
                    rel = "area";
                }
                case "iframe", "frame" -> {
                    raw = e.attr("src");
                    anchor = e.attr("title");
                    rel = "iframe";
                }
                case "link" -> {
                    Set<String> rels = relTokens(e.attr("rel"));
                    if (rels.contains("canonical")) {
                        rel = "canonical";
                    } else if (rels.contains("alternate")) {
                        rel = "alternate";
                    } else {
                        continue;
                    }
                    raw = e.attr("href");
                    anchor = firstNonBlank(e.attr("title"), e.attr("hreflang"));
                }
                case "meta" -> {
                    if (!e.attr("http-equiv").equalsIgnoreCase("refresh")) {
                        continue;
                    }
                    Matcher m = REFRESH_URL.matcher(e.attr("content"));
                    if (!m.find()) {
                        continue;
                    }
                    raw = m.group(1).trim();
                    anchor = "";
                    rel = "refresh";
                }
                default -> {
                    continue;
                }
            }
            String url = absolute(e, raw);
            if (url == null) {
                continue;
            }
            String key = rel + ' ' + url;
            Link existing = byKey.get(key);
            String a = anchor == null ? "" : clean(anchor);
            if (existing == null) {
                byKey.put(key, new Link(url, a, rel));
            } else if (existing.anchor().isEmpty() && !a.isEmpty()) {
                byKey.put(key, new Link(url, a, rel));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static String altText(Element a) {
        Element img = a.selectFirst("img[alt]");
        return img == null ? null : img.attr("alt");
    }

    /** Resolves against the document base (which honours {@code <base href>}); null for links we never follow. */
    static String absolute(Element e, String raw) {
        if (raw == null) {
            return null;
        }
        String href = raw.strip();
        if (href.isEmpty() || href.startsWith("#")) {
            return null;
        }
        Matcher scheme = SCHEME.matcher(href);
        if (scheme.find() && SKIPPED_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
            return null;
        }
        String abs = StringUtil.resolve(e.baseUri(), href);
        if (abs.isEmpty()) {
            return null;
        }
        String lower = abs.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        return abs;
    }

    private static String canonical(Document doc) {
        for (Element link : doc.select("link[rel][href]")) {
            if (relTokens(link.attr("rel")).contains("canonical")) {
                String url = absolute(link, link.attr("href"));
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    private static Set<String> relTokens(String rel) {
        return Set.of(rel.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    // ---- boilerplate removal ---------------------------------------------------------------------------------

    private static void prune(Element body, Deadline deadline) {
        int bodyText = textLength(body);
        List<Element> doomed = new ArrayList<>();
        int seen = 0;
        for (Element e : body.getAllElements()) {
            if (++seen % DEADLINE_CHECK_EVERY == 0) {
                deadline.check();
            }
            if (e != body && isBoilerplate(e, bodyText)) {
                doomed.add(e);
            }
        }
        for (Element e : doomed) {
            // An ancestor may already have gone; removing a detached element is harmless.
            e.remove();
        }
    }

    private static boolean isBoilerplate(Element e, int bodyText) {
        String tag = e.normalName();
        if (tag.equals("main") || tag.equals("article") || tag.equals("html") || tag.equals("body")) {
            return false;
        }
        if (DROPPED_TAGS.contains(tag)) {
            return true;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equalsIgnoreCase("true")) {
            return true;
        }
        String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
        if (style.contains("display:none") || style.contains("visibility:hidden")) {
            return true;
        }
        String role = e.attr("role").toLowerCase(Locale.ROOT).trim();
        if (DROPPED_ROLES.contains(role)) {
            return true;
        }
        boolean topLevel = !insideContent(e);
        if ((tag.equals("header") || tag.equals("footer")) && topLevel) {
            return true;
        }
        String names = e.className() + ' ' + e.id();
        if (names.isBlank() && !e.hasAttr("aria-label")) {
            return false;
        }
        if (containsContent(e)) {
            return false;
        }
        if (CONSENT.matcher(names).find() || CONSENT.matcher(e.attr("aria-label")).find()) {
            return true;
        }
        boolean chrome = false;
        for (String word : WORD_SPLIT.split(names.strip())) {
            String w = word.toLowerCase(Locale.ROOT);
            if (CHROME_WORDS.contains(w) || (topLevel && TOP_LEVEL_WORDS.contains(w))) {
                chrome = true;
                break;
            }
        }
        // A class name alone is weak evidence: a wrapper named "has-sidebar" holding the whole page is not chrome.
        return chrome && textLength(e) * 10 < bodyText * 4;
    }

    private static boolean insideContent(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            String t = p.normalName();
            if (t.equals("main") || t.equals("article") || p.attr("role").equalsIgnoreCase("main")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsContent(Element e) {
        return e.selectFirst("main, article, [role=main]") != null;
    }

    /** The landmark holding the main content, when the page has a believable one; the body otherwise. */
    private static Element mainContent(Element body) {
        int bodyText = textLength(body);
        Elements mains = body.select("[role=main], main");
        Elements articles = body.select("article");
        List<Element> candidates = new ArrayList<>();
        if (mains.size() == 1) {
            candidates.add(mains.first());
        }
        if (articles.size() == 1) {
            candidates.add(articles.first());
        }
        for (Element c : candidates) {
            // Some templates put a near-empty <main> around a hero image; then the body is the better guess.
            if (textLength(c) * 4 >= bodyText) {
                return c;
            }
        }
        return body;
    }

    /** Without landmarks, blocks that are almost only links (menus built from plain divs and lists) go. */
    private static void pruneLinkLists(Element root, Deadline deadline) {
        List<Element> doomed = new ArrayList<>();
        int seen = 0;
        for (Element e : root.select("ul, ol, div, section, table")) {
            if (++seen % DEADLINE_CHECK_EVERY == 0) {
                deadline.check();
            }
            Elements anchors = e.select("a[href]");
            if (anchors.size() < 3) {
                continue;
            }
            int total = textLength(e);
            if (total == 0) {
                continue;
            }
            int linked = 0;
            for (Element a : anchors) {
                linked += a.text().length();
            }
            if (linked * 10 >= total * 8 && e.selectFirst("p") == null) {
                doomed.add(e);
            }
        }
        for (Element e : doomed) {
            e.remove();
        }
    }

    private static int textLength(Element e) {
        int[] n = {0};
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode t) {
                n[0] += t.getWholeText().strip().length();
            }
        }, e);
        return n[0];
    }

    // ---- rendering ------------------------------------------------------------------------------------------

    private static void render(Element root, TextBuffer out, Deadline deadline) {
        NodeTraversor.traverse(new NodeVisitor() {
            int count;
            int preDepth;

            @Override
            public void head(Node node, int depth) {
                if (++count % DEADLINE_CHECK_EVERY == 0) {
                    deadline.check();
                }
                if (node instanceof TextNode t) {
                    if (preDepth > 0) {
                        out.appendPreformatted(t.getWholeText());
                    } else {
                        out.append(t.getWholeText());
                    }
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("pre")) {
                        preDepth++;
                    }
                    breakFor(tag, out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("pre")) {
                        preDepth--;
                    }
                    breakFor(tag, out);
                }
            }
        }, root);
    }

    private static void breakFor(String tag, TextBuffer out) {
        if (BLOCK_TAGS.contains(tag)) {
            out.paragraphBreak();
        } else if (LINE_TAGS.contains(tag)) {
            out.lineBreak();
        } else if (CELL_TAGS.contains(tag)) {
            out.space();
        }
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    /** Meta tags by lower-cased name, property, itemprop or http-equiv; first value wins. */
    private static final class Meta {
        private final Map<String, List<String>> values = new HashMap<>();

        Meta(Document doc) {
            for (Element m : doc.select("meta[content]")) {
                String content = m.attr("content");
                for (String attr : new String[]{"name", "property", "itemprop", "http-equiv"}) {
                    String key = m.attr(attr).trim().toLowerCase(Locale.ROOT);
                    if (!key.isEmpty()) {
                        values.computeIfAbsent(key, k -> new ArrayList<>()).add(content);
                    }
                }
            }
            for (Element t : doc.select("time[itemprop][datetime]")) {
                values.computeIfAbsent(t.attr("itemprop").toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(t.attr("datetime"));
            }
        }

        String get(String key) {
            List<String> v = values.get(key);
            return v == null ? null : v.get(0);
        }

        List<String> all(String key) {
            return values.getOrDefault(key, List.of());
        }
    }

    /** The schema.org facts we use from JSON-LD blocks, first occurrence wins. */
    private static final class JsonLd {
        String datePublished;
        String dateModified;
        String author;
        String publisher;

        static JsonLd of(Document doc) {
            JsonLd ld = new JsonLd();
            for (Element script : doc.select("script[type]")) {
                if (!script.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                    continue;
                }
                String json = script.data();
                if (json.length() > MAX_JSON_LD_CHARS) {
                    continue;
                }
                try {
                    ld.visit(JSON.readTree(json), 0);
                } catch (Exception e) {
                    // Hand-written JSON-LD is often broken; a page is not damaged because of it.
                }
            }
            return ld;
        }

        private void visit(JsonNode node, int depth) {
            if (node == null || depth > 16) {
                return;
            }
            if (node.isArray()) {
                for (JsonNode child : node) {
                    visit(child, depth + 1);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            if (datePublished == null) {
                datePublished = textOf(node.get("datePublished"));
            }
            if (dateModified == null) {
                dateModified = textOf(node.get("dateModified"));
            }
            if (author == null) {
                author = nameOf(node.get("author"));
            }
            if (publisher == null) {
                publisher = nameOf(node.get("publisher"));
            }
            for (String nested : new String[]{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"}) {
                JsonNode child = node.get(nested);
                if (child != null && (child.isArray() || child.isObject())) {
                    visit(child, depth + 1);
                }
            }
        }

        private static String textOf(JsonNode n) {
            if (n == null) {
                return null;
            }
            if (n.isArray() && !n.isEmpty()) {
                return textOf(n.get(0));
            }
            return n.isValueNode() ? n.asText() : null;
        }

        private static String nameOf(JsonNode n) {
            if (n == null) {
                return null;
            }
            if (n.isTextual()) {
                return notUrl(n.asText());
            }
            if (n.isArray()) {
                List<String> names = new ArrayList<>();
                for (JsonNode child : n) {
                    String name = nameOf(child);
                    if (name != null) {
                        names.add(name);
                    }
                }
                return names.isEmpty() ? null : String.join(", ", names);
            }
            if (n.isObject()) {
                return textOf(n.get("name"));
            }
            return null;
        }
    }

    // ---- small helpers ----------------------------------------------------------------------------------------

    private static String timeElement(Document doc) {
        Element t = doc.selectFirst("article time[datetime], main time[datetime], time[pubdate][datetime]");
        if (t == null) {
            t = doc.selectFirst("time[datetime]");
        }
        return t == null ? null : t.attr("datetime");
    }

    private static Instant firstDate(String... candidates) {
        for (String c : candidates) {
            Instant i = Dates.parse(c);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static String firstText(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        return e == null ? null : e.text();
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String notUrl(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://") ? null : value;
    }

    /** Collapses whitespace; null stays null. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String c = TextBuffer.validUnicode(s.replaceAll("[\\s\\u00A0]+", " ").strip());
        return c.isEmpty() ? null : c;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        String v = clean(value);
        if (v != null) {
            map.put(key, v.length() > 1_000 ? v.substring(0, 1_000) : v);
        }
    }
}
