package org.sdgsearch.search;

/**
 * HTML escaping for text we did not write (crawled content). One implementation, used by everything that returns
 * HTML fragments.
 */
public final class Html {

    private Html() {
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
