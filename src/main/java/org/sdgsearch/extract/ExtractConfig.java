package org.sdgsearch.extract;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Extraction limits from configuration ({@code sdg.extract.*}); the defaults suit a laptop and a crawl of partner
 * sites alike.
 */
@ConfigMapping(prefix = "sdg.extract")
public interface ExtractConfig {

    /** Characters of text kept per document; the rest is cut and the document marked truncated. */
    @WithDefault("5000000")
    int maxChars();

    /** Time limit for one document. */
    @WithDefault("60s")
    Duration timeout();

    /** Bodies above this size are refused without parsing. */
    @WithDefault("104857600")
    long maxBodyBytes();

    /** Parse threads alive at once, abandoned runaway parses included; 0 means 2 per processor (at least 4). */
    @WithDefault("0")
    int maxWorkers();

    /** The settings record the {@link Extractor} takes. */
    default ExtractorSettings toSettings() {
        int workers = maxWorkers() > 0 ? maxWorkers() : ExtractorSettings.defaultWorkers();
        return new ExtractorSettings(maxChars(), timeout(), maxBodyBytes(), workers);
    }
}
