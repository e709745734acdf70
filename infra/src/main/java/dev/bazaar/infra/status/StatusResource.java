package dev.bazaar.infra.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.bazaar.infra.messaging.ServiceIdentity;
import dev.bazaar.infra.outbox.OutboxBacklog;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /admin/status}: the readiness of this service split into database and broker, and its outbox backlog,
 * for the operator console. Every service gets it from infra; only admins may call it. /q/health/ready answers the
 * same readiness to probes, but /q is not routed through the gateway, and it says nothing of the outbox.
 */
@Path("/admin/status")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** A database that does not answer within this is reported as the outbox error, not waited for. */
    private static final Duration OUTBOX_QUERY_TIMEOUT = Duration.ofSeconds(2);

    private final SmallRyeHealthReporter health;
    private final OutboxBacklog outbox;
    private final ServiceIdentity service;

    StatusResource(SmallRyeHealthReporter health, OutboxBacklog outbox, ServiceIdentity service) {
        this.health = health;
        this.outbox = outbox;
        this.service = service;
    }

    @GET
    public Uni<ServiceStatus> status() {
        Uni<List<ServiceStatus.Check>> readiness = health.getReadinessAsync().map(StatusResource::checks);
        Uni<Object> backlog = outbox.read().ifNoItem().after(OUTBOX_QUERY_TIMEOUT).fail()
                .<Object>map(reading -> new ServiceStatus.Outbox(reading.backlog(), reading.oldestAgeSeconds()))
                .onFailure().recoverWithItem(failure -> failure.getMessage() == null
                        ? failure.getClass().getSimpleName() : failure.getMessage());
        return Uni.combine().all().unis(readiness, backlog).asTuple().map(both -> {
            List<ServiceStatus.Check> checks = both.getItem1();
            Object reading = both.getItem2();
            boolean up = checks.stream().allMatch(check -> check.status().equals("UP"));
            return new ServiceStatus(service.name(), up ? "UP" : "DOWN", component(checks, StatusResource::database),
                    component(checks, StatusResource::broker), checks,
                    reading instanceof ServiceStatus.Outbox reported ? reported : null,
                    reading instanceof String error ? error : null);
        });
    }

    static boolean database(ServiceStatus.Check check) {
        String name = check.name().toLowerCase(Locale.ROOT);
        return name.contains("postgres") || name.contains("database") || name.contains("datasource");
    }

    static boolean broker(ServiceStatus.Check check) {
        String name = check.name().toLowerCase(Locale.ROOT);
        return name.contains("messag") || name.contains("rabbit") || name.contains("broker");
    }

    private static String component(List<ServiceStatus.Check> checks, Predicate<ServiceStatus.Check> part) {
        List<ServiceStatus.Check> mine = checks.stream().filter(part).toList();
        if (mine.isEmpty()) {
            return "UNKNOWN";
        }
        return mine.stream().allMatch(check -> check.status().equals("UP")) ? "UP" : "DOWN";
    }

    private static List<ServiceStatus.Check> checks(SmallRyeHealth readiness) {
        List<ServiceStatus.Check> checks = new ArrayList<>();
        JsonObject payload = readiness.getPayload();
        if (payload.containsKey("checks")) {
            for (JsonValue value : payload.getJsonArray("checks")) {
                JsonObject check = value.asJsonObject();
                Map<String, Object> data = new LinkedHashMap<>();
                if (check.containsKey("data") && check.get("data").getValueType() == JsonValue.ValueType.OBJECT) {
                    check.getJsonObject("data").forEach((key, item) -> data.put(key, plain(item)));
                }
                checks.add(new ServiceStatus.Check(check.getString("name", "?"), check.getString("status", "DOWN"),
                        data));
            }
        }
        return checks;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
            default -> value.toString();
        };
    }
}
