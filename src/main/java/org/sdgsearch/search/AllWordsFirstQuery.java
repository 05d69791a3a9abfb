package org.sdgsearch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterScorer;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Documents with any of the word groups, scored by the sum of the groups they match; a document that matches every
 * group gets {@link #ALL_WORDS_FACTOR} times that sum, so documents with all the words rank first. These are the
 * scores of {@code (all-groups-required^4 OR any-group)}, but every posting list is read once: the required
 * variant read all of them a second time.
 */
final class AllWordsFirstQuery extends Query {

    /** The score factor of documents that have every word: 4 × all + 1 × any, as the two-clause query gave. */
    static final float ALL_WORDS_FACTOR = 5f;

    /** How many groups matched the document being scored, on this thread (the groups' scorers count themselves). */
    private static final ThreadLocal<int[]> MATCHED = ThreadLocal.withInitial(() -> new int[1]);

    private final List<Query> groups;

    /** @param groups two or more word groups (duplicates count once) */
    AllWordsFirstQuery(List<Query> groups) {
        this.groups = List.copyOf(new LinkedHashSet<>(groups));
    }

    /** The word groups, each matched by a document to count as having all words. */
    List<Query> groups() {
        return groups;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        List<Query> rewritten = new ArrayList<>();
        boolean changed = false;
        for (Query g : groups) {
            Query r = g.rewrite(searcher);
            changed |= r != g;
            rewritten.add(r);
        }
        if (groups.size() == 1) {
            return rewritten.get(0);
        }
        return changed ? new AllWordsFirstQuery(rewritten) : this;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Query g : groups) {
            any.add(scoreMode.needsScores() ? new Counted(g) : g, Occur.SHOULD);
        }
        Query anyQuery = any.build();
        if (!scoreMode.needsScores()) {
            return searcher.createWeight(searcher.rewrite(anyQuery), scoreMode, boost);
        }
        // Every match is scored (the factor has no useful bound for skipping), so the groups score completely.
        Weight inner = searcher.createWeight(anyQuery, ScoreMode.COMPLETE, boost);
        int n = groups.size();
        return new Rescored(this, inner, ALL_WORDS_FACTOR, in -> {
            int[] matched = MATCHED.get();
            matched[0] = 0;
            float sum = in.score();
            return matched[0] >= n ? sum * ALL_WORDS_FACTOR : sum;
        }) {
            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Explanation sum = in.explain(context, doc);
                if (!sum.isMatch()) {
                    return sum;
                }
                Scorer s = scorer(context);
                if (s == null || s.iterator().advance(doc) != doc) {
                    return sum;
                }
                TwoPhaseIterator tp = s.twoPhaseIterator();
                if (tp != null && !tp.matches()) {
                    return sum;
                }
                float score = s.score();
                return score == sum.getValue().floatValue() ? sum
                        : Explanation.match(score, "all words: sum × " + ALL_WORDS_FACTOR, sum);
            }
        };
    }

    /** How a wrapped scorer's score becomes this query's score. */
    private interface Score {
        float of(Scorer in) throws IOException;
    }

    /** A weight whose scorers match as the wrapped ones and score by {@code score}, at most maxFactor × theirs. */
    private static class Rescored extends FilterWeight {
        private final float maxFactor;
        private final Score score;

        Rescored(Query query, Weight in, float maxFactor, Score score) {
            super(query, in);
            this.maxFactor = maxFactor;
            this.score = score;
        }

        @Override
        public Scorer scorer(LeafReaderContext context) throws IOException {
            Scorer s = in.scorer(context);
            return s == null ? null : new FilterScorer(s, this) {
                @Override
                public float score() throws IOException {
                    return score.of(in);
                }

                @Override
                public float getMaxScore(int upTo) throws IOException {
                    return in.getMaxScore(upTo) * maxFactor;
                }
            };
        }
    }

    /** A group whose scorer counts, per scored document, that it matched. */
    private static final class Counted extends Query {
        private final Query in;

        Counted(Query in) {
            this.in = in;
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            Query r = in.rewrite(searcher);
            return r == in ? this : new Counted(r);
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            // Counts the match, then scores as the group does.
            return new Rescored(this, in.createWeight(searcher, scoreMode, boost), 1f, s -> {
                MATCHED.get()[0]++;
                return s.score();
            });
        }

        @Override
        public void visit(QueryVisitor visitor) {
            in.visit(visitor);
        }

        @Override
        public String toString(String field) {
            return in.toString(field);
        }

        @Override
        public boolean equals(Object o) {
            return sameClassAs(o) && in.equals(((Counted) o).in);
        }

        @Override
        public int hashCode() {
            return classHash() * 31 + in.hashCode();
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        QueryVisitor v = visitor.getSubVisitor(Occur.SHOULD, this);
        for (Query g : groups) {
            g.visit(v);
        }
    }

    @Override
    public String toString(String field) {
        StringBuilder sb = new StringBuilder("allWordsFirst(");
        for (int i = 0; i < groups.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(groups.get(i).toString(field));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return sameClassAs(o) && groups.equals(((AllWordsFirstQuery) o).groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), groups);
    }
}
