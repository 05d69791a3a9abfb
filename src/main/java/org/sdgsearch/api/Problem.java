package org.sdgsearch.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem: the JSON body of every error, naming the parameter or field at fault.
 *
 * @param type      a URI identifying the kind of problem ("about:blank" for plain HTTP errors)
 * @param title     short summary
 * @param status    HTTP status
 * @param detail    what exactly is wrong
 * @param parameter the offending parameter or field, or null
 */
public record Problem(String type, String title, int status, String detail, String parameter) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A 400 naming the bad parameter. */
    public static WebApplicationException badRequest(String parameter, String detail) {
        return of(400, "Invalid parameter", parameter, detail);
    }

    /** A 404. */
    public static WebApplicationException notFound(String detail) {
        return of(404, "Not found", null, detail);
    }

    /** Any status. */
    public static WebApplicationException of(int status, String title, String parameter, String detail) {
        Problem p = new Problem("about:blank", title, status, detail, parameter);
        return new WebApplicationException(detail, Response.status(status).type(MEDIA_TYPE).entity(p).build());
    }
}
