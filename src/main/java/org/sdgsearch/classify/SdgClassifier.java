package org.sdgsearch.classify;

import java.util.List;

/**
 * Assigns SDGs 1-17 to a text. Implementations are thread-safe and loaded once.
 */
public interface SdgClassifier {

    /**
     * Classifies a document.
     *
     * @param text     the document's plain text
     * @param language ISO 639-1 code of the text ("und" when unknown)
     * @param pages    text per page for paged documents (used to point evidence to a page), or empty
     * @return the document's SDG profile; an empty profile with a reason for unsupported languages
     */
    SdgProfile classify(String text, String language, List<String> pages);
}
