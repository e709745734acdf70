package dev.bazaar.infra.http;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The response of the first execution of an idempotent command, as stored and replayed. */
public record StoredResponse(int status, String location, String body) {

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (location != null) {
            builder.location(URI.create(location));
        }
        return builder.build();
    }
}
