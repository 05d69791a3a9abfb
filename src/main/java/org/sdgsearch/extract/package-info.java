/**
 * Turns fetched bytes and a content type into an ExtractedDocument (text, title, links, language, metadata) or a recorded failure.
 */
package org.sdgsearch.extract;
