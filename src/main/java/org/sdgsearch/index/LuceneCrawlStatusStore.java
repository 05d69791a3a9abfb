package org.sdgsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.sdgsearch.crawl.CrawlStatus;
import org.sdgsearch.crawl.CrawlStatusStore;
import org.sdgsearch.crawl.UrlRecord;

/**
 * The crawl-status store as a Lucene index of its own (StormCrawler's "the status store is itself an index"): one
 * document per (source, URL), updated in place by id, plus one document per fetched page holding its outlinks.
 *
 * <p>Durability is Lucene's commit: what was committed survives kill -9, the rest is lost as a whole. Reads see
 * uncommitted writes through a small map of records written since the last near-real-time reopen, so the crawler
 * never has to wait for a reopen to learn what it just wrote; the map is bounded by reopening when it grows.
 *
 * <p>All methods are synchronized: the crawler's calls are short and a single lock keeps "read, decide, write"
 * atomic per URL.
 */
public final class LuceneCrawlStatusStore implements CrawlStatusStore {

    // Field names. Only the fields queried or sorted on are indexed; everything else is stored only.
    private static final String ID = "id";               // StringField: source + '\n' + url, the update key
    private static final String KIND = "kind";           // StringField: "url" or "links", so queries skip link docs
    private static final String SOURCE = "source";       // StringField + stored: per-source queries
    private static final String URL = "url";             // stored
    private static final String STATUS = "status";       // StringField + stored: counts and failure lists
    private static final String REASON = "reason";
    private static final String DEPTH = "depth";         // doc values: the frontier is taken breadth-first
    private static final String HTTP = "http";
    private static final String ETAG = "etag";
    private static final String LAST_MODIFIED = "lastModified";
    private static final String HASH = "hash";
    private static final String FETCHED_AT = "fetchedAt"; // doc values: failures newest first
    private static final String NEXT_FETCH = "nextFetch";  // point + doc values: due queries, most overdue first
    private static final String INTERVAL = "interval";
    private static final String FAILURES = "failures";
    private static final String FIRST_SEEN = "firstSeen";
    private static final String LAST_SEEN = "lastSeen";   // point: dropped-from-site queries
    private static final String DURATION = "duration";
    private static final String QUEUED = "queued";       // point: the frontier (0 = not queued)
    private static final String VISITED = "visited";
    private static final String LINKS = "links";         // stored, '\n'-separated

    private static final String KIND_URL = "url";
    private static final String KIND_LINKS = "links";
    /** Reopen the near-real-time reader after this many unreopened writes, to bound {@link #pending}. */
    private static final int MAX_PENDING = 20_000;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Records (or link lists) written since the last reopen, by id; a null value in links means none. */
    private final Map<String, UrlRecord> pending = new HashMap<>();
    private final Map<String, List<String>> pendingLinks = new HashMap<>();
    private boolean stale;

    /**
     * Opens (or creates) the store in {@code dir}, e.g. {@code <dataDir>/crawlstatus}.
     *
     * @throws UncheckedIOException if the directory cannot be opened (a configuration error, not a crawl outcome)
     */
    public LuceneCrawlStatusStore(Path dir) {
        try {
            directory = FSDirectory.open(dir);
            IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(32);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open crawl-status store " + dir, e);
        }
    }

    private static String id(String sourceId, String url) {
        return sourceId + '\n' + url;
    }

    private static String linksId(String sourceId, String url) {
        return "links\n" + sourceId + '\n' + url;
    }

    @Override
    public synchronized Optional<UrlRecord> get(String sourceId, String url) {
        return Optional.ofNullable(read(id(sourceId, url)));
    }

    private UrlRecord read(String id) {
        UrlRecord p = pending.get(id);
        if (p != null) {
            return p;
        }
        Document d = findStored(id);
        return d == null ? null : toRecord(d);
    }

