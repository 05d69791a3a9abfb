package org.sdgsearch.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import crawlercommons.filters.basic.BasicURLNormalizer;

/**
 * Turns a URL as found (link, redirect, sitemap entry) into the one form the crawler keys everything on: crawler-commons'
 * {@link BasicURLNormalizer} (case, default ports, dot segments, percent-encoding, sorted query, no fragment) plus
 * removal of tracking and session parameters, which otherwise make one page look like thousands.
 */
public final class UrlNormalizer {

    /** Query parameters that never change what a page shows (compared lower-case); {@code utm_*} is handled apart. */
    static final Set<String> DROPPED_PARAMS = Set.of("jsessionid", "phpsessid", "aspsessionid", "sid", "sessionid",
            "session_id", "cfid", "cftoken", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
            "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
            "vero_id", "ref_src");

    /** Session ids carried as path parameters, e.g. {@code /page;jsessionid=ABC}. */
    private static final Pattern PATH_SESSION = Pattern.compile(
            "(?i);(jsessionid|phpsessid|sid|sessionid)=[^/?#;]*");

    private final BasicURLNormalizer basic = new BasicURLNormalizer();

    /**
     * The normalised absolute http(s) URL, or empty when the URL is malformed or not http(s) (mailto:, javascript:...).
     */
    public Optional<String> normalize(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        u = PATH_SESSION.matcher(u).replaceAll("");
        String n;
        try {
            n = basic.filter(u);
        } catch (RuntimeException e) {
            // crawler-commons promises null for invalid URLs; be safe against surprises in hostile input.
            return Optional.empty();
        }
        if (n == null) {
            return Optional.empty();
        }
        n = dropParams(n);
        try {
            URI parsed = new URI(n);
            if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** Resolves {@code href} against {@code base} and normalises the result. */
    public Optional<String> resolve(String base, String href) {
        if (href == null) {
            return Optional.empty();
        }
        try {
            return normalize(new URI(base).resolve(href.strip()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return normalize(href);
        }
    }

    private static String dropParams(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringJoiner kept = new StringJoiner("&");
        boolean dropped = false;
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (DROPPED_PARAMS.contains(name) || name.startsWith("utm_")) {
                dropped = true;
            } else {
                kept.add(pair);
            }
        }
        if (!dropped) {
            return url;
        }
        String query = kept.toString();
        return query.isEmpty() ? url.substring(0, q) : url.substring(0, q + 1) + query;
    }
}
