package dev.bazaar.ordering.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.bazaar.ordering.application.AccessDeniedException;
import dev.bazaar.ordering.application.OrderQueries;
import dev.bazaar.ordering.application.Viewer;
import dev.bazaar.ordering.infrastructure.OrdersNeedingAttention.RejectionCount;
import dev.bazaar.ordering.infrastructure.OrdersNeedingAttention.WaitingOrder;
import dev.bazaar.ordering.infrastructure.OrdersNeedingAttention;
import dev.bazaar.ordering.saga.SagaConfig;
import dev.bazaar.ordering.saga.SagaDeadlines;
import dev.bazaar.ordering.saga.SagaTimeline;
import io.smallrye.mutiny.Uni;

/** What the operator console asks ordering: an order's saga timeline, the sagas that are stuck, recent rejections. */
@Path("/admin/orders")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class OrderConsoleResource {

    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private final OrderQueries queries;
    private final OrdersNeedingAttention attention;
    private final SagaDeadlines deadlines;
    private final JsonWebToken token;

    OrderConsoleResource(OrderQueries queries, OrdersNeedingAttention attention, SagaConfig saga,
            JsonWebToken token) {
        this.queries = queries;
        this.attention = attention;
        this.deadlines = new SagaDeadlines(saga.stockDeadline(), saga.creditDeadline(), saga.cancelRetry());
        this.token = token;
    }

    /** The order with its saga log read as a timeline. */
    public record OrderTimeline(OrderView order, List<SagaTimeline.Entry> timeline) {
    }

    /** Sagas waiting longer than {@code olderThan}, or past their deadline. */
    public record StuckOrders(String olderThan, Instant asOf, List<WaitingOrder> orders) {
    }

    /** Rejections within the window, counted by the kind of their reason. */
    public record Rejections(String window, Instant asOf, long total, List<RejectionCount> reasons) {
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "An order and its saga timeline",
            description = "Each saga step with the service on the other side, the message type and id, and for the "
                    + "reservations whether the reply met its deadline.")
    public Uni<OrderTimeline> timeline(@RestPath UUID id) {
        return queries.details(id, admin()).map(details -> new OrderTimeline(OrderView.of(details),
                SagaTimeline.of(details.steps(), deadlines, Instant.now())));
    }

    @GET
    @Path("stuck")
    @Operation(summary = "Orders whose saga is not finished after olderThan (ISO-8601 duration), or is overdue")
    public Uni<StuckOrders> stuck(@RestQuery @DefaultValue("PT60S") String olderThan,
            @RestQuery @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Duration threshold = duration("olderThan", olderThan);
        return attention.waiting(threshold, limit).map(orders -> new StuckOrders(threshold.toString(), Instant.now(), orders));
    }

    @GET
    @Path("rejections")
    @Operation(summary = "Orders rejected within window (ISO-8601 duration, at most 7 days), counted by reason",
            description = "Counted by the reason's kind (its text before the first ':', without ids), with the "
                    + "latest reason of each kind in full as an example.")
    public Uni<Rejections> rejections(@RestQuery @DefaultValue("PT1H") String window) {
        Duration span = duration("window", window);
        if (span.compareTo(LONGEST_WINDOW) > 0) {
            throw new InvalidQueryException("window may be at most " + LONGEST_WINDOW + ", was "
                    + window);
        }
        return attention.rejections(span).map(reasons -> new Rejections(span.toString(), Instant.now(),
                reasons.stream().mapToLong(RejectionCount::orders).sum(), reasons));
    }

    private Viewer admin() {
        try {
            return new Viewer(UUID.fromString(token.getSubject()), true);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AccessDeniedException("The token's subject is not a user id");
        }
    }

    private static Duration duration(String name, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidQueryException(name + " must be a positive duration, was " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be an ISO-8601 duration such as PT60S, was "
                    + value);
        }
    }
}
