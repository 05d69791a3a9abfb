package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Looks up every term of a request once in the terms dictionary of each segment and gives the request's queries
 * these term states, so the passes of one search (match sets, the all-words pass, the some-words pass) do not each
 * look the same terms up again; a lookup walks the dictionary's index and blocks, and a word searched in three
 * fields and several languages' analyses is many terms times every segment. Each slice of segments is looked up
 * on its own thread (with its match sets) with one terms enumeration per field, where Lucene would start a task per
 * term and segment.
 */
final class SharedTermStates {

    private final Map<Term, TermStates> states = new HashMap<>();
    private final List<Term> terms;
    private final List<TermStates> byIndex = new ArrayList<>();

    private SharedTermStates(List<Term> terms, IndexSearcher searcher) {
        this.terms = terms;
        for (Term t : terms) {
            TermStates s = new TermStates(searcher.getTopReaderContext());
            states.put(t, s);
            byIndex.add(s);
        }
    }

    /**
     * Empty term states for every term of the queries: {@link #lookUp} fills them segment by segment (each slice of
     * segments on its own thread), {@link #accumulate} adds up their statistics once all are done.
     *
     * @param searcher the searcher the queries will run on (its reader)
     * @param queries  the queries whose terms to look up
     */
    static SharedTermStates prepare(IndexSearcher searcher, List<Query> queries) {
        Set<Term> terms = new LinkedHashSet<>();
        for (Query q : queries) {
            collect(q, terms);
        }
        List<Term> all = new ArrayList<>(terms);
        Collections.sort(all); // by field, then term: one enumeration per field and segment, seeking forwards
        return new SharedTermStates(all, searcher);
    }

    /**
     * Looks every term up in one segment and registers its state there (safe from several threads for different
     * segments).
     *
     * @return the statistics found, for {@link #accumulate}: {term index, docFreq, totalTermFreq} each
     */
    List<long[]> lookUp(LeafReaderContext leaf) throws IOException {
        List<long[]> found = new ArrayList<>();
        String field = null;
        TermsEnum te = null;
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (!t.field().equals(field)) {
                field = t.field();
                Terms fieldTerms = leaf.reader().terms(field);
                te = fieldTerms == null ? null : fieldTerms.iterator();
            }
            if (te != null && te.seekExact(t.bytes())) {
                byIndex.get(i).register(te.termState(), leaf.ord);
                found.add(new long[] {i, te.docFreq(), te.totalTermFreq()});
            }
        }
        return found;
    }

    /** Adds up the statistics of the segments looked up (on one thread, after all lookups). */
    void accumulate(List<long[]> found) {
        for (long[] f : found) {
            byIndex.get((int) f[0]).accumulateStatistics((int) f[1], f[2]);
        }
    }

    /** The query with its term queries carrying the looked-up states (other queries unchanged). */
    Query apply(Query q) {
        if (q instanceof TermQuery t) {
            TermStates s = states.get(t.getTerm());
            return s == null || t.getTermStates() != null ? t : new TermQuery(t.getTerm(), s);
        }
        if (q instanceof BoostQuery b) {
            return new BoostQuery(apply(b.getQuery()), b.getBoost());
        }
        if (q instanceof DisjunctionMaxQuery d) {
            return new DisjunctionMaxQuery(d.getDisjuncts().stream().map(this::apply).toList(),
                    d.getTieBreakerMultiplier());
        }
        if (q instanceof AllWordsFirstQuery a) {
            return new AllWordsFirstQuery(a.groups().stream().map(this::apply).toList());
        }
        if (q instanceof BooleanQuery b) {
            BooleanQuery.Builder out = new BooleanQuery.Builder();
            out.setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            for (BooleanClause c : b.clauses()) {
                out.add(apply(c.getQuery()), c.getOccur());
            }
            return out.build();
        }
        return q;
    }

    private static void collect(Query q, Set<Term> terms) {
        if (q instanceof TermQuery t) {
            if (t.getTermStates() == null) {
                terms.add(t.getTerm());
            }
        } else if (q instanceof BoostQuery b) {
            collect(b.getQuery(), terms);
        } else if (q instanceof DisjunctionMaxQuery d) {
            d.getDisjuncts().forEach(sub -> collect(sub, terms));
        } else if (q instanceof AllWordsFirstQuery a) {
            a.groups().forEach(g -> collect(g, terms));
        } else if (q instanceof BooleanQuery b) {
            b.clauses().forEach(c -> collect(c.getQuery(), terms));
        }
    }
}
