package org.sdgsearch.index;

import java.util.Locale;

/**
 * Maps exact media types to the coarse document types users filter on ({@code type:pdf}).
 */
public final class DocumentType {

    private DocumentType() {
    }

    /** web, pdf, word, slides, spreadsheet, text, ebook or other. */
    public static String of(String mediaType) {
        String m = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (m.contains("html")) {
            return "web";
        }
        if (m.equals("application/pdf")) {
            return "pdf";
        }
        if (m.contains("wordprocessing") || m.contains("msword") || m.contains("opendocument.text")
                || m.contains("rtf")) {
            return "word";
        }
        if (m.contains("presentation") || m.contains("powerpoint")) {
            return "slides";
        }
        if (m.contains("spreadsheet") || m.contains("excel")) {
            return "spreadsheet";
        }
        if (m.contains("epub")) {
            return "ebook";
        }
        if (m.startsWith("text/")) {
            return "text";
        }
        return "other";
    }
}
