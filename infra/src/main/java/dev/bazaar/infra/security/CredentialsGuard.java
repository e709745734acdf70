package dev.bazaar.infra.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start a packaged service (the prod profile) whose database or broker password is missing or one of the
 * well-known defaults: {@code bazaar_<service>} for the database role, {@code guest} for RabbitMQ. Such a service would
 * otherwise run with credentials anyone can guess (the prod profile itself has no password defaults any more). It runs
 * before any other start-up observer, so no consumer, relay or sweeper starts; Flyway has migrated by then (with the
 * password given, or none: a server that asks for one refuses that connection already). Dev and test runs (Dev
 * Services, the local test servers) are not checked.
 *
 * <p>The refusal is a {@link ConfigurationException}: Quarkus prints its message straight to standard error, so it is
 * seen even with asynchronous console logging, whose queue a failing start may not drain before the JVM exits.
 */
@ApplicationScoped
public class CredentialsGuard {

    static final String BROKER_DEFAULT = "guest";

    private final Config config;

    CredentialsGuard(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(config.getValue("bazaar.service-name", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class),
                config.getOptionalValue("rabbitmq-password", String.class));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Refusing to start with insecure credentials: "
                    + String.join("; ", problems), Set.of("quarkus.datasource.password", "rabbitmq-password"));
        }
    }

    /** What is wrong with these passwords, one sentence each; empty when both are set and not a known default. */
    public static List<String> problems(String service, Optional<String> databasePassword,
            Optional<String> brokerPassword) {
        List<String> problems = new ArrayList<>();
        check(problems, "database", "BAZAAR_DB_PASSWORD", databasePassword, "bazaar_" + service);
        check(problems, "broker", "BAZAAR_RABBITMQ_PASSWORD", brokerPassword, BROKER_DEFAULT);
        return problems;
    }

    private static void check(List<String> problems, String what, String variable, Optional<String> password,
            String knownDefault) {
        if (password.isEmpty() || password.get().isBlank()) {
            problems.add("the " + what + " password is not set (set " + variable + ")");
        } else if (password.get().equals(knownDefault)) {
            problems.add("the " + what + " password is the well-known default '" + knownDefault + "' (set "
                    + variable + " to the real one)");
        }
    }
}
