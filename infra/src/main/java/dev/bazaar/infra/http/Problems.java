package dev.bazaar.infra.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Builds an RFC 9457 problem-details response: the {@code type} is derived from the title, the {@code instance} is
 * the request's path. A service's exception mapper (the one class in its {@code api} package that gives its domain
 * and application exceptions their status) answers with it, as {@link ProblemMappers} does for the framework's.
 */
public final class Problems {

    static final String TYPE_BASE = "https://bazaar.dev/problems/";

    private Problems() {
    }

    public static Response response(int status, String title, String detail, UriInfo uri) {
        return response(status, title, detail, uri, Map.of());
    }

    /** @param headers sent with the problem (a 429 or 503 says when to retry with {@code Retry-After}) */
    public static Response response(int status, String title, String detail, UriInfo uri,
            Map<String, String> headers) {
        Response.ResponseBuilder response = builder(new Problem(TYPE_BASE + slug(title), title, status, detail,
                uri.getPath(), List.of()));
        headers.forEach(response::header);
        return response.build();
    }

    static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
