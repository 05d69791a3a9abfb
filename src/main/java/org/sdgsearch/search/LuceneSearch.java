package org.sdgsearch.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import java.util.Collection;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.sortedset.ConcurrentSortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SearcherLifetimeManager;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.ThreadInterruptedException;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.document.IntPoint;
import org.sdgsearch.index.Analyzers;
import org.sdgsearch.index.Fields;
import org.sdgsearch.index.IndexedDocument;
import org.sdgsearch.index.LuceneIndex;
import org.sdgsearch.search.SearchResult.FacetValue;
import org.sdgsearch.search.SearchResult.Hit;

/**
 * Search over the embedded Lucene index: BM25 with title and description boosts, stemmed sub-fields, the selected
 * SDGs' scores and a mild freshness as boosts, drill-sideways facets, escaped highlighting, suggestions, spelling
 * and related documents.
 */
public final class LuceneSearch implements SearchService {

    /** Facet dimensions offered to users, in display order. */
    public static final List<String> DIMENSIONS = List.of(Fields.SDG, Fields.PARTNERSHIP, Fields.LANGUAGE,
            Fields.TYPE, Fields.COUNTRY, Fields.YEAR);
    /** The dimensions with one value per document (index-schema: not multi-valued). */
    private static final Set<String> SINGLE_VALUED = Set.of(Fields.LANGUAGE, Fields.TYPE, Fields.YEAR);
    /** Deepest result we page to; deeper pages cost memory for no user benefit. */
    public static final int MAX_WINDOW = 10_000;
    private static final int FACET_TOP = 50;
    /**
     * Characters of a document's text the highlighter looks at (as Solr's hl.maxAnalyzedChars): bounds the work for
     * long PDFs when it must re-analyse (prefix queries); later matches are not highlighted.
     */
    static final int HIGHLIGHT_MAX_CHARS = 50_000;
    /** The stored fields a hit needs. */
    private static final Set<String> HIT_FIELDS = Set.of(Fields.ID, Fields.TITLE, Fields.URL, Fields.PARTNERSHIP,
            Fields.DESCRIPTION, Fields.LANGUAGE, Fields.TYPE, Fields.YEAR, Fields.SDG);

    private static final PassageScoring PASSAGE_SCORING = new PassageScoring();

    private static final Map<String, Float> FIELD_BOOSTS = Map.of(Fields.TITLE, 3f, Fields.DESCRIPTION, 2f,
            Fields.TEXT, 1f);

