package dev.bazaar.infra.deadletter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import com.rabbitmq.client.ShutdownSignalException;

import dev.bazaar.infra.http.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's view of this service's dead letters: list them, replay them after a fix, or discard them. Every
 * service gets it from infra; only admins may use it.
 */
@Path("/admin/dead-letters")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {

    private final ServiceQueues queues;
    private final DeadLetterQueues deadLetters;

    DeadLetterResource(ServiceQueues queues, DeadLetterQueues deadLetters) {
        this.queues = queues;
        this.deadLetters = deadLetters;
    }

    /** Result of a replay: how many dead-letter copies went back to their queue. */
    public record Replayed(int replayed) {
    }

    /** Result of a discard: how many dead-letter copies were removed for good. */
    public record Discarded(int discarded) {
    }

    @GET
    public List<DeadLetterQueueView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        List<DeadLetterQueueView> views = new ArrayList<>();
        for (IncomingQueue queue : queues.all()) {
            views.add(broker(() -> deadLetters.browse(queue, limit)));
        }
        return views;
    }

    @GET
    @Path("{queue}")
    public DeadLetterQueueView listQueue(@PathParam("queue") String queue,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        return broker(() -> deadLetters.browse(incoming(queue), limit));
    }

    @GET
    @Path("{queue}/{messageId}")
    public DeadLetterMessage open(@PathParam("queue") String queue, @PathParam("messageId") String messageId) {
        IncomingQueue incoming = incoming(queue);
        return broker(() -> deadLetters.inspect(incoming, messageId)).orElseThrow(() -> new ProblemException(404,
                "Dead letter not found", "No message with id " + messageId + " in the dead-letter queue of " + queue));
    }

    @POST
    @Path("{queue}/replay")
    public Replayed replayAll(@PathParam("queue") String queue, @Context SecurityContext caller) {
        return new Replayed(replay(queue, null, caller));
    }

    @POST
    @Path("{queue}/replay/{messageId}")
    public Replayed replayOne(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @Context SecurityContext caller) {
        return new Replayed(found(replay(queue, messageId, caller), queue, messageId));
    }

    @DELETE
    @Path("{queue}")
    public Discarded discardAll(@PathParam("queue") String queue, @Context SecurityContext caller) {
        return new Discarded(discard(queue, null, caller));
    }

    @DELETE
    @Path("{queue}/{messageId}")
    public Discarded discardOne(@PathParam("queue") String queue, @PathParam("messageId") String messageId,
            @Context SecurityContext caller) {
        return new Discarded(found(discard(queue, messageId, caller), queue, messageId));
    }

    private int replay(String queue, String messageId, SecurityContext caller) {
        IncomingQueue incoming = incoming(queue);
        int replayed = broker(() -> deadLetters.replay(incoming, messageId));
        Log.infof("%s replayed %d dead letter(s) of %s%s", operator(caller), replayed, queue,
                messageId == null ? "" : " with message id " + messageId);
        return replayed;
    }

    private int discard(String queue, String messageId, SecurityContext caller) {
        IncomingQueue incoming = incoming(queue);
        int discarded = broker(() -> deadLetters.discard(incoming, messageId));
        Log.infof("%s discarded %d dead letter(s) of %s%s", operator(caller), discarded, queue,
                messageId == null ? "" : " with message id " + messageId);
        return discarded;
    }

    private IncomingQueue incoming(String queue) {
        return queues.find(queue).orElseThrow(() -> new ProblemException(404, "Queue not found",
                "This service consumes no queue named " + queue + "; its queues are "
                        + queues.all().stream().map(IncomingQueue::queue).toList()));
    }

    private static int found(int count, String queue, String messageId) {
        if (count == 0) {
            throw new ProblemException(404, "Dead letter not found",
                    "No message with id " + messageId + " in the dead-letter queue of " + queue);
        }
        return count;
    }

    private static String operator(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "an admin" : caller.getUserPrincipal().getName();
    }

    private static <T> T broker(BrokerCall<T> call) {
        try {
            return call.run();
        } catch (IOException | ShutdownSignalException e) {
            Log.warnf("Dead-letter operation failed: %s", e.toString());
            throw new ProblemException(503, "Broker unavailable", "RabbitMQ could not complete the operation: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    @FunctionalInterface
    private interface BrokerCall<T> {
        T run() throws IOException;
    }
}
