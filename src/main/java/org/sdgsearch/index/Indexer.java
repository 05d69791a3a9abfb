package org.sdgsearch.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.sdgsearch.classify.SdgClassifier;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.crawl.DocumentSink;
import org.sdgsearch.crawl.FetchedResource;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.source.Source;

/**
 * Classifies harvested documents and writes them to the index, one document per distinct content: the same text
 * at several URLs or from several partnerships is stored once and remembers every URL and partnership.
 */
public final class Indexer implements DocumentSink {


    private final LuceneIndex index;
    private final SdgClassifier classifier;
    private final Function<String, Optional<Source>> sources;
    private final Clock clock;
    // Documents written since the last refresh, so that read-modify-write sees its own writes without a refresh per
    // document (each refresh would flush a tiny segment).
    private final Map<String, IndexedDocument> pending = new HashMap<>();
    private final Map<String, String> pendingUrl = new HashMap<>();
    // Documents deleted since the last refresh: the reader still shows them, so lookups must not resurrect them.
    private final Set<String> deleted = new java.util.HashSet<>();

    public Indexer(LuceneIndex index, SdgClassifier classifier, Function<String, Optional<Source>> sources, Clock clock) {
        this.index = index;
        this.classifier = classifier;
        this.sources = sources;
        this.clock = clock;
    }

    @Override
    public void accept(Source source, ExtractedDocument doc, FetchedResource fetched) {
        // Classification is the expensive part and needs no lock.
        SdgProfile profile = classifier.classify(doc.text(), doc.language(), doc.pages());
        String id = contentId(doc);
        String url = doc.url();
        Instant now = clock.instant();
        synchronized (this) {
            detachUrl(url, id);
            Optional<IndexedDocument> existing = lookup(id);
            Set<String> urls = new LinkedHashSet<>();
            Set<String> partnerships = new LinkedHashSet<>();
            Instant changed = now;
            if (existing.isPresent()) {
                urls.addAll(existing.get().urls());
                partnerships.addAll(existing.get().partnerships());
                changed = existing.get().changed();
            }
            urls.add(url);
            partnerships.add(source.id());
            write(new IndexedDocument(id, List.copyOf(urls), List.copyOf(partnerships), List.of(), List.of(),
                    displayTitle(doc), doc.description(), doc.text(), doc.language(), DocumentType.of(doc.mediaType()),
                    doc.mediaType(), doc.published(), doc.modified(), fetched.fetchedAt(), changed, doc.author(),
                    doc.pages(), profile));
        }
    }

    @Override
    public synchronized void remove(Source source, String url) {
        detachUrl(url, null);
    }

    /** Removes every document of a partnership (or the partnership from shared documents). */
    public synchronized int removePartnership(String partnershipId) {
        refresh();
        int removed = 0;
        List<IndexedDocument> docs;
        while (!(docs = index.byPartnership(partnershipId, 1000)).isEmpty()) {
            for (IndexedDocument d : docs) {
                List<String> rest = d.partnerships().stream().filter(p -> !p.equals(partnershipId)).toList();
                if (rest.isEmpty()) {
                    index.delete(d.id());
                } else {
                    write(withPartnerships(d, d.urls(), rest));
                }
                removed++;
            }
            refresh();
        }
        return removed;
    }

    @Override
    public synchronized void commit() {
        index.commit();
        pending.clear();
        pendingUrl.clear();
        deleted.clear();
    }

    private void refresh() {
        index.refresh();
        pending.clear();
        pendingUrl.clear();
        deleted.clear();
    }

    /** Removes a URL from the documents that list it under another id (its content changed or it is gone). */
    private void detachUrl(String url, String keepId) {
        List<IndexedDocument> holders = new ArrayList<>();
        String pendingId = pendingUrl.get(url);
        if (pendingId != null && pending.containsKey(pendingId)) {
            holders.add(pending.get(pendingId));
        }
        for (IndexedDocument d : index.byUrl(url)) {
            if (!pending.containsKey(d.id()) && !deleted.contains(d.id())) {
                holders.add(d);
            }
        }
        for (IndexedDocument d : holders) {
            if (d.id().equals(keepId) || !d.urls().contains(url)) {
                continue;
            }
            List<String> rest = d.urls().stream().filter(u -> !u.equals(url)).toList();
            if (rest.isEmpty()) {
                index.delete(d.id());
                pending.remove(d.id());
                pendingUrl.remove(url);
                deleted.add(d.id());
            } else {
                // Which partnerships still publish it follows from the remaining URLs only if we knew each URL's
                // partnership; we keep them all, which errs on the side of credit, until the next full recrawl.
                write(withPartnerships(d, rest, d.partnerships()));
            }
        }
    }

    private Optional<IndexedDocument> lookup(String id) {
        IndexedDocument p = pending.get(id);
        if (p != null) {
            return Optional.of(p);
        }
        return deleted.contains(id) ? Optional.empty() : index.get(id);
    }

    private void write(IndexedDocument d) {
        IndexedDocument full = withPartnerships(d, d.urls(), d.partnerships());
        index.put(full);
        deleted.remove(full.id());
        pending.put(full.id(), full);
        full.urls().forEach(u -> pendingUrl.put(u, full.id()));
    }

    /** Recomputes countries and stakeholder types from the publishing partnerships. */
    private IndexedDocument withPartnerships(IndexedDocument d, List<String> urls, List<String> partnerships) {
        Set<String> countries = new LinkedHashSet<>();
        Set<String> stakeholders = new LinkedHashSet<>();
        for (String p : partnerships) {
            sources.apply(p).ifPresent(s -> {
                countries.addAll(s.countries());
                stakeholders.addAll(s.stakeholderTypes());
            });
        }
        return new IndexedDocument(d.id(), urls, partnerships, List.copyOf(countries), List.copyOf(stakeholders),
                d.title(), d.description(), d.text(), d.language(), d.type(), d.mediaType(), d.published(),
                d.modified(), d.fetched(), d.changed(), d.author(), d.pages(), d.profile());
    }

    /** Documents without a title (plain text, untitled PDFs) are shown by their file name, never as a blank line. */
    static String displayTitle(ExtractedDocument doc) {
        if (!doc.title().isBlank()) {
            return doc.title().strip();
        }
        String name;
        try {
            String path = java.net.URI.create(doc.url()).getPath();
            name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            name = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            name = doc.url().substring(doc.url().lastIndexOf('/') + 1);
        }
        name = name.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[-_]+", " ").strip();
        return name.isEmpty() ? doc.url() : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The id of a content: a hash of its normalised text (Unicode NFKC, lower case, whitespace collapsed), so that
     * trivial differences in markup or spacing do not split duplicates. Empty texts are identified by URL.
     */
    static String contentId(ExtractedDocument doc) {
        String norm = Normalizer.normalize(doc.text(), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        if (doc.text().isBlank()) {
            norm = "url:" + doc.url();
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(norm.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
