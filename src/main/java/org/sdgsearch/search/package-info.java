/**
 * Turns a people's query into results: query parsing, facets, highlighting, suggestions and related documents.
 */
package org.sdgsearch.search;
