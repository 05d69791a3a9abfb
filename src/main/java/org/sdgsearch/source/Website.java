package org.sdgsearch.source;

import java.net.URI;
import java.util.List;

/**
 * One website of a partnership.
 *
 * @param seeds    start URLs (absolute http or https)
 * @param sitemaps extra sitemap URLs beyond those robots.txt announces
 * @param scope    which URLs belong to the site
 * @param maxDepth how many links away from a seed the crawler goes
 * @param maxPages upper bound of pages fetched per crawl of this site
 */
public record Website(List<URI> seeds, List<URI> sitemaps, Scope scope, int maxDepth, int maxPages) {

    public Website {
        seeds = List.copyOf(seeds);
        sitemaps = List.copyOf(sitemaps);
    }
}
