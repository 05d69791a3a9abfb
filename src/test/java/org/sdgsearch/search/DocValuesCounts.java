package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.sdgsearch.index.Fields;

/** Compares a way of counting facets with Lucene's doc-values counts: the same counts, and the same top values. */
final class DocValuesCounts {

    /** A way of counting one dimension over some hits. */
    interface Counting {
        Map<String, Long> count(FacetsCollector hits, String dim) throws IOException;
    }

    private DocValuesCounts() {
    }

    /**
     * Counts {@code dims} both ways over all documents, the documents with "water", with "rareword", with "none" and
     * document d5 (one hit per segment at most: Lucene keeps such hits as a list, not a bit set).
     *
     * @return how many values were compared
     */
    static int compare(IndexSearcher s, FacetsConfig config, List<String> dims, Counting counting)
            throws IOException {
        int compared = 0;
        List<Query> queries = List.of(new MatchAllDocsQuery(), new TermQuery(new Term(Fields.TEXT, "water")),
                new TermQuery(new Term(Fields.TEXT, "rareword")), new TermQuery(new Term(Fields.TEXT, "none")),
                new TermQuery(new Term(Fields.ID, "d5")));
        for (Query q : queries) {
            FacetsCollector fc = s.search(q, new FacetsCollectorManager());
            for (String dim : dims) {
                SortedSetDocValuesFacetCounts expected = new SortedSetDocValuesFacetCounts(
                        new DefaultSortedSetDocValuesReaderState(s.getIndexReader(), Fields.facet(dim), config), fc);
                Map<String, Long> counts = counting.count(fc, dim);
                assertNotNull(counts, dim);
                FacetResult all = expected.getAllChildren(dim);
                Map<String, Long> want = new HashMap<>();
                if (all != null) {
                    Arrays.stream(all.labelValues).forEach(lv -> want.put(lv.label, lv.value.longValue()));
                }
                assertEquals(want, counts, q + " " + dim);
                for (int topN : new int[] {1, 3, 50}) {
                    FacetResult top = expected.getTopChildren(topN, dim);
                    List<String> wantOrder = top == null ? List.of()
                            : Arrays.stream(top.labelValues).map(lv -> lv.label + "=" + lv.value).toList();
                    LabelAndValue[] got = ValueBitsets.top(dim, counts, topN).labelValues;
                    assertEquals(wantOrder, Arrays.stream(got).map(lv -> lv.label + "=" + lv.value).toList(),
                            q + " " + dim + " top " + topN);
                }
                compared += counts.size();
            }
        }
        return compared;
    }
}
