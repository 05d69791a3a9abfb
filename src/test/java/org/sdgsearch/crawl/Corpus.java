package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared hostile corpus beside the project ({@code ../shared}); tests using it are skipped when it is absent. */
final class Corpus {

    static final Path HOSTILE = Path.of("..", "shared", "corpus", "hostile");
    static final Path CRAWLER_COMMONS = HOSTILE.resolve("crawler-commons-tests/src/test/resources");
    static final Path MAZE = HOSTILE.resolve("security-crawl-maze");

    private Corpus() {
    }

    /** The folder, or a skipped test when ../shared is not there. */
    static Path require(Path dir) {
        assumeTrue(Files.isDirectory(dir), "corpus not available: " + dir);
        return dir;
    }

    static boolean present(Path dir) {
        return Files.isDirectory(dir);
    }
}
