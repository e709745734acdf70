package dev.bazaar.user.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bazaar.user.domain.Customer;
import dev.bazaar.user.domain.Role;
import dev.bazaar.user.infrastructure.CustomerRepository;
import dev.bazaar.user.infrastructure.UserConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Creates the configured administrator at start-up if no user has that email yet, so a fresh installation has
 * someone who can top up credit. Safe with several replicas starting at once: the loser of the race hits the unique
 * email index and moves on. An existing user is never changed (its password may have been changed since).
 */
@ApplicationScoped
public class AdminBootstrap {

    private final UserConfig.Admin admin;
    private final CustomerRepository customers;
    private final Registration registration;

    AdminBootstrap(UserConfig config, CustomerRepository customers, Registration registration) {
        this.admin = config.admin();
        this.customers = customers;
        this.registration = registration;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            Log.debug("No bootstrap administrator configured");
            return;
        }
        // Start-up runs on the main thread; Hibernate Reactive needs a Vert.x context, which this provides.
        VertxContextSupport.subscribeAndAwait(() -> ensureAdmin(admin.email().get(), admin.password().get()));
    }

    /** Creates the administrator unless a user with {@code email} exists; a lost race with a replica is fine. */
    Uni<Void> ensureAdmin(String rawEmail, String password) {
        String email = Customer.normalizeEmail(rawEmail);
        return Panache.withSession(() -> customers.existsByEmail(email))
                .chain(exists -> {
                    if (exists) {
                        Log.infof("Bootstrap administrator %s already exists", email);
                        return Uni.createFrom().voidItem();
                    }
                    return registration.register(email, admin.name(), password, Role.ADMIN)
                            .invoke(created -> Log.infof("Created bootstrap administrator %s (%s)", email,
                                    created.id()))
                            .onFailure(EmailAlreadyRegisteredException.class)
                            .recoverWithItem(failure -> {
                                Log.infof("Bootstrap administrator %s was created by another replica", email);
                                return null;
                            })
                            .replaceWithVoid();
                });
    }
}
