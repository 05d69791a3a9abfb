package org.sdgsearch.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A local folder of documents crawled like a website (change detection by size and modification time).
 *
 * @param path     the folder; relative paths are resolved against the directory of the sources file
 * @param baseUrl  the URL under which the folder's files are published, used as their document URL; null means
 *                 {@code file:} URLs
 * @param include  glob patterns of files to take (empty for all supported types)
 */
public record DocumentFolder(Path path, String baseUrl, List<String> include) {

    public DocumentFolder {
        include = List.copyOf(include);
    }
}
