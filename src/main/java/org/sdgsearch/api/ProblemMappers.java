package org.sdgsearch.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error into a problem+json body: framework errors (unknown path, wrong method, unparsable parameter)
 * keep their status; anything unexpected is logged and becomes a 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response r = e.getResponse();
        if (r.hasEntity() && r.getEntity() instanceof Problem) {
            return r;
        }
        int status = r.getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = e.getMessage() == null ? title : e.getMessage();
        String parameter = null;
        if (e instanceof jakarta.ws.rs.NotFoundException && e.getCause() != null) {
            // RESTEasy reports a parameter it could not convert as a 404 caused by the conversion failure.
            status = 400;
            title = "Invalid parameter";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, parameter)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w);
        }
        LOG.error("Unexpected error", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Internal error", 500, "An unexpected error occurred.", null))
                .build();
    }
}
