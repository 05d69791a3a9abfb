package org.sdgsearch.api;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.sdgsearch.search.Changes.ChangedDocument;

/**
 * Writes an Atom 1.0 feed (RFC 4287) of changed documents with the StAX writer, which escapes text and attributes;
 * characters XML 1.0 cannot carry at all (control characters from crawled pages) are dropped first.
 */
final class AtomFeed {

    static final String NS = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    /**
     * @param selfUrl  the feed's own URL (also its id: one feed per filter)
     * @param title    feed title
     * @param names    partnership id → name, for categories
     * @param docUrl   the URL of a document page in our UI for an id, used when a document has no URL
     */
    static String write(String selfUrl, String title, List<ChangedDocument> docs, Map<String, String> names,
                        java.util.function.Function<String, String> docUrl) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(NS);
            text(x, "id", selfUrl);
            text(x, "title", title);
            // An empty feed has nothing newer than the moment it was asked for.
            Instant updated = docs.isEmpty() ? Instant.now() : docs.get(0).changed();
            text(x, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
            x.writeStartElement("author");
            text(x, "name", "SDG Search");
            x.writeEndElement();
            link(x, "self", selfUrl, "application/atom+xml");
            text(x, "generator", "SDG Search");
            for (ChangedDocument d : docs) {
                x.writeStartElement("entry");
                // A stable id per content: a changed page is a new content, hence a new entry, as it should be.
                text(x, "id", "urn:sdgsearch:document:" + d.id());
                text(x, "title", d.title().isBlank() ? d.url() : d.title());
                text(x, "updated", DateTimeFormatter.ISO_INSTANT.format(d.changed()));
                if (d.published() != null) {
                    text(x, "published", DateTimeFormatter.ISO_INSTANT.format(d.published()));
                }
                link(x, "alternate", d.url().isBlank() ? docUrl.apply(d.id()) : d.url(), null);
                link(x, "related", docUrl.apply(d.id()), "application/json");
                for (int g : d.sdgs()) {
                    category(x, "sdg-" + g, "https://sdgs.un.org/goals/goal" + g, "SDG " + g);
                }
                for (String p : d.partnerships()) {
                    category(x, p, "urn:sdgsearch:partnership", names.getOrDefault(p, p));
                }
                if (!d.description().isBlank()) {
                    x.writeStartElement("summary");
                    x.writeAttribute("type", "text");
                    x.writeCharacters(clean(d.description()));
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing an Atom feed to memory failed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(clean(value));
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", clean(href));
        if (type != null) {
            x.writeAttribute("type", type);
        }
    }

    private static void category(XMLStreamWriter x, String term, String scheme, String label)
            throws XMLStreamException {
        x.writeEmptyElement("category");
        x.writeAttribute("term", clean(term));
        x.writeAttribute("scheme", scheme);
        x.writeAttribute("label", clean(label));
    }

    /** Drops what XML 1.0 cannot represent: most C0 controls, unpaired surrogates, U+FFFE and U+FFFF. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
