package org.sdgsearch.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.tika.exception.WriteLimitReachedException;
import org.jsoup.internal.StringUtil;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text of Tika's XHTML output: body only, paragraphs separated like HTML pages, one text per
 * {@code <div class="page">} (PDF pages), and {@code <a href>} links.
 *
 * <p>Tika's own {@code BodyContentHandler}/{@code WriteOutContentHandler} would give one flat string; we need the
 * page boundaries and links as well, so this handler does their job: it stops the parse with Tika's
 * {@link WriteLimitReachedException} when the character limit is reached (Tika recognises it and keeps what was
 * written, even from inside embedded documents), and with {@link Deadline.ExpiredSax} when the time is up.
 */
final class XhtmlTextHandler extends DefaultHandler {

    private static final Set<String> BLOCK = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "table", "blockquote", "pre", "section", "article", "dl", "body", "thead", "tbody");
    private static final Set<String> LINE = Set.of("li", "tr", "br", "dt", "dd");
    private static final Set<String> CELL = Set.of("td", "th");

    private final TextBuffer text;
    private final int maxChars;
    private final Deadline deadline;
    private final String baseUrl;
    private final String linkRel;

    private int bodyDepth;
    private int embeddedDepth;
    // Element depth at which the current page div was opened, or -1; PDF page divs do not nest.
    private int pageDivDepth = -1;
    private int divDepth;
    private int pageStart;
    private final List<String> pages = new ArrayList<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private String href;
    private StringBuilder anchor;

    XhtmlTextHandler(int maxChars, Deadline deadline, String baseUrl, String linkRel) {
        this.text = new TextBuffer(maxChars);
        this.maxChars = maxChars;
        this.deadline = deadline;
        this.baseUrl = baseUrl == null ? "" : baseUrl;
        this.linkRel = linkRel;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        deadline.checkSax();
        String name = name(localName, qName);
        if (name.equals("body")) {
            bodyDepth++;
        }
        if (bodyDepth == 0) {
            return;
        }
        if (name.equals("div")) {
            divDepth++;
            String cls = atts.getValue("class");
            if ("embedded".equals(cls) || "package-entry".equals(cls)) {
                embeddedDepth++;
            } else if ("page".equals(cls) && embeddedDepth == 0 && pageDivDepth < 0) {
                pageDivDepth = divDepth;
                text.paragraphBreak();
                pageStart = text.length();
            }
        }
        if (name.equals("a") && href == null) {
            String h = atts.getValue("href");
            if (h != null) {
                href = h;
                anchor = new StringBuilder();
            }
        }
        breakFor(name);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = name(localName, qName);
        if (bodyDepth == 0) {
            return;
        }
        breakFor(name);
        if (name.equals("div")) {
            if (divDepth == pageDivDepth) {
                closePage();
            }
            divDepth--;
        }
        if (name.equals("a") && href != null) {
            addLink(href, anchor.toString());
            href = null;
            anchor = null;
        }
        if (name.equals("body")) {
            bodyDepth--;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        deadline.checkSax();
        if (bodyDepth == 0) {
            return;
        }
        text.append(ch, start, length);
        if (anchor != null && anchor.length() < 1_000) {
            anchor.append(ch, start, Math.min(length, 1_000));
        }
        if (text.isTruncated()) {
            if (pageDivDepth >= 0) {
                closePage();
            }
            throw new WriteLimitReachedException(maxChars);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (bodyDepth > 0) {
            text.space();
        }
    }

    private void closePage() {
        pages.add(text.since(pageStart).strip());
        pageDivDepth = -1;
    }

    private void addLink(String raw, String anchorText) {
        if (links.size() >= HtmlExtractor.MAX_LINKS) {
            return;
        }
        String h = raw.strip();
        String lower = h.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.startsWith("#")) {
            return;
        }
        String abs = lower.startsWith("http://") || lower.startsWith("https://") ? h : StringUtil.resolve(baseUrl, h);
        String absLower = abs.toLowerCase(Locale.ROOT);
        if (!absLower.startsWith("http://") && !absLower.startsWith("https://")) {
            return;
        }
        String a = HtmlExtractor.clean(anchorText);
        links.putIfAbsent(abs, new Link(abs, a == null ? "" : a, linkRel));
    }

    private void breakFor(String name) {
        if (BLOCK.contains(name)) {
            text.paragraphBreak();
        } else if (LINE.contains(name)) {
            text.lineBreak();
        } else if (CELL.contains(name)) {
            text.space();
        }
    }

    private static String name(String localName, String qName) {
        String n = localName == null || localName.isEmpty() ? qName : localName;
        return n == null ? "" : n.toLowerCase(Locale.ROOT);
    }

    String text() {
        return text.toString();
    }

    boolean truncated() {
        return text.isTruncated();
    }

    List<String> pages() {
        return List.copyOf(pages);
    }

    List<Link> links() {
        return new ArrayList<>(links.values());
    }
}
