package org.sdgsearch.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for one {@link Extractor}. Configured with {@code sdg.extract.*} properties (see {@link ExtractConfig}).
 *
 * @param maxChars     extracted characters kept per document; longer text is truncated and marked
 *                     {@code truncated=true} in the metadata (default 5,000,000)
 * @param timeout      wall-clock limit for one document, after which extraction is abandoned with a
 *                     {@link ExtractionFailure.Kind#TIMEOUT} failure (default 60 s)
 * @param maxBodyBytes bodies larger than this are refused as {@link ExtractionFailure.Kind#TOO_LARGE} without
 *                     parsing (default 100 MiB)
 * @param maxWorkers   parse threads alive at once, including abandoned ones still running past their time limit
 *                     (default 2 × processors, at least 4)
 */
public record ExtractorSettings(int maxChars, Duration timeout, long maxBodyBytes, int maxWorkers) {

    public static final int DEFAULT_MAX_CHARS = 5_000_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;

    public ExtractorSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be positive: " + maxWorkers);
        }
    }

    /** The defaults: 5 M characters, 60 s, 100 MiB, 2 workers per processor. */
    public static ExtractorSettings defaults() {
        return new ExtractorSettings(DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, defaultWorkers());
    }

    public ExtractorSettings withMaxChars(int value) {
        return new ExtractorSettings(value, timeout, maxBodyBytes, maxWorkers);
    }

    public ExtractorSettings withTimeout(Duration value) {
        return new ExtractorSettings(maxChars, value, maxBodyBytes, maxWorkers);
    }

    public ExtractorSettings withMaxBodyBytes(long value) {
        return new ExtractorSettings(maxChars, timeout, value, maxWorkers);
    }

    public ExtractorSettings withMaxWorkers(int value) {
        return new ExtractorSettings(maxChars, timeout, maxBodyBytes, value);
    }

    /** Two parse threads per processor, at least four. */
    public static int defaultWorkers() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }
}
