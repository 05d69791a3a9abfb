package org.sdgsearch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.index.Term;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.IndexedDocument;
import org.sdgsearch.index.LuceneIndex;

/**
 * What is new: documents whose content appeared or changed since a time (the index field {@code changed}, set when a
 * content is first indexed, which after a recrawl means "new or changed"), and per partnership the last time its
 * content changed. Feeds and the freshness report read this.
 */
public final class Changes {

    /** Most entries one call returns. */
    public static final int MAX = 500;

    /**
     * A new or changed document, as a feed entry.
     *
     * @param id           document id
     * @param url          the URL shown to users
     * @param title        title (untrusted text)
     * @param description  description (untrusted text)
     * @param language     ISO 639-1 code or "und"
     * @param type         coarse document type
     * @param partnerships publishing partnership ids
     * @param sdgs         assigned SDGs
     * @param changed      when this content appeared
     * @param published    publication date, or null
     */
    public record ChangedDocument(String id, String url, String title, String description, String language,
                                  String type, List<String> partnerships, List<Integer> sdgs, Instant changed,
                                  Instant published) {
    }

    /**
     * A partnership's freshness.
     *
     * @param partnership  id
     * @param name         display name
     * @param lastChanged  the latest {@code changed} of its documents, or null when it has none
     * @param daysSince    whole days since then, or -1
     * @param stale        not changed for longer than the configured period (or never indexed)
     */
    public record Freshness(String partnership, String name, Instant lastChanged, long daysSince, boolean stale) {
    }

    private final LuceneIndex index;

    public Changes(LuceneIndex index) {
        this.index = index;
    }

    /**
     * Documents changed at or after {@code since}, newest first.
     *
     * @param sdgs         keep documents assigned any of these SDGs (empty: all)
     * @param partnerships keep documents published by any of these partnerships (empty: all)
     */
    public List<ChangedDocument> since(Instant since, List<Integer> sdgs, List<String> partnerships, int max) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        q.add(LongPoint.newRangeQuery(Fields.CHANGED, since.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
        if (!sdgs.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            sdgs.forEach(g -> any.add(new TermQuery(new Term(Fields.SDG, String.valueOf(g))), Occur.SHOULD));
            q.add(any.build(), Occur.FILTER);
        }
        if (!partnerships.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            partnerships.forEach(p -> any.add(new TermQuery(new Term(Fields.PARTNERSHIP, p)), Occur.SHOULD));
            q.add(any.build(), Occur.FILTER);
        }
        List<ChangedDocument> out = new ArrayList<>();
        for (IndexedDocument d : newestFirst(q.build(), Math.max(1, Math.min(max, MAX)))) {
            out.add(new ChangedDocument(d.id(), d.url(), d.title(), d.description(), d.language(), d.type(),
                    d.partnerships(), d.profile().assigned(), d.changed(), d.published()));
        }
        return out;
    }

    /** The last time a partnership's content changed, or null when it has no document. */
    public Instant lastChanged(String partnership) {
        return index.lastChange(partnership);
    }

    /** The freshness of a partnership at {@code now}, stale when unchanged for longer than {@code staleAfter}. */
    public Freshness freshness(String partnership, String name, Instant now, Duration staleAfter) {
        Instant last = lastChanged(partnership);
        long days = last == null ? -1 : Duration.between(last, now).toDays();
        boolean stale = last == null || last.isBefore(now.minus(staleAfter));
        return new Freshness(partnership, name, last, days, stale);
    }

    private static final java.util.Set<String> FEED_FIELDS = java.util.Set.of(Fields.ID, Fields.URL, Fields.TITLE,
            Fields.DESCRIPTION, Fields.LANGUAGE, Fields.TYPE, Fields.PARTNERSHIP, Fields.SDG_PROFILE, Fields.CHANGED,
            Fields.PUBLISHED, Fields.MODIFIED, Fields.FETCHED);

    private List<IndexedDocument> newestFirst(org.apache.lucene.search.Query query, int max) {
        try {
            IndexSearcher s = index.searchers().acquire();
            try {
                TopDocs top = s.search(query, max, new Sort(new SortField(Fields.CHANGED, SortField.Type.LONG, true)));
                List<IndexedDocument> out = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    // Only what a feed entry shows: a full text can be megabytes.
                    out.add(LuceneIndex.fromLucene(s.storedFields().document(sd.doc, FEED_FIELDS)));
                }
                return out;
            } finally {
                index.searchers().release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
