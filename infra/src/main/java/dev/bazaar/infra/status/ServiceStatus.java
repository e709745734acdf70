package dev.bazaar.infra.status;

import java.util.List;
import java.util.Map;

/**
 * One service as the operator console shows it: its readiness, what that says about its database and its broker,
 * and its outbox. {@code outbox} is null when the database could not be asked ({@code outboxError} says why).
 *
 * @param status   UP when every readiness check is UP (what /q/health/ready answers)
 * @param database UP or DOWN from the database checks; UNKNOWN if the service has none
 * @param broker   UP or DOWN from the broker checks (the message consumers); UNKNOWN if the service has none
 */
public record ServiceStatus(String service, String status, String database, String broker, List<Check> checks,
        Outbox outbox, String outboxError) {

    /** One readiness check as SmallRye Health reports it. */
    public record Check(String name, String status, Map<String, Object> data) {
    }

    /** Outbox rows waiting longer than the settle time, and the oldest row's age (0 when empty). */
    public record Outbox(long backlog, double oldestAgeSeconds) {
    }
}
