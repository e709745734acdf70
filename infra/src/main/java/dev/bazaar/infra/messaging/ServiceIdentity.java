package dev.bazaar.infra.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The name of the running service: the {@code source} of its messages and the prefix of its exchange. */
@ApplicationScoped
public class ServiceIdentity {

    private final String name;

    ServiceIdentity(@ConfigProperty(name = "bazaar.service-name") String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String exchange() {
        return name + ".events";
    }
}
