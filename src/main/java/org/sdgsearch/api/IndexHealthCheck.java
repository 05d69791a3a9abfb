package org.sdgsearch.api;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the index is writable and the data directory has free disk space.
 */
@Readiness
@ApplicationScoped
public class IndexHealthCheck implements HealthCheck {

    /** Below this much free space we stop reporting ready: commits would start failing. */
    static final long MIN_FREE_BYTES = 100L * 1024 * 1024;

    @Inject
    Engine engine;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("index");
        boolean writable = engine.index().isWritable();
        b.withData("writable", writable).withData("documents", engine.index().count());
        long free = -1;
        try {
            FileStore store = Files.getFileStore(engine.index().path());
            free = store.getUsableSpace();
        } catch (IOException e) {
            b.withData("diskError", e.toString());
        }
        b.withData("freeBytes", free);
        return b.status(writable && free >= MIN_FREE_BYTES).build();
    }
}
