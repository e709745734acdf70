package dev.bazaar.infra.inbox;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every queue of the service has its consumers connected to the broker. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    private final QueueConsumers consumers;

    ConsumersReadiness(QueueConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Boolean> connected = new TreeMap<>(consumers.connected());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("message consumers")
                .status(connected.values().stream().allMatch(Boolean::booleanValue));
        connected.forEach((queue, up) -> response.withData(queue, up ? "consuming" : "disconnected"));
        return response.build();
    }
}
