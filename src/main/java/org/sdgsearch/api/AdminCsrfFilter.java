package org.sdgsearch.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses state-changing admin requests that lack an {@code X-Requested-With} header. Browsers attach cached Basic
 * credentials to cross-site form posts, but a cross-site page cannot add a custom header without a CORS preflight,
 * which the admin API never grants. Runs after authentication: anonymous calls still get 401.
 */
public class AdminCsrfFilter {

    @ServerRequestFilter
    public Response requireCustomHeader(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        if (!ctx.getUriInfo().getPath().startsWith("/api/admin") || method.equals("GET") || method.equals("HEAD")
                || method.equals("OPTIONS")) {
            return null;
        }
        String h = ctx.getHeaderString("X-Requested-With");
        if (h != null && !h.isBlank()) {
            return null;
        }
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", "Forbidden", 403,
                "State-changing admin requests need the header X-Requested-With (protection against cross-site "
                        + "requests)", "X-Requested-With")).build();
    }
}
