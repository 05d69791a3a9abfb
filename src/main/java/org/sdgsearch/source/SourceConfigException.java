package org.sdgsearch.source;

import java.nio.file.Path;

/**
 * A sources file is invalid. The message names the file, the line and the field, so that start-up fails with a
 * message an operator can act on.
 */
public final class SourceConfigException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    public SourceConfigException(Path file, int line, String field, String problem) {
        super(file + ":" + line + ": field '" + field + "': " + problem);
        this.file = String.valueOf(file);
        this.line = line;
        this.field = field;
    }

    /** The file that holds the problem. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The dotted path of the offending field, e.g. {@code sources[2].websites[0].seeds}. */
    public String field() {
        return field;
    }
}
