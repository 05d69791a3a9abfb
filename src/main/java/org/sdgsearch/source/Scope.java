package org.sdgsearch.source;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which URLs belong to a website. A URL is in scope when its host is one of {@code hosts} (or a subdomain of one
 * when {@code subdomains} is set), its path starts with one of {@code pathPrefixes} (when any are given), it matches
 * one of {@code include} (when any are given) and none of {@code exclude}.
 *
 * @param hosts        allowed host names, lower case
 * @param subdomains   whether subdomains of {@code hosts} are in scope
 * @param pathPrefixes allowed path prefixes, empty for any
 * @param include      regular expressions, at least one must be found in the URL when non-empty
 * @param exclude      regular expressions, none may be found in the URL
 */
public record Scope(List<String> hosts, boolean subdomains, List<String> pathPrefixes, List<Pattern> include,
                    List<Pattern> exclude) {

    public Scope {
        hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        pathPrefixes = List.copyOf(pathPrefixes);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Whether the URL belongs to the site. */
    public boolean contains(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return false;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean hostOk = hosts.stream().anyMatch(h -> host.equals(h) || (subdomains && host.endsWith("." + h)));
        if (!hostOk) {
            return false;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (!pathPrefixes.isEmpty() && pathPrefixes.stream().noneMatch(path::startsWith)) {
            return false;
        }
        String s = url.toString();
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(s).find())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(s).find());
    }
}
