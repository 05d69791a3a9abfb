package org.sdgsearch.extract;

/**
 * Accumulates extracted text with collapsed whitespace, line and paragraph breaks, and a hard character limit.
 * Both the HTML renderer and the Tika content handler write into one, so that pages and documents come out with the
 * same shape: words separated by single spaces, lines by "\n", paragraphs by a blank line.
 */
final class TextBuffer {

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private boolean truncated;
    // Pending separator, written only when more text follows so that breaks never pile up or trail.
    private int pendingBreak; // 0 none, 1 space, 2 newline, 3 paragraph

    TextBuffer(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Appends text, collapsing runs of whitespace to one space. */
    void append(CharSequence s) {
        append(s, 0, s.length());
    }

    void append(CharSequence s, int start, int end) {
        for (int i = start; i < end && !truncated; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space();
            } else {
                put(c);
            }
        }
    }

    void append(char[] chars, int start, int length) {
        for (int i = start; i < start + length && !truncated; i++) {
            char c = chars[i];
            if (isSpace(c)) {
                space();
            } else {
                put(c);
            }
        }
    }

    /** Appends preformatted text: newlines are kept, other whitespace collapses. */
    void appendPreformatted(CharSequence s) {
        for (int i = 0; i < s.length() && !truncated; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                lineBreak();
            } else if (isSpace(c)) {
                space();
            } else {
                put(c);
            }
        }
    }

    void space() {
        pendingBreak = Math.max(pendingBreak, 1);
    }

    void lineBreak() {
        pendingBreak = Math.max(pendingBreak, 2);
    }

    void paragraphBreak() {
        pendingBreak = 3;
    }

    int length() {
        return text.length();
    }

    /** The text written since a given length, for the text of one page. */
    String since(int start) {
        return validUnicode(text.substring(Math.min(start, text.length())));
    }

    boolean isTruncated() {
        return truncated;
    }

    /** The text so far, without a trailing separator. */
    @Override
    public String toString() {
        return validUnicode(text.toString());
    }

    /**
     * Replaces unpaired surrogates with U+FFFD. Decoders never produce them, but character references such as
     * {@code &#xD800;} and some parsers' output do, and they break UTF-8 encoders downstream (Lucene, JSON).
     */
    static String validUnicode(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone;
            if (Character.isHighSurrogate(c)) {
                lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!lone) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                lone = Character.isLowSurrogate(c);
            }
            if (lone && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }

    private void put(char c) {
        if (Character.isISOControl(c)) {
            space();
            return;
        }
        if (text.length() > 0 && pendingBreak > 0) {
            String separator = switch (pendingBreak) {
                case 1 -> " ";
                case 2 -> "\n";
                default -> "\n\n";
            };
            if (text.length() + separator.length() >= maxChars) {
                truncated = true;
                return;
            }
            text.append(separator);
        }
        pendingBreak = 0;
        if (text.length() >= maxChars) {
            truncated = true;
            return;
        }
        // Never cut a surrogate pair in half at the limit: the result must stay valid Unicode.
        if (Character.isHighSurrogate(c) && text.length() + 1 >= maxChars) {
            truncated = true;
            return;
        }
        text.append(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u00A0' || c == '\u000B'
                || Character.isWhitespace(c);
    }
}
