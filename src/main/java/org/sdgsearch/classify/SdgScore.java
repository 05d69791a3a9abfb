package org.sdgsearch.classify;

/**
 * How strongly a text is about one SDG.
 *
 * @param sdg          goal number 1..17
 * @param score        document-level score in [0, 1]
 * @param passageShare share of the document's passages that were assigned this SDG, in [0, 1]
 */
public record SdgScore(int sdg, double score, double passageShare) {
}
