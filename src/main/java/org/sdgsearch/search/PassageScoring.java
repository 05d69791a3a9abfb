package org.sdgsearch.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage scoring formula (BM25-like, the defaults k1 1.2, b 0.75, pivot 87) without its allocation:
 * {@link PassageScorer#score} builds a {@code BytesRefHash}, whose first 32 KB block is allocated for every passage
 * of every highlighted document. The search benchmark showed that as more than half of all bytes the server
 * allocated. A passage holds a handful of matches, so distinct terms are found by a linear scan instead.
 */
final class PassageScoring extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
        int n = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] docFreqs = passage.getMatchTermFreqsInDoc();
        double score = 0;
        for (int i = 0; i < n; i++) {
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = terms[j].bytesEquals(terms[i]);
            }
            if (seen) {
                continue;
            }
            int inPassage = 1;
            for (int j = i + 1; j < n; j++) {
                if (terms[j].bytesEquals(terms[i])) {
                    inPassage++;
                }
            }
            score += tf(inPassage, passage.getLength()) * weight(contentLength, docFreqs[i]);
        }
        return (float) (score * norm(passage.getStartOffset()));
    }
}
