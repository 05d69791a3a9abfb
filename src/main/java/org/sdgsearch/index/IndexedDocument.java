package org.sdgsearch.index;

import java.time.Instant;
import java.util.List;

import org.sdgsearch.classify.SdgProfile;

/**
 * A document as the index holds it: one per distinct content, with every URL and partnership that publishes it.
 * Everything here is stored, so a document can be rebuilt from the index when a second publisher is added.
 *
 * @param id               hash of the normalised text
 * @param urls             every URL that publishes this content, first found first
 * @param partnerships     ids of every partnership that publishes it
 * @param countries        countries of those partnerships
 * @param stakeholderTypes stakeholder types of those partnerships
 * @param title            title (untrusted text)
 * @param description      description (untrusted text)
 * @param text             main content (untrusted text)
 * @param language         ISO 639-1 code or "und"
 * @param type             coarse document type: web, pdf, word, slides, spreadsheet, text, ebook, other
 * @param mediaType        exact media type
 * @param published        publication date or null
 * @param modified         modification date or null
 * @param fetched          when it was last fetched
 * @param changed          when this content first appeared at its URLs (the last change)
 * @param author           author or publisher, or null
 * @param pages            page texts for paged documents
 * @param profile          the SDG profile with evidence
 */
public record IndexedDocument(String id, List<String> urls, List<String> partnerships, List<String> countries,
                              List<String> stakeholderTypes, String title, String description, String text,
                              String language, String type, String mediaType, Instant published, Instant modified,
                              Instant fetched, Instant changed, String author, List<String> pages,
                              SdgProfile profile) {

    public IndexedDocument {
        urls = List.copyOf(urls);
        partnerships = List.copyOf(partnerships);
        countries = List.copyOf(countries);
        stakeholderTypes = List.copyOf(stakeholderTypes);
        pages = List.copyOf(pages);
    }

    /** The year users filter on: published, else modified, else fetched. */
    public int year() {
        Instant t = published != null ? published : modified != null ? modified : fetched;
        return t.atZone(java.time.ZoneOffset.UTC).getYear();
    }

    /** The URL shown to users: the first one found. */
    public String url() {
        return urls.isEmpty() ? "" : urls.get(0);
    }
}