    private Document findStored(String id) {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(ID, id)), 1);
            return top.scoreDocs.length == 0 ? null : s.storedFields().document(top.scoreDocs[0].doc);
        });
    }

    @Override
    public synchronized UrlRecord update(String sourceId, String url, UnaryOperator<UrlRecord> change) {
        UrlRecord current = read(id(sourceId, url));
        UrlRecord next = change.apply(current);
        if (next == null || next == current) {
            return current;
        }
        write(next);
        return next;
    }

    @Override
    public synchronized void put(UrlRecord record) {
        write(record);
    }

    private void write(UrlRecord r) {
        String id = id(r.sourceId(), r.url());
        try {
            writer.updateDocument(new Term(ID, id), toDocument(id, r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.put(id, r);
        written();
    }

    private void written() {
        stale = true;
        if (pending.size() + pendingLinks.size() >= MAX_PENDING) {
            refresh();
        }
    }

    @Override
    public synchronized void putLinks(String sourceId, String url, List<String> links) {
        String id = linksId(sourceId, url);
        Document d = new Document();
        d.add(new StringField(ID, id, Field.Store.NO));
        d.add(new StringField(KIND, KIND_LINKS, Field.Store.NO));
        d.add(new StringField(SOURCE, sourceId, Field.Store.NO));
        d.add(new StoredField(LINKS, String.join("\n", links)));
        try {
            writer.updateDocument(new Term(ID, id), d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pendingLinks.put(id, List.copyOf(links));
        written();
    }

    @Override
    public synchronized List<String> links(String sourceId, String url) {
        String id = linksId(sourceId, url);
        List<String> p = pendingLinks.get(id);
        if (p != null) {
            return p;
        }
        Document d = findStored(id);
        String s = d == null ? null : d.get(LINKS);
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    @Override
    public synchronized List<UrlRecord> queued(String sourceId, Instant crawlStart, int limit) {
        Query q = bool(urlsOf(sourceId), LongPoint.newRangeQuery(QUEUED, 1, crawlStart.toEpochMilli()));
        return search(q, new Sort(new SortField(DEPTH, SortField.Type.INT)), limit);
    }

    @Override
    public synchronized List<UrlRecord> due(String sourceId, Instant now, int limit) {
        Query q = bool(urlsOf(sourceId), LongPoint.newRangeQuery(NEXT_FETCH, Long.MIN_VALUE, now.toEpochMilli()),
                statusIn(CrawlStatus.FETCHED, CrawlStatus.NOT_MODIFIED, CrawlStatus.ERROR, CrawlStatus.REDIRECTED,
                        CrawlStatus.DISALLOWED));
        return search(q, new Sort(new SortField(NEXT_FETCH, SortField.Type.LONG)), limit);
    }

    @Override
    public synchronized List<UrlRecord> indexedNotSeenSince(String sourceId, Instant since, int limit) {
        Query q = bool(urlsOf(sourceId), LongPoint.newRangeQuery(LAST_SEEN, Long.MIN_VALUE, since.toEpochMilli() - 1),
                statusIn(CrawlStatus.FETCHED, CrawlStatus.NOT_MODIFIED, CrawlStatus.ERROR));
        return search(q, Sort.INDEXORDER, limit);
    }

    @Override
    public synchronized List<UrlRecord> failures(String sourceId, int limit) {
        Query q = bool(urlsOf(sourceId), new TermQuery(new Term(STATUS, CrawlStatus.ERROR.name())));
        return search(q, new Sort(new SortField(FETCHED_AT, SortField.Type.LONG, true)), limit);
    }

    @Override
    public synchronized Map<CrawlStatus, Long> counts(String sourceId) {
        refreshIfStale();
        Map<CrawlStatus, Long> counts = new EnumMap<>(CrawlStatus.class);
        for (CrawlStatus status : CrawlStatus.values()) {
            long n = withSearcher(s -> (long) s.count(bool(urlsOf(sourceId),
                    new TermQuery(new Term(STATUS, status.name())))));
            if (n > 0) {
                counts.put(status, n);
            }
        }
        return counts;
    }

    @Override
    public synchronized void forEach(String sourceId, Consumer<UrlRecord> action) {
        refreshIfStale();
        // Collect doc ids first, then load: the consumer may write to the store, which must not happen mid-search.
        List<UrlRecord> batch = new ArrayList<>();
        withSearcher(s -> {
            s.search(urlsOf(sourceId), new SimpleCollector() {
                private StoredFields stored;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    stored = context.reader().storedFields();
                }

                @Override
                public void collect(int doc) throws IOException {
                    batch.add(toRecord(stored.document(doc)));
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            return null;
        });
        batch.forEach(action);
    }

    @Override
    public synchronized void deleteSource(String sourceId) {
        try {
            writer.deleteDocuments(new Term(SOURCE, sourceId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.keySet().removeIf(id -> id.startsWith(sourceId + '\n'));
        pendingLinks.keySet().removeIf(id -> id.startsWith("links\n" + sourceId + '\n'));
        // Reads by URL go to the reader, not only to pending writes: refresh now so a source re-added under the
        // same id does not see its deleted records.
        refresh();
    }

    @Override
    public synchronized void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- queries ---

    private static Query urlsOf(String sourceId) {
        return bool(new TermQuery(new Term(SOURCE, sourceId)), new TermQuery(new Term(KIND, KIND_URL)));
    }

    private static Query statusIn(CrawlStatus... statuses) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (CrawlStatus s : statuses) {
            b.add(new TermQuery(new Term(STATUS, s.name())), Occur.SHOULD);
        }
        return b.build();
    }

    private static Query bool(Query... musts) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query q : musts) {
            b.add(q, Occur.FILTER);
        }
        return b.build();
    }

    private List<UrlRecord> search(Query q, Sort sort, int limit) {
        refreshIfStale();
        return withSearcher(s -> {
            TopDocs top = s.search(q, Math.max(1, limit), sort);
            List<UrlRecord> out = new ArrayList<>(top.scoreDocs.length);
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(toRecord(stored.document(sd.doc)));
            }
            return out;
        });
    }

    private void refreshIfStale() {
        if (stale) {
            refresh();
        }
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
        pendingLinks.clear();
        stale = false;
    }

    private interface SearchFn<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearchFn<T> fn) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return fn.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- mapping ---

    private static Document toDocument(String id, UrlRecord r) {
        Document d = new Document();
        d.add(new StringField(ID, id, Field.Store.NO));
        d.add(new StringField(KIND, KIND_URL, Field.Store.NO));
        d.add(new StringField(SOURCE, r.sourceId(), Field.Store.YES));
        d.add(new StoredField(URL, r.url()));
        d.add(new StringField(STATUS, r.status().name(), Field.Store.YES));
        if (!r.reason().isEmpty()) {
            d.add(new StoredField(REASON, r.reason()));
        }
        d.add(new StoredField(DEPTH, r.depth()));
        d.add(new NumericDocValuesField(DEPTH, r.depth()));
        d.add(new StoredField(HTTP, r.httpStatus()));
        storeString(d, ETAG, r.etag());
        storeString(d, LAST_MODIFIED, r.lastModified());
        storeString(d, HASH, r.contentHash());
        long fetched = millis(r.fetchedAt());
        d.add(new StoredField(FETCHED_AT, fetched));
        d.add(new NumericDocValuesField(FETCHED_AT, fetched));
        long next = r.nextFetchAt() == null ? Long.MAX_VALUE : r.nextFetchAt().toEpochMilli();
        d.add(new LongPoint(NEXT_FETCH, next));
        d.add(new NumericDocValuesField(NEXT_FETCH, next));
        d.add(new StoredField(NEXT_FETCH, next));
        d.add(new StoredField(INTERVAL, r.interval().toMillis()));
        d.add(new StoredField(FAILURES, r.failures()));
        d.add(new StoredField(FIRST_SEEN, millis(r.firstSeen())));
        long seen = millis(r.lastSeen());
        d.add(new LongPoint(LAST_SEEN, seen));
        d.add(new StoredField(LAST_SEEN, seen));
        d.add(new StoredField(DURATION, r.fetchDuration() == null ? -1 : r.fetchDuration().toMillis()));
        // Instant.EPOCH means "queued, no restriction"; stored as 1 so that 0 keeps meaning "not queued".
        long queued = r.queuedFrom() == null ? 0 : Math.max(1, r.queuedFrom().toEpochMilli());
        d.add(new LongPoint(QUEUED, queued));
        d.add(new StoredField(QUEUED, queued));
        d.add(new StoredField(VISITED, millis(r.visitedAt())));
        return d;
    }

    private static UrlRecord toRecord(Document d) {
        long next = num(d, NEXT_FETCH);
        long queued = num(d, QUEUED);
        long duration = num(d, DURATION);
        return new UrlRecord(d.get(SOURCE), d.get(URL), CrawlStatus.valueOf(d.get(STATUS)), d.get(REASON),
                (int) num(d, DEPTH), (int) num(d, HTTP), d.get(ETAG), d.get(LAST_MODIFIED), d.get(HASH),
                instant(num(d, FETCHED_AT)), next == Long.MAX_VALUE ? null : Instant.ofEpochMilli(next),
                Duration.ofMillis(num(d, INTERVAL)), (int) num(d, FAILURES), instant(num(d, FIRST_SEEN)),
                instant(num(d, LAST_SEEN)), duration < 0 ? null : Duration.ofMillis(duration),
                queued == 0 ? null : (queued == 1 ? Instant.EPOCH : Instant.ofEpochMilli(queued)),
                instant(num(d, VISITED)));
    }

    private static void storeString(Document d, String field, String value) {
        if (value != null) {
            d.add(new StoredField(field, value));
        }
    }

    private static long millis(Instant i) {
        return i == null ? Long.MIN_VALUE : i.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis);
    }

    private static long num(Document d, String field) {
        var f = d.getField(field);
        return f == null || f.numericValue() == null ? 0 : f.numericValue().longValue();
    }
}
