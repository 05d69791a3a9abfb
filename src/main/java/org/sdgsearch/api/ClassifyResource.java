package org.sdgsearch.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sdgsearch.classify.SdgProfile;

/**
 * Lets partners check which SDGs a text would get before they publish it.
 */
@Path("/api/classify")
public class ClassifyResource {

    /** Largest text accepted (characters). */
    static final int MAX_CHARS = 1_000_000;

    /**
     * A text to classify.
     *
     * @param text     the text
     * @param language ISO 639-1 code; detected when absent
     */
    public record ClassifyRequest(String text, String language) {
    }

    @Inject
    Engine engine;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify a text: SDG profile with scores and evidence")
    public SdgProfile classify(ClassifyRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw Problem.of(422, "Invalid body", "text", "text is required and must not be empty");
        }
        if (request.text().length() > MAX_CHARS) {
            throw Problem.of(413, "Text too long", "text", "text must be at most " + MAX_CHARS + " characters");
        }
        String lang = request.language();
        if (lang != null && !lang.isBlank() && !lang.matches("[a-z]{2,3}")) {
            throw Problem.of(422, "Invalid body", "language", "language must be an ISO 639-1 code such as 'en'");
        }
        if (lang == null || lang.isBlank()) {
            lang = engine.detectLanguage(request.text());
        }
        return engine.classifier().classify(request.text(), lang, java.util.List.of());
    }
}
