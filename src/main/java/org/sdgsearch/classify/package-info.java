/**
 * Assigns SDGs 1-17 to a text with scores and evidence, from a model trained on SDG-labelled texts.
 */
package org.sdgsearch.classify;
