package org.sdgsearch.extract;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the one shared {@link Extractor} injectable, built from {@link ExtractConfig}.
 */
@ApplicationScoped
public class ExtractorProducer {

    @Produces
    @Singleton
    Extractor extractor(ExtractConfig config) {
        return new Extractor(config.toSettings());
    }

    void close(@Disposes Extractor extractor) {
        extractor.close();
    }
}
