package org.sdgsearch.classify;

import java.util.List;

/**
 * Why a document carries an SDG: the passages that support it and the terms that weighed most.
 *
 * @param sdg      goal number 1..17
 * @param passages supporting passages, strongest first
 * @param terms    the terms that weighed most for this SDG, strongest first
 */
public record Evidence(int sdg, List<Passage> passages, List<String> terms) {

    /**
     * A supporting passage.
     *
     * @param text  the passage text (plain, untrusted)
     * @param page  1-based page number for paged documents, or null
     * @param score the passage's score for this SDG
     */
    public record Passage(String text, Integer page, double score) {
    }
}