    static {
        // Every word is searched in 3 fields x up to 7 analyses and counted twice (all-words and any-word clauses), and
        // Lucene 9 counts every leaf: 32 words and a few bounded prefixes stay far below this.
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 16_384));
    }

    private final LuceneIndex index;
    private final Analyzer analyzer;
    private final Analyzer neutral = Analyzers.neutral();
    /** Each language's analyzer, for the words searched in the stemmed sub-fields. */
    private final Map<String, Analyzer> stemAnalyzers;
    private final Supplier<Map<String, String>> partnershipNames;
    private final DirectSpellChecker spell = new DirectSpellChecker();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Requests in flight up to which each one searches on all cores (with one core: never). */
    private volatile int parallelUpTo = CORES / 2;
    private volatile boolean scoreEveryHit;
    /** Threads that search the slices and count the segments of a request while cores are idle; null on one core. */
    private final ExecutorService parallel;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Searches that run at once, the others waiting their turn in arrival order, as Elasticsearch's search thread
     * pool queues them. With every search running at once, each shares the cores with all the others, and a long one
     * takes as many times longer as there are searches: 8 clients on 2 cores measured p99 116-141 ms; one search per
     * core and one more (so that a core does not idle while a search waits for the disk) measured 89-96 ms, at the
     * same throughput.
     */
    private volatile Semaphore running = new Semaphore(CORES + 1, true);
    /** Per-segment bit sets of the values of dimensions with few values, for counting them. */
    private final ValueBitsets bitsets;
    private final DocOrdinals ordinals;
    /** Per-segment one-byte value codes of the single-valued dimensions, for counting them in one pass. */
    private final ValueCodes codes;
    /** Each segment's publication days and selected SDGs' scores on the heap, for the boosts of scored documents. */
    private final RankBoosts.Tables boostTables;
    private volatile StateCache stateCache;
    /** The facet states of the last few index views, most recently used last (guarded by this). */
    private final Map<Object, StateCache> recentStates = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, StateCache> eldest) {
            return size() > 4;
        }
    };
    /** Index views (points in time) that cursors continue in. */
    private final SearcherLifetimeManager views = new SearcherLifetimeManager();
    private volatile long lastPrune = System.nanoTime();
    /** How long an index view stays available to cursors after a newer one replaced it. */
    static final double VIEW_KEEP_SECONDS = 600;

    /**
     * What is kept per index view: the facet states, the whole-index counts of the catalogue pages (they change
     * only when the view does), and the fields of all segments (the highlighter merged them on every request).
     */
    private record StateCache(Object key, Map<String, SortedSetDocValuesReaderState> states,
                              Map<String, Map<String, Long>> wholeIndexCounts, FieldInfos fieldInfos) {
    }

    /**
     * @param index            the index to search
     * @param partnershipNames partnership id → display name, for suggestions
     */
    public LuceneSearch(LuceneIndex index, Supplier<Map<String, String>> partnershipNames) {
        this.index = index;
        this.analyzer = Analyzers.perField(index.schema());
        this.stemAnalyzers = Analyzers.languages(index.schema());
        this.partnershipNames = partnershipNames;
        this.bitsets = new ValueBitsets(index.facetsConfig());
        this.ordinals = new DocOrdinals(index.facetsConfig());
        this.codes = new ValueCodes(bitsets);
        this.boostTables = new RankBoosts.Tables();
        AtomicInteger threads = new AtomicInteger();
        // A full queue runs the task on the caller's thread (Lucene's TaskExecutor does so on rejection).
        this.parallel = CORES < 2 ? null : new ThreadPoolExecutor(CORES, CORES, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "sdg-search-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public SearchResult search(SearchRequest request) {
        long start = System.nanoTime();
        UserQuery uq = UserQuery.parse(request.query());
        List<String> notices = new ArrayList<>(uq.notices());
        Map<String, List<String>> selected = selections(request, uq);
        Integer yearFrom = request.yearFrom() != null ? request.yearFrom() : uq.yearFrom();
        Integer yearTo = request.yearTo() != null ? request.yearTo() : uq.yearTo();

        BooleanQuery.Builder base = new BooleanQuery.Builder();
        // The word groups searched, once for the query and the highlighter.
        List<List<UserQuery.Part>> words = uq.hasTerms() ? searched(uq) : List.of();
        Query textQuery = uq.hasTerms() ? textQuery(words, request.allWords()) : new MatchAllDocsQuery();
        base.add(textQuery, Occur.MUST);
        for (UserQuery.Part p : uq.excluded()) {
            base.add(partQuery(p), Occur.MUST_NOT);
        }
        if (yearFrom != null || yearTo != null) {
            base.add(IntPoint.newRangeQuery(Fields.YEAR, yearFrom == null ? Integer.MIN_VALUE : yearFrom,
                    yearTo == null ? Integer.MAX_VALUE : yearTo), Occur.FILTER);
        }
        Query query = base.build();
        List<Integer> sdgs = selected.getOrDefault(Fields.SDG, List.of()).stream().map(Integer::valueOf).toList();
        Cursor cursor = request.cursor();
        SearchRequest.Sort order = SearchRequest.effectiveSort(request.sort(), uq.hasTerms());
        boolean byDate = order == SearchRequest.Sort.DATE;
        if (cursor != null && !cursor.isStart() && cursor.sort() != order) {
            cursor = Cursor.START; // the API refuses this; a direct caller gets the first page
        }
        // A cursor keeps the clock of its first page, so the freshness boost and every score stay the same.
        long now = cursor != null && !cursor.isStart() ? cursor.now() : System.currentTimeMillis();
        // boostByValue multiplies BM25 by the boosts; the plain constructor would replace relevance with them.
        RankBoosts boosts = new RankBoosts(sdgs, now, boostTables);

        int page = cursor != null ? 0 : Math.max(1, request.page());
        int size = Math.max(1, Math.min(SearchRequest.MAX_SIZE, request.size()));
        // long arithmetic: the API bounds the page, but a caller of this class may not
        int topN = cursor != null ? size : (int) Math.min(MAX_WINDOW, (long) page * size);
        int from = cursor != null ? 0 : (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size);
        Sort sort;
        FieldDoc after = null;
        SortField newest = new SortField(Fields.PUBLISHED, SortField.Type.LONG, true);
        if (cursor != null) {
            // The unique id as the last sort key makes the order total, so a cursor names one exact position.
            SortField id = new SortField(Fields.ID, SortField.Type.STRING);
            sort = byDate ? new Sort(newest, SortField.FIELD_SCORE, id) : new Sort(SortField.FIELD_SCORE, id);
            if (!cursor.isStart()) {
                BytesRef lastId = new BytesRef(cursor.id());
                after = new FieldDoc(Integer.MAX_VALUE, cursor.score(), byDate
                        ? new Object[] {cursor.published(), cursor.score(), lastId}
                        : new Object[] {cursor.score(), lastId});
            }
        } else {
            sort = byDate ? new Sort(newest, SortField.FIELD_SCORE) : null;
        }
        try {
            IndexSearcher searcher = null;
            boolean pinnedView = false;
            if (cursor != null && !cursor.isStart() && cursor.view() >= 0) {
                searcher = views.acquire(cursor.view());
                pinnedView = searcher != null;
            }
            if (searcher == null) {
                searcher = index.searchers().acquire();
            }
            IndexSearcher acquired = searcher;
            Semaphore turn = running;
            // Counted while it waits too: a search is alone only when no other is running or waiting.
            inFlight.incrementAndGet();
            turn.acquireUninterruptibly();
            // While cores are idle, one request searches and counts its segments on all of them; under load each
            // request keeps to one core, which gives the most requests per second.
            boolean alone = inFlight.get() <= parallelUpTo;
            try {
                ExecutorService pool = alone ? parallel : null;
                if (pool != null) {
                    searcher = new SlicedSearcher(acquired.getIndexReader(), pool);
                }
                IndexReader reader = searcher.getIndexReader();
                Map<String, SortedSetDocValuesReaderState> states = states(reader);
                // 1. Which documents match, as bit sets: the hits, and for each selected dimension the hits
                // without its own selection (the drill-sideways counts), all in one term-at-a-time pass.
                // The words are rewritten once (a prefix enumerates its terms), for matching and for scoring.
                Query text = searcher.rewrite(textQuery);
                BooleanQuery.Builder withText = new BooleanQuery.Builder();
                for (BooleanClause c : ((BooleanQuery) query).clauses()) {
                    withText.add(c.getQuery() == textQuery ? text : c.getQuery(), c.getOccur());
                }
                Query rewritten = searcher.rewrite(withText.build());
                SharedTermStates terms = SharedTermStates.prepare(searcher, List.of(rewritten, text));
                Query scored = terms.apply(text);
                Matched m = matchAndCount(searcher, terms, terms.apply(rewritten), selected, states, pool);
                MatchSets.SetQuery matched = new MatchSets.SetQuery(m.hits());
                Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
                for (String dim : DIMENSIONS) {
                    if (m.counts().containsKey(dim)) {
                        facets.put(dim, facetValues(m.counts().get(dim), dim, selected.getOrDefault(dim, List.of())));
                    }
                }
                if (!facets.containsKey(Fields.SDG)) {
                    facets.put(Fields.SDG, facetValues(null, Fields.SDG, List.of()));
                }
                // 3. Scores only for the documents that can reach the page.
                TopDocs top;
                if (sort == null) {
                    top = topByRelevance(searcher, scored, matched, m.allWords(), boosts, topN);
                } else {
                    // The unique id ends the sort, so the position of a cursor never falls back to the doc number;
                    // Lucene only wants a number within the index.
                    FieldDoc position = after == null || reader.maxDoc() == 0 ? null
                            : new FieldDoc(reader.maxDoc() - 1, after.score, after.fields);
                    top = searcher.searchAfter(position, FunctionScoreQuery.boostByValue(filtered(scored, matched),
                            boosts), topN, sort, true);
                }
                List<Hit> hits = hits(searcher, top, from, size, uq.hasTerms() ? highlightQuery(words) : query,
                        request.highlight(), pool);
                long total = m.total();
                String didYouMean = total < 3 && uq.hasTerms() ? didYouMean(searcher.getIndexReader(), uq) : null;
                String next = null;
                if (cursor == null && from >= MAX_WINDOW) {
                    notices.add("Results beyond the first " + MAX_WINDOW + " are not shown; narrow the search "
                            + "or page with a cursor.");
                }
                if (cursor != null && top.scoreDocs.length == size) {
                    FieldDoc last = (FieldDoc) top.scoreDocs[size - 1];
                    Object[] v = last.fields;
                    BytesRef lastId = (BytesRef) v[v.length - 1];
                    next = new Cursor(order, now,
                            pin(acquired), (Float) v[v.length - 2], byDate ? (Long) v[0] : 0L,
                            lastId.utf8ToString()).encode();
                }
                return new SearchResult(total, page, size, hits, facets, didYouMean, notices,
                        (System.nanoTime() - start) / 1_000_000, next);
            } finally {
                inFlight.decrementAndGet();
                turn.release();
                if (pinnedView) {
                    views.release(acquired);
                } else {
                    index.searchers().release(acquired);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IndexSearcher.TooManyClauses e) {
            // Bounded parts and prefix rewrites keep queries below the raised clause limit; a user must never see a 500.
            return new SearchResult(0, page, size, List.of(), Map.of(Fields.SDG, facetValues(null, Fields.SDG,
                    List.of())), null, List.of("The query is too complex; use fewer words."), 0, null);
        }
    }

    /**
     * The matching documents of one request, per leaf of the searched reader (by leaf ord), and their facet counts.
     *
     * @param hits   the hits: the query and every selected facet value (OR within a dimension, AND across them)
     * @param counts per shown dimension, its counts over the hits, or for a selected dimension over the hits without
     *               that dimension's own selection (what Lucene's drill sideways counts: selecting SDG 6 still shows
     *               what SDG 3 would add)
     * @param allWords the hits with every word group of an all-words-first query (null without one)
     */
    private record Matched(FixedBitSet[] hits, FixedBitSet[] allWords, long total, Map<String, Facets> counts) {
    }

    /** What one slice of segments found: its term statistics, hits and counts per shown dimension (null: uncached). */
    private record SliceResult(List<long[]> termStats, long total, List<Map<String, Long>> counts) {
    }

    /**
     * Looks the request's terms up, computes the match sets and counts the facets, in one pass per slice of
     * segments: on all cores when the searcher has a pool, with one hand-over per slice.
     *
     * @param query the rewritten query, its terms carrying {@code terms}' states
     */
    private Matched matchAndCount(IndexSearcher searcher, SharedTermStates terms, Query query,
                                  Map<String, List<String>> selected,
                                  Map<String, SortedSetDocValuesReaderState> states, ExecutorService pool)
            throws IOException {
        List<String> dims = new ArrayList<>();
        List<Query> filters = new ArrayList<>();
        selected.forEach((dim, values) -> {
            if (!values.isEmpty()) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                String field = index.facetsConfig().getDimConfig(dim).indexFieldName;
                values.forEach(v -> any.add(new TermQuery(DrillDownQuery.term(field, dim, v)), Occur.SHOULD));
                dims.add(dim);
                filters.add(any.build());
            }
        });
        List<String> shown = DIMENSIONS.stream().filter(states::containsKey).toList();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] hits = new FixedBitSet[leaves.size()];
        FixedBitSet[] allWords = new FixedBitSet[leaves.size()];
        Map<String, FixedBitSet[]> sideways = new HashMap<>();
        for (String dim : dims) {
            if (states.containsKey(dim)) {
                sideways.put(dim, new FixedBitSet[leaves.size()]);
            }
        }
        List<Callable<SliceResult>> tasks = new ArrayList<>();
        for (IndexSearcher.LeafSlice slice : searcher.getSlices()) {
            tasks.add(() -> {
                List<long[]> termStats = new ArrayList<>();
                long total = 0;
                for (LeafReaderContext leaf : slice.leaves) {
                    termStats.addAll(terms.lookUp(leaf));
                    FixedBitSet[] allOf = new FixedBitSet[1];
                    FixedBitSet base = MatchSets.matches(searcher, query, leaf, set -> allOf[0] = set);
                    FixedBitSet[] byDim = new FixedBitSet[dims.size()];
                    FixedBitSet all = base;
                    for (int d = 0; d < byDim.length; d++) {
                        byDim[d] = MatchSets.matches(searcher, filters.get(d), leaf);
                        all = all == base ? base.clone() : all;
                        all.and(byDim[d]);
                    }
                    hits[leaf.ord] = all;
                    total += all.cardinality();
                    if (allOf[0] != null) {
                        // The all-words documents among the hits (filters, exclusions and deletions applied).
                        allOf[0].and(all);
                        allWords[leaf.ord] = allOf[0];
                    }
                    for (int d = 0; d < byDim.length; d++) {
                        FixedBitSet[] side = sideways.get(dims.get(d));
                        if (side == null) {
                            continue;
                        }
                        FixedBitSet set = base;
                        for (int o = 0; o < byDim.length; o++) {
                            if (o != d) {
                                set = set == base ? base.clone() : set;
                                set.and(byDim[o]);
                            }
                        }
                        side[leaf.ord] = set;
                    }
                }
                List<LeafReaderContext> own = List.of(slice.leaves);
                int maxDoc = own.stream().mapToInt(l -> l.reader().maxDoc()).sum();
                // The single-valued dimensions counted over the hits (not a selected one's drill-sideways set):
                // one pass over the hits for all of them, unless the hits are most of the documents.
                List<String> coded = new ArrayList<>();
                int codedValues = 0;
                for (String dim : shown) {
                    int values = valueCount(states.get(dim), dim);
                    if (SINGLE_VALUED.contains(dim) && !sideways.containsKey(dim) && values > 0
                            && values <= ValueBitsets.MAX_VALUES) {
                        coded.add(dim);
                        codedValues += values;
                    }
                }
                List<Map<String, Long>> byCode = !coded.isEmpty()
                        && ValueCodes.cheaper(total, coded.size(), codedValues, maxDoc)
                        ? codes.count(own, hits, coded) : null;
                List<Map<String, Long>> counts = new ArrayList<>();
                for (String dim : shown) {
                    int c = byCode == null ? -1 : coded.indexOf(dim);
                    counts.add(c >= 0 ? byCode.get(c) : countMap(dim, states.get(dim),
                            collector(own, sideways.getOrDefault(dim, hits)), maxDoc));
                }
                return new SliceResult(termStats, total, counts);
            });
        }
        List<SliceResult> results = searcher.getTaskExecutor().invokeAll(tasks);
        long total = 0;
        for (SliceResult r : results) {
            terms.accumulate(r.termStats());
            total += r.total();
        }
        Map<String, Facets> out = new HashMap<>();
        for (int d = 0; d < shown.size(); d++) {
            String dim = shown.get(d);
            Map<String, Long> sum = new HashMap<>();
            boolean counted = true;
            for (SliceResult r : results) {
                Map<String, Long> c = r.counts().get(d);
                if (c == null) {
                    counted = false;
                    break;
                }
                c.forEach((label, n) -> sum.merge(label, n, Long::sum));
            }
            out.put(dim, counted ? new CountedFacets(dim, sum)
                    : docValuesCounts(states.get(dim), collector(leaves, sideways.getOrDefault(dim, hits)), pool));
        }
        boolean anyAllWords = Arrays.stream(allWords).anyMatch(Objects::nonNull);
        return new Matched(hits, anyAllWords ? allWords : null, total, out);
    }

    /** Precomputed per-leaf sets as the hits Lucene's facet counting reads. */
    private static FacetsCollector collector(List<LeafReaderContext> leaves, FixedBitSet[] sets) {
        List<FacetsCollector.MatchingDocs> docs = new ArrayList<>();
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet set = sets[leaf.ord];
            int n = set.cardinality();
            docs.add(new FacetsCollector.MatchingDocs(leaf, new BitDocIdSet(set, n), n, null));
        }
        return new FacetsCollector() {
            @Override
            public List<MatchingDocs> getMatchingDocs() {
                return docs;
            }
        };
    }

    /**
     * Counts one dimension over the hits: bit sets for a dimension with few values (unless the hits are very few),
     * the table of document values otherwise; null when a segment cannot be cached.
     *
     * @param maxDoc the number of documents the hits are among
     */
    private Map<String, Long> countMap(String dim, SortedSetDocValuesReaderState state, FacetsCollector hits,
                                       int maxDoc) throws IOException {
        int values = valueCount(state, dim);
        // Bit sets cost a word operation per value and 64 documents, the ordinal table some per hit: measured on
        // the benchmark, the bit sets are cheaper unless the hits are very few (under 1 in 128 documents).
        long matched = 0;
        for (FacetsCollector.MatchingDocs md : hits.getMatchingDocs()) {
            matched += md.totalHits;
        }
        if (values > 0 && values <= ValueBitsets.MAX_VALUES && matched * 128 >= maxDoc) {
            Map<String, Long> counts = bitsets.count(hits, dim);
            if (counts != null) {
                return counts;
            }
        }
        return ordinals.count(hits, dim);
    }

    /** The number of values of {@code dim} in the whole index view. */
    private static int valueCount(SortedSetDocValuesReaderState state, String dim) {
        SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dim);
        return range == null ? 0 : range.end - range.start + 1;
    }

    /** Lucene's doc-values counting, for segments that cannot be cached. */
    private static Facets docValuesCounts(SortedSetDocValuesReaderState state, FacetsCollector hits,
                                          ExecutorService pool) throws IOException {
        if (pool == null) {
            return new SortedSetDocValuesFacetCounts(state, hits);
        }
        try {
            return new ConcurrentSortedSetDocValuesFacetCounts(state, hits, pool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThreadInterruptedException(e);
        } catch (RejectedExecutionException e) {
            return new SortedSetDocValuesFacetCounts(state, hits); // a full pool: count on this thread
        }
    }

    /**
     * The top {@code topN} matched documents by relevance (BM25 × rank boosts), scoring only those that can reach
     * them: block-max WAND skips blocks of documents whose best possible score cannot. Documents with all words
     * rank first (their score × 5, as {@link AllWordsFirstQuery} scores them): their top N come from the conjunction
     * of the word groups, and a document with only some words is looked for only above the N-th of those.
     */
    private TopDocs topByRelevance(IndexSearcher searcher, Query text, MatchSets.SetQuery matched,
                                   FixedBitSet[] allWords, RankBoosts boosts, int topN) throws IOException {
        if (scoreEveryHit) {
            return searcher.search(FunctionScoreQuery.boostByValue(filtered(text, matched), boosts),
                    new TopScoreDocCollectorManager(topN, null, Integer.MAX_VALUE));
        }
        if (!(text instanceof AllWordsFirstQuery awf)) {
            return searcher.search(new WithinHitsQuery(text, matched.sets()), new BoostedTopHits(boosts, 1, 0, topN));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Query g : awf.groups()) {
            all.add(g, Occur.MUST);
            any.add(g, Occur.SHOULD);
        }
        // The conjunction leads with its least frequent word; the all-words set lets it skip, with one bit read, the
        // documents that lack another word, instead of scoring that word and advancing the others to find out.
        TopDocs first = searcher.search(new WithinHitsQuery(all.build(), allWords != null ? allWords : matched.sets()),
                new BoostedTopHits(boosts, AllWordsFirstQuery.ALL_WORDS_FACTOR, 0, topN));
        float nth = first.scoreDocs.length == topN ? first.scoreDocs[topN - 1].score : 0f;
        TopDocs some = searcher.search(new WithinHitsQuery(any.build(), matched.sets()),
                new BoostedTopHits(boosts, 1, nth, topN));
        Set<Integer> seen = new HashSet<>();
        List<ScoreDoc> merged = new ArrayList<>(List.of(first.scoreDocs));
        for (ScoreDoc sd : first.scoreDocs) {
            seen.add(sd.doc);
        }
        for (ScoreDoc sd : some.scoreDocs) {
            // An all-words document scores less here (not × 5): below the N-th, unless it is among the first.
            if (sd.score >= nth && !seen.contains(sd.doc)) {
                merged.add(sd);
            }
        }
        merged.sort(Comparator.comparingDouble((ScoreDoc sd) -> -sd.score).thenComparingInt(sd -> sd.doc));
        return new TopDocs(new TotalHits(merged.size(), TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO),
                merged.subList(0, Math.min(topN, merged.size())).toArray(ScoreDoc[]::new));
    }

    private static Query filtered(Query scored, Query matched) {
        return new BooleanQuery.Builder().add(scored, Occur.MUST).add(matched, Occur.FILTER).build();
    }

    /** Counts of one dimension computed from value bit sets, as Lucene's facet results. */
    private static final class CountedFacets extends Facets {
        private final String dim;
        private final Map<String, Long> counts;

        CountedFacets(String dim, Map<String, Long> counts) {
            this.dim = dim;
            this.counts = counts;
        }

        @Override
        public FacetResult getAllChildren(String dim, String... path) {
            return getTopChildren(Integer.MAX_VALUE, dim, path);
        }

        @Override
        public FacetResult getTopChildren(int topN, String dim, String... path) {
            if (!dim.equals(this.dim) || path.length > 0) {
                throw new IllegalArgumentException("only the dimension " + this.dim + " was counted");
            }
            return ValueBitsets.top(dim, counts, topN);
        }

        @Override
        public Number getSpecificValue(String dim, String... path) {
            return counts.getOrDefault(path.length == 1 ? path[0] : "", 0L);
        }

        @Override
        public List<FacetResult> getAllDims(int topN) {
            return List.of(getTopChildren(topN, dim));
        }
    }

    /**
     * A searcher over the same index view whose segments are split into one slice per core, balanced by size, so a
     * single request uses every core (Lucene's default slices suit many concurrent requests, not one).
     */
    private static final class SlicedSearcher extends IndexSearcher {
        SlicedSearcher(IndexReader reader, ExecutorService pool) {
            super(reader, pool);
        }

        @Override
        protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
            int n = Math.min(CORES, leaves.size());
            if (n <= 1) {
                return new LeafSlice[] {new LeafSlice(new ArrayList<>(leaves))};
            }
            List<List<LeafReaderContext>> groups = new ArrayList<>();
            long[] docs = new long[n];
            for (int i = 0; i < n; i++) {
                groups.add(new ArrayList<>());
            }
            List<LeafReaderContext> bySize = new ArrayList<>(leaves);
            bySize.sort(Comparator.comparingInt((LeafReaderContext l) -> l.reader().maxDoc()).reversed());
            for (LeafReaderContext leaf : bySize) {
                int smallest = 0;
                for (int i = 1; i < n; i++) {
                    if (docs[i] < docs[smallest]) {
                        smallest = i;
                    }
                }
                groups.get(smallest).add(leaf);
                docs[smallest] += leaf.reader().maxDoc();
            }
            return groups.stream().filter(g -> !g.isEmpty()).map(LeafSlice::new).toArray(LeafSlice[]::new);
        }
    }

    /** Keeps the index view of a cursor's first page for its later pages; old views go after {@link #VIEW_KEEP_SECONDS}. */
    private long pin(IndexSearcher searcher) throws IOException {
        long version = views.record(searcher);
        long t = System.nanoTime();
        if (t - lastPrune > 10_000_000_000L) {
            lastPrune = t;
            views.prune(new SearcherLifetimeManager.PruneByAge(VIEW_KEEP_SECONDS));
        }
        return version;
    }

    /** Scores every hit instead of skipping what cannot reach the page (tests compare both ways). */
    void scoreEveryHit(boolean all) {
        this.scoreEveryHit = all;
    }

    /** Sets how many requests in flight still search on all cores each (tests and benchmarks compare both ways). */
    public void parallelUpTo(int requests) {
        this.parallelUpTo = requests;
    }

    /**
     * Sets how many searches run at once; the others wait their turn in arrival order.
     *
     * @param searches at least 1; 0 or less: one per core and one more
     */
    public void concurrency(int searches) {
        this.running = new Semaphore(searches > 0 ? searches : CORES + 1, true);
    }

    /** The turns searches take (tests hold one to see a search wait). */
    Semaphore turns() {
        return running;
    }

    /** Releases the index views kept for cursors and the search threads. */
    public void close() throws IOException {
        views.close();
        if (parallel != null) {
            parallel.shutdown();
        }
    }

    private static Map<String, List<String>> selections(SearchRequest r, UserQuery uq) {
        Map<String, List<String>> sel = new LinkedHashMap<>();
        put(sel, Fields.SDG, concat(r.sdgs().stream().map(String::valueOf).toList(),
                uq.sdgs().stream().map(String::valueOf).toList()));
        put(sel, Fields.PARTNERSHIP, concat(r.partnerships(), uq.partnerships()));
        put(sel, Fields.LANGUAGE, concat(r.languages(), uq.languages()));
        put(sel, Fields.TYPE, concat(r.types(), uq.types()));
        put(sel, Fields.COUNTRY, concat(r.countries(), uq.countries()));
        put(sel, Fields.YEAR, r.years().stream().map(String::valueOf).toList());
        return sel;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }

    private static void put(Map<String, List<String>> sel, String dim, List<String> values) {
        // An empty value is no selection (and DrillDownQuery refuses it with an exception; found by QueryFuzzTest).
        List<String> clean = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        if (!clean.isEmpty()) {
            sel.put(dim, clean);
        }
    }

    /**
     * Each group is required for the strict clause; unless all words are required, any group matches for recall,
     * and all-words documents rank first.
     */
    private Query textQuery(List<List<UserQuery.Part>> words, boolean allWords) {
        List<Query> groups = new ArrayList<>();
        for (List<UserQuery.Part> g : words) {
            BooleanQuery.Builder alt = new BooleanQuery.Builder();
            for (UserQuery.Part p : g) {
                alt.add(partQuery(p), Occur.SHOULD);
            }
            groups.add(alt.build());
        }
        if (groups.size() == 1) {
            return groups.get(0);
        }
        if (allWords) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            groups.forEach(g -> all.add(g, Occur.MUST));
            return all.build();
        }
        return new AllWordsFirstQuery(groups);
    }

    /**
     * The word groups a query searches: a group of words that some UN language drops as stop words ("de", "la",
     * "the", "who") is left out when another group has a word no language drops, as a language analyzer drops it
     * from a query in Elasticsearch or Solr. Looked for in the neutral field, "de" in "igualdad de género" matched
     * every Spanish and French document, so the hits and facet counts said nothing about equality or gender; alone
     * ("WHO", "un"), such words are still looked for as written.
     */
    private List<List<UserQuery.Part>> searched(UserQuery uq) {
        List<List<UserQuery.Part>> content = uq.groups().stream()
                .filter(g -> g.stream().anyMatch(p -> !stopWord(p))).toList();
        return content.isEmpty() ? uq.groups() : content;
    }

    /** Whether some language's analyzer leaves nothing of the word (a stop word there, or only punctuation). */
    private boolean stopWord(UserQuery.Part p) {
        if (p.prefix() || p.phrase()) {
            return false;
        }
        for (Analyzer language : stemAnalyzers.values()) {
            if (build(new QueryBuilder(language), Fields.stem(Fields.TEXT), p) == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * One word over the stemmed sub-fields (a prefix or a phrase: the neutral fields only). The best field wins, as
     * in Elasticsearch's {@code best_fields} with its default tie breaker of 0: the other fields add nothing, so the
     * fields' maximum scores bound the word's, and block-max WAND can skip documents that cannot reach the page. In
     * the stemmed sub-field the words are analysed as each language would (documents there are analysed in their own
     * language); identical analyses are searched once, so a word that all six languages stem alike costs one term,
     * not six.
     */
    private Query partQuery(UserQuery.Part p) {
        List<Query> perField = new ArrayList<>();
        QueryBuilder qb = new QueryBuilder(analyzer);
        for (Map.Entry<String, Float> f : FIELD_BOOSTS.entrySet()) {
            String field = f.getKey();
            Set<Query> queries = new LinkedHashSet<>();
            if (p.prefix()) {
                BytesRef norm = analyzer.normalize(field, p.text());
                queries.add(new PrefixQuery(new Term(field, norm),
                        new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(16)));
            } else if (p.phrase()) {
                // A quoted phrase means these words in this order: the language-neutral field (case and accents
                // folded, not stemmed), as an exact-phrase sub-field is used in Elasticsearch setups.
                queries.add(build(qb, field, p));
            } else {
                // Every document is in the stemmed sub-field, analysed in its own language (neutrally when it has no
                // analyzer), with accents folded: the word as each language analyses it finds it there. Only a stop
                // word of some language (WHO, "un") is looked for in the neutral field as well, where no language
                // removed it.
                queries.add(build(new QueryBuilder(neutral), Fields.stem(field), p));
                boolean stopWord = false;
                for (Analyzer language : stemAnalyzers.values()) {
                    Query q = build(new QueryBuilder(language), Fields.stem(field), p);
                    stopWord |= q == null;
                    queries.add(q);
                }
                if (stopWord) {
                    queries.add(build(qb, field, p));
                }
            }
            queries.remove(null);
            for (Query q : queries) {
                perField.add(new BoostQuery(q, f.getValue()));
            }
        }
        if (perField.isEmpty()) {
            // Only stop words or punctuation: match nothing rather than everything.
            return new TermQuery(new Term(Fields.ID, "\u0000"));
        }
        return new DisjunctionMaxQuery(perField, 0f);
    }

    /**
     * The words as the highlighter looks for them: in the language-neutral text field, whose postings hold the
     * offsets (excluded words are not highlighted).
     */
    private Query highlightQuery(List<List<UserQuery.Part>> words) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        QueryBuilder qb = new QueryBuilder(analyzer);
        for (List<UserQuery.Part> g : words) {
            for (UserQuery.Part p : g) {
                Query q = p.prefix()
                        ? new PrefixQuery(new Term(Fields.TEXT, analyzer.normalize(Fields.TEXT, p.text())),
                                new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(16))
                        : build(qb, Fields.TEXT, p);
                if (q != null) {
                    b.add(q, Occur.SHOULD);
                }
            }
        }
        return b.build();
    }

    private static Query build(QueryBuilder qb, String field, UserQuery.Part p) {
        return p.phrase() ? qb.createPhraseQuery(field, p.text()) : qb.createBooleanQuery(field, p.text(), Occur.MUST);
    }

    /** The facet state of each shown dimension that has values in this index view (empty for an empty index). */
    private Map<String, SortedSetDocValuesReaderState> states(IndexReader reader) throws IOException {
        return view(reader).states();
    }

    private StateCache view(IndexReader reader) throws IOException {
        Object key = reader.getReaderCacheHelper() == null ? reader : reader.getReaderCacheHelper().getKey();
        StateCache c = stateCache;
        if (c != null && c.key == key) {
            return c;
        }
        synchronized (this) {
            c = stateCache;
            if (c != null && c.key == key) {
                return c;
            }
            // Cursor pages may search an older index view than other requests: a few recent states are kept, so
            // alternating between views does not rebuild the ordinal maps (costly on a large index) every time.
            c = recentStates.get(key);
            if (c == null) {
                Map<String, SortedSetDocValuesReaderState> states = new HashMap<>();
                if (reader.numDocs() > 0) {
                    for (String dim : DIMENSIONS) {
                        try {
                            states.put(dim, new DefaultSortedSetDocValuesReaderState(reader, Fields.facet(dim),
                                    index.facetsConfig()));
                        } catch (IllegalArgumentException e) {
                            // no values of this dimension indexed yet
                        }
                    }
                }
                c = new StateCache(key, Map.copyOf(states), new ConcurrentHashMap<>(),
                        FieldInfos.getMergedFieldInfos(reader));
                recentStates.put(key, c);
            }
            stateCache = c;
            return c;
        }
    }

    private static List<FacetValue> facetValues(Facets facets, String dim, List<String> selected) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (facets != null) {
            try {
                FacetResult r = facets.getTopChildren(dim.equals(Fields.SDG) ? 17 : FACET_TOP, dim);
                if (r != null) {
                    for (LabelAndValue lv : r.labelValues) {
                        counts.put(lv.label, lv.value.longValue());
                    }
                }
            } catch (IllegalArgumentException e) {
                // the dimension has no values in the index yet
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<FacetValue> out = new ArrayList<>();
        if (dim.equals(Fields.SDG)) {
            // All 17 goals always, in goal order, zero included: the SDG chips never jump around.
            for (int g = 1; g <= 17; g++) {
                String v = String.valueOf(g);
                out.add(new FacetValue(v, counts.getOrDefault(v, 0L), selected.contains(v)));
            }
            return out;
        }
        counts.forEach((v, n) -> out.add(new FacetValue(v, n, selected.contains(v))));
        for (String s : selected) {
            if (!counts.containsKey(s)) {
                out.add(new FacetValue(s, 0, true));
            }
        }
        if (dim.equals(Fields.YEAR)) {
            out.sort(Comparator.comparing(FacetValue::value).reversed());
        }
        return out;
    }

    private HitHighlighter highlighter(IndexSearcher searcher) throws IOException {
        return new HitHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(HIGHLIGHT_MAX_CHARS)
                .withScorer(PASSAGE_SCORING), HIT_FIELDS, view(searcher.getIndexReader()).fieldInfos());
    }

    /**
     * The page's hits with their snippets. With a pool (a request alone on the machine), the second half of the page
     * is highlighted on another core: reading and highlighting the stored text is most of a page's own cost.
     */
    private List<Hit> hits(IndexSearcher searcher, TopDocs top, int from, int size, Query query, boolean highlight,
                           ExecutorService pool) throws IOException {
        ScoreDoc[] sds = top.scoreDocs;
        if (from >= sds.length) {
            return List.of();
        }
        int to = Math.min(sds.length, from + size);
        ScoreDoc[] pageDocs = Arrays.copyOfRange(sds, from, to);
        String[] snippets = new String[pageDocs.length];
        Map<Integer, Document> loaded = new HashMap<>();
        if (highlight) {
            int half = pool != null && pageDocs.length >= 4 ? pageDocs.length / 2 : pageDocs.length;
            Future<String[]> rest = null;
            HitHighlighter second = highlighter(searcher);
            if (half < pageDocs.length) {
                TopDocs tail = new TopDocs(top.totalHits, Arrays.copyOfRange(pageDocs, half, pageDocs.length));
                try {
                    rest = pool.submit(() -> second.highlight(Fields.TEXT, query, tail, 2));
                } catch (RejectedExecutionException e) {
                    half = pageDocs.length;
                }
            }
            HitHighlighter first = highlighter(searcher);
            String[] head;
            try {
                head = first.highlight(Fields.TEXT, query,
                        new TopDocs(top.totalHits, Arrays.copyOfRange(pageDocs, 0, half)), 2);
            } catch (IOException | RuntimeException e) {
                // The other half must not go on reading an index view this request is about to release.
                if (rest != null && !rest.cancel(false)) {
                    try {
                        rest.get();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | CancellationException ignored) {
                        // the first failure is the one reported
                    }
                }
                throw e;
            }
            System.arraycopy(head, 0, snippets, 0, half);
            if (rest != null) {
                try {
                    String[] tail = rest.get();
                    System.arraycopy(tail, 0, snippets, half, tail.length);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ThreadInterruptedException(e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            for (ScoreDoc sd : pageDocs) {
                Document d = first.loaded(sd.doc);
                loaded.put(sd.doc, d != null ? d : second.loaded(sd.doc));
            }
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < pageDocs.length; i++) {
            // Only the small fields a hit shows, read while highlighting if we did: the text and the SDG profile
            // JSON are what makes a document large, and decoding them cost more than the search itself.
            Document d = loaded.get(pageDocs[i].doc);
            boolean hasText = d != null;
            if (d == null) {
                d = stored.document(pageDocs[i].doc, HIT_FIELDS);
            }
            String snippet = snippets[i];
            if (snippet == null || snippet.isBlank()) {
                String description = nz(d.get(Fields.DESCRIPTION));
                String text = !description.isBlank() ? description : hasText ? nz(d.get(Fields.TEXT))
                        : nz(stored.document(pageDocs[i].doc, Set.of(Fields.TEXT)).get(Fields.TEXT));
                snippet = Html.escape(abbreviate(text, 240));
            }
            List<String> urls = values(d, Fields.URL);
            IndexableField year = d.getField(Fields.YEAR);
            out.add(new Hit(nz(d.get(Fields.ID)), nz(d.get(Fields.TITLE)), urls.isEmpty() ? "" : urls.get(0), urls,
                    values(d, Fields.PARTNERSHIP), snippet, nz(d.get(Fields.LANGUAGE)), nz(d.get(Fields.TYPE)),
                    year == null || year.numericValue() == null ? 0 : year.numericValue().intValue(), sdgs(d),
                    Float.isNaN(pageDocs[i].score) ? 0f : pageDocs[i].score));
        }
        return out;
    }

    private static List<String> values(Document d, String field) {
        List<String> out = new ArrayList<>();
        for (IndexableField f : d.getFields(field)) {
            if (f.stringValue() != null) {
                out.add(f.stringValue());
            }
        }
        return out;
    }

    /** The assigned SDGs, from the stored facet values (the same list as the profile's, without parsing it). */
    private static List<Integer> sdgs(Document d) {
        List<Integer> out = new ArrayList<>();
        for (String v : values(d, Fields.SDG)) {
            try {
                out.add(Integer.valueOf(v));
            } catch (NumberFormatException e) {
                // not a goal number: skip it
            }
        }
        out.sort(null);
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(String s, int max) {
        // Cut before normalising white space: the text of a long PDF is megabytes.
        String head = s.length() > 4 * max ? s.substring(0, 4 * max) : s;
        String t = head.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    private String didYouMean(IndexReader reader, UserQuery uq) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        for (List<UserQuery.Part> g : uq.groups()) {
            for (UserQuery.Part p : g) {
                String word = p.text();
                String fixed = word;
                if (!p.phrase() && !p.prefix() && word.length() >= 4) {
                    String norm = analyzer.normalize(Fields.TEXT, word).utf8ToString();
                    SuggestWord[] s = spell.suggestSimilar(new Term(Fields.TEXT, norm), 1, reader);
                    if (s.length > 0) {
                        fixed = s[0].string;
                        changed = true;
                    }
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(p.phrase() ? "\"" + fixed + "\"" : fixed);
            }
        }
        return changed ? sb.toString() : null;
    }

    @Override
    public List<Suggestion> suggest(String prefix, int max) {
        String p = prefix == null ? "" : prefix.strip();
        if (p.isEmpty()) {
            return List.of();
        }
        if (p.length() > 100) {
            p = p.substring(0, 100);
        }
        int limit = Math.max(1, Math.min(20, max));
        List<Suggestion> out = new ArrayList<>();
        String lower = p.toLowerCase(Locale.ROOT);
        partnershipNames.get().forEach((id, name) -> {
            if (name.toLowerCase(Locale.ROOT).contains(lower) || id.startsWith(lower)) {
                out.add(new Suggestion(name, "partnership", id));
            }
        });
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                String[] words = p.split("\\s+");
                String last = words[words.length - 1];
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                for (int i = 0; i < words.length - 1; i++) {
                    Query q = new QueryBuilder(analyzer).createBooleanQuery(Fields.SUGGEST, words[i], Occur.MUST);
                    if (q != null) {
                        b.add(q, Occur.MUST);
                    }
                }
                BytesRef norm = analyzer.normalize(Fields.SUGGEST, last);
                b.add(new PrefixQuery(new Term(Fields.SUGGEST, norm),
                        new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(32)), Occur.MUST);
                Set<String> seen = new HashSet<>();
                for (ScoreDoc sd : searcher.search(b.build(), limit * 2).scoreDocs) {
                    var doc = searcher.storedFields().document(sd.doc, Set.of(Fields.TITLE, Fields.ID));
                    String title = doc.get(Fields.TITLE);
                    if (title != null && !title.isBlank() && seen.add(title)) {
                        out.add(new Suggestion(title, "title", doc.get(Fields.ID)));
                    }
                }
                out.addAll(frequentTerms(searcher.getIndexReader(), analyzer.normalize(Fields.TEXT, last)
                        .utf8ToString(), words, limit));
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static List<Suggestion> frequentTerms(IndexReader reader, String prefix, String[] words, int limit)
            throws IOException {
        Terms terms = MultiTerms.getTerms(reader, Fields.TEXT);
        if (terms == null || prefix.length() < 2) {
            return List.of();
        }
        TermsEnum te = terms.iterator();
        BytesRef start = new BytesRef(prefix);
        if (te.seekCeil(start) == TermsEnum.SeekStatus.END) {
            return List.of();
        }
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        int scanned = 0;
        // Bounded scan: the suggestion must stay cheap however many terms share the prefix.
        for (BytesRef t = te.term(); t != null && scanned < 2000; t = te.next(), scanned++) {
            String s = t.utf8ToString();
            if (!s.startsWith(prefix)) {
                break;
            }
            found.add(Map.entry(s, te.docFreq()));
        }
        found.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        String head = words.length > 1 ? String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)) + " " : "";
        return found.stream().limit(limit).map(e -> new Suggestion(head + e.getKey(), "term", e.getKey())).toList();
    }

    @Override
    public Optional<IndexedDocument> document(String id) {
        return index.get(id);
    }

    @Override
    public List<Hit> related(String id, int max) {
        Optional<IndexedDocument> source = index.get(id);
        if (source.isEmpty()) {
            return List.of();
        }
        IndexedDocument d = source.get();
        int limit = Math.max(1, Math.min(50, max));
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
                mlt.setAnalyzer(analyzer);
                mlt.setFieldNames(new String[] {Fields.TEXT, Fields.TITLE});
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
                mlt.setMaxQueryTerms(30);
                String like = d.title() + "\n" + d.description() + "\n"
                        + (d.text().length() > 20_000 ? d.text().substring(0, 20_000) : d.text());
                Query likeQuery = mlt.like(Fields.TEXT, new StringReader(like));
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                b.add(likeQuery, Occur.MUST);
                b.add(new TermQuery(new Term(Fields.ID, d.id())), Occur.MUST_NOT);
                // Across silos: only work published by none of this document's partnerships.
                d.partnerships().forEach(p -> b.add(new TermQuery(new Term(Fields.PARTNERSHIP, p)), Occur.MUST_NOT));
                TopDocs top = searcher.search(b.build(), limit * 3);
                Set<Integer> own = new HashSet<>(d.profile().assigned());
                List<Hit> hits = new ArrayList<>(hits(searcher, top, 0, top.scoreDocs.length, likeQuery, false, null));
                // Prefer other SDGs' work on the same subject: it is what a silo would not have found itself.
                hits.sort(Comparator.comparingDouble((Hit h) ->
                        -h.score() * (h.sdgs().stream().anyMatch(g -> !own.contains(g)) ? 1.25 : 1.0)));
                return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Long> counts(String dimension) {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            IndexSearcher searcher = index.searchers().acquire();
            try {
                StateCache view = view(searcher.getIndexReader());
                SortedSetDocValuesReaderState state = view.states().get(dimension);
                if (state == null) {
                    return out;
                }
                Map<String, Long> kept = view.wholeIndexCounts().get(dimension);
                if (kept != null) {
                    return kept;
                }
                // Without hits, Lucene counts every live document of the index (25 ms at 1,000,000 documents).
                FacetResult r = new SortedSetDocValuesFacetCounts(state).getAllChildren(dimension);
                if (r != null) {
                    for (LabelAndValue lv : r.labelValues) {
                        out.put(lv.label, lv.value.longValue());
                    }
                }
                Map<String, Long> counted = Collections.unmodifiableMap(out);
                view.wholeIndexCounts().put(dimension, counted);
                return counted;
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
