package org.sdgsearch.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.classify.SdgScore;

/**
 * The embedded Lucene document index: one writer, near-real-time searchers, commits that carry the schema
 * fingerprint. Documents are replaced by id ({@code updateDocument}), so re-indexing is idempotent.
 */
public final class LuceneIndex implements DocumentIndex, Closeable {

    /** Commit user-data key holding the schema fingerprint the index was built with. */
    static final String SCHEMA_KEY = "sdgsearch.schema";
    private static final Logger LOG = Logger.getLogger(LuceneIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final FieldType TEXT_WITH_OFFSETS = offsets(TextField.TYPE_NOT_STORED);
    private static final FieldType TEXT_WITH_OFFSETS_STORED = offsets(TextField.TYPE_STORED);

    private final IndexSchema schema;
    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facetsConfig;
    private final SnapshotDeletionPolicy snapshots;

    /**
     * Opens (or creates) the index under {@code path}.
     *
     * @throws IllegalStateException when the index was built with another schema
     */
    public LuceneIndex(Path path, IndexSchema schema) {
        this.schema = schema;
        this.path = path;
        try {
            Files.createDirectories(path);
            this.directory = FSDirectory.open(path);
            if (DirectoryReader.indexExists(directory)) {
                String built = SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA_KEY);
                if (!schema.fingerprint().equals(built)) {
                    directory.close();
                    throw new IllegalStateException("The index at " + path + " was built with a different index"
                            + " schema (fingerprint " + built + ", index-schema/schema.yaml now has "
                            + schema.fingerprint() + "). Move the data directory away to re-index, or restore the"
                            + " schema file it was built with.");
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(Analyzers.writer(schema));
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(64);
            config.setCommitOnClose(true);
            // Lets a backup pin a commit point while the writer goes on committing.
            this.snapshots = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
            config.setIndexDeletionPolicy(snapshots);
            this.writer = new IndexWriter(directory, config);
            this.facetsConfig = new FacetsConfig();
            for (String dim : schema.facetFields()) {
                facetsConfig.setMultiValued(dim, schema.field(dim).multiValued());
                facetsConfig.setIndexFieldName(dim, Fields.facet(dim));
            }
            if (writer.getLiveCommitData() == null || !writer.getLiveCommitData().iterator().hasNext()) {
                commit();
            }
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index at " + path, e);
        }
    }

    private static FieldType offsets(FieldType base) {
        FieldType t = new FieldType(base);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }

    /** The schema the index is built from. */
    public IndexSchema schema() {
        return schema;
    }

    /** Where the index lives. */
    @Override
    public Path path() {
        return path;
    }

    /** Near-real-time searchers; acquire and release around each use. */
    public SearcherManager searchers() {
        return searchers;
    }

    /** The facet configuration (dimension names are the facet fields of the schema). */
    public FacetsConfig facetsConfig() {
        return facetsConfig;
    }

    /** Adds or replaces the document with the same id. */
    @Override
    public void put(IndexedDocument doc) {
        Analyzers.documentLanguage(doc.language());
        try {
            writer.updateDocument(new Term(Fields.ID, doc.id()), facetsConfig.build(toLucene(doc)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Analyzers.documentLanguage(null);
        }
    }

    /** Deletes the document with this id, if any. */
    @Override
    public void delete(String id) {
        try {
            writer.deleteDocuments(new Term(Fields.ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes all changes durable (they survive kill -9) and visible to new searches. */
    @Override
    public void commit() {
        try {
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, schema.fingerprint()).entrySet());
            writer.commit();
            if (searchers != null) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes changes visible to searches without the cost of a durable commit. */
    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document with this id, as of the last refresh. */
    @Override
    public Optional<IndexedDocument> get(String id) {
        List<IndexedDocument> docs = find(new Term(Fields.ID, id), 1);
        return docs.isEmpty() ? Optional.empty() : Optional.of(docs.get(0));
    }

    /** Documents that list this URL, as of the last refresh. */
    @Override
    public List<IndexedDocument> byUrl(String url) {
        return find(new Term(Fields.URL, url), 10);
    }

    /** Documents published by this partnership (at most {@code max}), as of the last refresh. */
    @Override
    public List<IndexedDocument> byPartnership(String partnership, int max) {
        return find(new Term(Fields.PARTNERSHIP, partnership), max);
    }

    /** When the newest content of a partnership appeared or changed, or null when it has no documents. */
    @Override
    public Instant lastChange(String partnership) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                org.apache.lucene.search.Sort newest = new org.apache.lucene.search.Sort(
                        new org.apache.lucene.search.SortField(Fields.CHANGED, org.apache.lucene.search.SortField.Type.LONG, true));
                TopDocs top = s.search(new TermQuery(new Term(Fields.PARTNERSHIP, partnership)), 1, newest);
                if (top.scoreDocs.length == 0) {
                    return null;
                }
                return instant(s.storedFields().document(top.scoreDocs[0].doc, java.util.Set.of(Fields.CHANGED)),
                        Fields.CHANGED);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of documents visible to searches. */
    @Override
    public int count() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the writer is open and usable (for readiness checks). */
    @Override
    public boolean isWritable() {
        return writer.isOpen() && writer.getTragicException() == null;
    }

    private List<IndexedDocument> find(Term term, int max) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(new TermQuery(term), max);
                List<IndexedDocument> out = new ArrayList<>();
                for (var sd : top.scoreDocs) {
                    out.add(fromLucene(s.storedFields().document(sd.doc)));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Field choices follow index-schema/schema.yaml; the reasons are written there, next to each field.
    private Document toLucene(IndexedDocument d) {
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, d.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(d.id())));
        d.urls().forEach(u -> doc.add(new StringField(Fields.URL, u, Field.Store.YES)));
        keywordFacet(doc, Fields.PARTNERSHIP, d.partnerships());
        text(doc, Fields.TITLE, d.title(), d.language(), true);
        text(doc, Fields.DESCRIPTION, d.description(), d.language(), true);
        text(doc, Fields.TEXT, d.text(), d.language(), true);
        keywordFacet(doc, Fields.LANGUAGE, List.of(d.language()));
        keywordFacet(doc, Fields.TYPE, List.of(d.type()));
        doc.add(new StoredField(Fields.MEDIA_TYPE, nz(d.mediaType())));
        keywordFacet(doc, Fields.COUNTRY, d.countries());
        keywordFacet(doc, Fields.STAKEHOLDER, d.stakeholderTypes());
        keywordFacet(doc, Fields.SDG, d.profile().assigned().stream().map(String::valueOf).toList());
        for (SdgScore s : d.profile().scores()) {
            doc.add(new FloatDocValuesField(Fields.sdgScore(s.sdg()), (float) s.score()));
        }
        doc.add(new StoredField(Fields.SDG_PROFILE, json(d.profile())));
        int year = d.year();
        doc.add(new IntPoint(Fields.YEAR, year));
        doc.add(new StoredField(Fields.YEAR, year));
        doc.add(new NumericDocValuesField(Fields.YEAR, year));
        doc.add(new SortedSetDocValuesFacetField(Fields.YEAR, String.valueOf(year)));
        // Sorting and the freshness boost need a date for every document: fall back to modified, then fetched.
        Instant sortDate = d.published() != null ? d.published() : d.modified() != null ? d.modified() : d.fetched();
        doc.add(new LongPoint(Fields.PUBLISHED, sortDate.toEpochMilli()));
        doc.add(new NumericDocValuesField(Fields.PUBLISHED, sortDate.toEpochMilli()));
        if (d.published() != null) {
            doc.add(new StoredField(Fields.PUBLISHED, d.published().toEpochMilli()));
        }
        date(doc, Fields.MODIFIED, d.modified(), false);
        date(doc, Fields.FETCHED, d.fetched(), true);
        date(doc, Fields.CHANGED, d.changed(), true);
        if (d.author() != null) {
            doc.add(new StoredField(Fields.AUTHOR, d.author()));
        }
        // Where each page lies in the text, not a second copy of it (half of a PDF's stored bytes before).
        PageSpans.Encoded pages = PageSpans.encode(d.text(), d.pages());
        if (pages.spans() != null) {
            doc.add(new StoredField(Fields.PAGES, pages.spans()));
            pages.verbatim().forEach(p -> doc.add(new StoredField(Fields.PAGE_TEXTS, p)));
        }
        doc.add(new TextField(Fields.SUGGEST, d.title(), Field.Store.NO));
        return doc;
    }

    private void text(Document doc, String field, String value, String language, boolean stored) {
        if (schema.field(field).offsets()) {
            doc.add(new Field(field, value, stored ? TEXT_WITH_OFFSETS_STORED : TEXT_WITH_OFFSETS));
        } else {
            doc.add(new TextField(field, value, stored ? Field.Store.YES : Field.Store.NO));
        }
        if (schema.field(field).analyzer() != null && schema.field(field).analyzer().equals("per-language")) {
            // Analysed with the document's language by the writer's analyzer (see Analyzers.writer), the neutral
            // analyzer for a language without one. Every document has the field, so its norms are dense: sparse
            // norms cost a search on every scored document (14 % of the search time at 1,000,000 documents).
            doc.add(new TextField(Fields.stem(field), value, Field.Store.NO));
        }
    }

    private static void keywordFacet(Document doc, String field, List<String> values) {
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                continue;
            }
            doc.add(new StringField(field, v, Field.Store.YES));
            doc.add(new SortedSetDocValuesFacetField(field, v));
        }
    }

    private static void date(Document doc, String field, Instant t, boolean indexed) {
        if (t == null) {
            return;
        }
        long ms = t.toEpochMilli();
        doc.add(new StoredField(field, ms));
        if (indexed) {
            doc.add(new LongPoint(field, ms));
            doc.add(new NumericDocValuesField(field, ms));
        }
    }

    /** Rebuilds our record from stored fields (also used by the search package for hits). */
    public static IndexedDocument fromLucene(Document doc) {
        return new IndexedDocument(doc.get(Fields.ID), values(doc, Fields.URL), values(doc, Fields.PARTNERSHIP),
                values(doc, Fields.COUNTRY), values(doc, Fields.STAKEHOLDER), nz(doc.get(Fields.TITLE)),
                nz(doc.get(Fields.DESCRIPTION)), nz(doc.get(Fields.TEXT)), nz(doc.get(Fields.LANGUAGE)),
                nz(doc.get(Fields.TYPE)), doc.get(Fields.MEDIA_TYPE), instant(doc, Fields.PUBLISHED),
                instant(doc, Fields.MODIFIED), instant(doc, Fields.FETCHED), instant(doc, Fields.CHANGED),
                doc.get(Fields.AUTHOR), pages(doc), profile(doc.get(Fields.SDG_PROFILE)));
    }

    /** The page texts, cut from the stored text (none when the text or the spans were not loaded). */
    private static List<String> pages(Document doc) {
        String text = doc.get(Fields.TEXT);
        BytesRef spans = doc.getBinaryValue(Fields.PAGES);
        if (text == null || spans == null) {
            return List.of();
        }
        try {
            return PageSpans.decode(text, spans, values(doc, Fields.PAGE_TEXTS));
        } catch (IllegalArgumentException e) {
            // Spans that do not fit the text: the text is intact and the pages only say where its parts are.
            LOG.warnf("Document %s: %s; its pages are left out", doc.get(Fields.ID), e.getMessage());
            return List.of();
        }
    }

    /** Parses a stored SDG profile. */
    public static SdgProfile profile(String json) {
        if (json == null) {
            return SdgProfile.empty("not classified");
        }
        try {
            return JSON.readValue(json, SdgProfile.class);
        } catch (JsonProcessingException e) {
            return SdgProfile.empty("unreadable profile");
        }
    }

    private static String json(SdgProfile p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> values(Document doc, String field) {
        List<String> out = new ArrayList<>();
        for (IndexableField f : doc.getFields(field)) {
            if (f.stringValue() != null) {
                out.add(f.stringValue());
            }
        }
        return out;
    }

    private static Instant instant(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? null : Instant.ofEpochMilli(f.numericValue().longValue());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws IOException {
        try {
            if (writer.isOpen()) {
                commit();
            }
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }

    /** Writes a consistent copy of the last commit to {@code target} while the index keeps serving and writing. */
    public Map<String, Long> snapshot(Path target) throws IOException {
        commit();
        Map<String, Long> files = new HashMap<>();
        IndexCommit commit = snapshots.snapshot();
        try {
            Files.createDirectories(target);
            try (Directory dest = FSDirectory.open(target)) {
                for (String name : commit.getFileNames()) {
                    dest.copyFrom(directory, name, name, org.apache.lucene.store.IOContext.DEFAULT);
                    files.put(name, directory.fileLength(name));
                }
            }
        } finally {
            snapshots.release(commit);
        }
        return files;
    }
}
