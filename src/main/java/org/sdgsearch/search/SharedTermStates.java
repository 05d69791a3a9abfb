package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
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
 * on its own thread with one terms enumeration per field, where Lucene would start a task per term and segment.
 */
final class SharedTermStates {

    private final Map<Term, TermStates> states = new HashMap<>();

    private SharedTermStates() {
    }

    /**
     * @param searcher the searcher the queries will run on (its reader and slices)
     * @param queries  the queries whose terms to look up
     */
    static SharedTermStates of(IndexSearcher searcher, List<Query> queries) throws IOException {
        Set<Term> terms = new LinkedHashSet<>();
        for (Query q : queries) {
            collect(q, terms);
        }
        SharedTermStates shared = new SharedTermStates();
        if (terms.isEmpty()) {
            return shared;
        }
        List<Term> all = new ArrayList<>(terms);
        Collections.sort(all); // by field, then term: one enumeration per field and segment, seeking forwards
        List<Callable<List<Object[]>>> tasks = new ArrayList<>();
        for (IndexSearcher.LeafSlice slice : searcher.getSlices()) {
            tasks.add(() -> {
                List<Object[]> found = new ArrayList<>(); // {term index, leaf ord, state, docFreq, totalTermFreq}
                for (LeafReaderContext leaf : slice.leaves) {
                    String field = null;
                    TermsEnum te = null;
                    for (int i = 0; i < all.size(); i++) {
                        Term t = all.get(i);
                        if (!t.field().equals(field)) {
                            field = t.field();
                            Terms fieldTerms = leaf.reader().terms(field);
                            te = fieldTerms == null ? null : fieldTerms.iterator();
                        }
                        if (te != null && te.seekExact(t.bytes())) {
                            found.add(new Object[] {i, leaf.ord, te.termState(), te.docFreq(),
                                te.totalTermFreq()});
                        }
                    }
                }
                return found;
            });
        }
        for (Term t : all) {
            shared.states.put(t, new TermStates(searcher.getTopReaderContext()));
        }
        for (List<Object[]> found : searcher.getTaskExecutor().invokeAll(tasks)) {
            for (Object[] f : found) {
                shared.states.get(all.get((Integer) f[0])).register((TermState) f[2], (Integer) f[1],
                        (Integer) f[3], (Long) f[4]);
            }
        }
        return shared;
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
