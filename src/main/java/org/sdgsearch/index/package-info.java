/**
 * The Lucene index built from index-schema/: schema, fields, writer, commits, and the persistent crawl-status store.
 */
package org.sdgsearch.index;
