package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageScoringTest {

    @Test
    void scoresExactlyAsLucenesPassageScorer() {
        PassageScorer lucene = new PassageScorer();
        PassageScoring ours = new PassageScoring();
        SplittableRandom r = new SplittableRandom(7);
        String[] words = {"water", "sanitation", "school", "health", "girls"};
        for (int round = 0; round < 2_000; round++) {
            Passage p = new Passage();
            int start = r.nextInt(5_000);
            p.setStartOffset(start);
            p.setEndOffset(start + 40 + r.nextInt(400));
            int matches = r.nextInt(12);
            int[] freqInDoc = new int[words.length];
            for (int w = 0; w < words.length; w++) {
                freqInDoc[w] = 1 + r.nextInt(30);
            }
            for (int m = 0; m < matches; m++) {
                int w = r.nextInt(words.length);
                int off = start + m * 3;
                p.addMatch(off, off + 2, new BytesRef(words[w]), freqInDoc[w]);
            }
            int contentLength = 5_000 + r.nextInt(50_000);
            assertEquals(lucene.score(p, contentLength), ours.score(p, contentLength), 0f, "round " + round);
        }
    }
}
