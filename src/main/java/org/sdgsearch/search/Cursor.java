package org.sdgsearch.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a result list for deep paging, as Solr's {@code cursorMark} and Elasticsearch's
 * {@code search_after}: the sort values of the last hit returned, ending with the unique document id, so the next
 * page starts right after it however deep it is and whatever was indexed in between (no hit is returned twice).
 * The cursor also carries the clock of the first page, so the freshness boost, and with it every score, is the same
 * on every page, and the version of the index view the first page was searched in: while the engine still keeps
 * that view (a point in time, as Elasticsearch's), later pages see exactly the same documents and scores; after it,
 * pages continue on the current index, where re-scored documents may move (as with Solr's cursorMark).
 * Opaque to clients: a URL-safe string; {@code *} starts.
 *
 * @param sort      the order the cursor belongs to (null for the start)
 * @param now       the time the freshness boost is computed for (epoch millis)
 * @param view      the index view to continue in (-1: none)
 * @param score     the last hit's score
 * @param published the last hit's sort date (epoch millis; date order only)
 * @param id        the last hit's document id (null for the start)
 */
public record Cursor(SearchRequest.Sort sort, long now, long view, float score, long published, String id) {

    /** What a client sends to start paging by cursor. */
    public static final String START_MARK = "*";
    /** The start of a result list. */
    public static final Cursor START = new Cursor(null, 0, -1, 0, 0, null);
    /** Longest cursor accepted. */
    public static final int MAX_LENGTH = 600;

    private static final String VERSION = "c1";
    private static final char SEP = '~';

    /** Whether this is the start (no page returned yet). */
    public boolean isStart() {
        return id == null;
    }

    /** The cursor as clients see it. */
    public String encode() {
        if (isStart()) {
            return START_MARK;
        }
        String raw = VERSION + SEP + (sort == SearchRequest.Sort.DATE ? 'd' : 'r') + SEP + now + SEP + view + SEP
                + Integer.toHexString(Float.floatToIntBits(score)) + SEP + published + SEP + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a client sent back.
     *
     * @throws IllegalArgumentException with a message for the user when it is not one of ours
     */
    public static Cursor parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cursor must be '*' to start or the nextCursor of the previous page");
        }
        String t = text.strip();
        if (t.equals(START_MARK)) {
            return START;
        }
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("cursor is longer than any cursor we issue");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] p = raw.split(String.valueOf(SEP), 7);
        if (p.length != 7 || !p[0].equals(VERSION) || p[6].isEmpty() || !(p[1].equals("r") || p[1].equals("d"))) {
            throw invalid();
        }
        try {
            return new Cursor(p[1].equals("d") ? SearchRequest.Sort.DATE : SearchRequest.Sort.RELEVANCE,
                    Long.parseLong(p[2]), Long.parseLong(p[3]), Float.intBitsToFloat(Integer.parseUnsignedInt(p[4], 16)),
                    Long.parseLong(p[5]), p[6]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("cursor is not a cursor we issued; start with '*' and follow nextCursor");
    }
}
