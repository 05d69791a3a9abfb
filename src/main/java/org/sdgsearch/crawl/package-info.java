/**
 * Harvests sources politely and incrementally: frontier, fetcher, robots.txt, sitemaps, URL normalisation, recrawl and crawl jobs.
 */
package org.sdgsearch.crawl;
