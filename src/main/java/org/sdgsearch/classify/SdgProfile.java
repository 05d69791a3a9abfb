package org.sdgsearch.classify;

import java.util.List;

/**
 * The SDG profile of a document: a score for each of the 17 goals, the goals assigned, and evidence for each
 * assigned goal.
 *
 * @param scores   one entry per SDG 1..17, in goal order
 * @param assigned the SDGs assigned (score above that goal's threshold), ascending
 * @param evidence evidence for each assigned SDG, in the order of {@code assigned}
 * @param reason   why the profile is empty (e.g. unsupported language), or null
 */
public record SdgProfile(List<SdgScore> scores, List<Integer> assigned, List<Evidence> evidence, String reason) {

    public SdgProfile {
        scores = List.copyOf(scores);
        assigned = List.copyOf(assigned);
        evidence = List.copyOf(evidence);
    }

    /** An empty profile with the reason it is empty. */
    public static SdgProfile empty(String reason) {
        List<SdgScore> zeros = java.util.stream.IntStream.rangeClosed(1, 17)
                .mapToObj(g -> new SdgScore(g, 0, 0)).toList();
        return new SdgProfile(zeros, List.of(), List.of(), reason);
    }

    /** The score of one goal. */
    public double score(int sdg) {
        return scores.get(sdg - 1).score();
    }
}
