package dev.bazaar.infra.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTEN on the channel the outbox trigger notifies at commit. The subscriber has its own connection, reconnects by
 * itself and calls {@code onWake} again after every (re)subscription, which covers notifications missed while down.
 */
@ApplicationScoped
class OutboxNotifications {

    static final String CHANNEL = "bazaar_outbox";
    private static final long RECONNECT_DELAY_MS = 500;

    private final Vertx vertx;
    private final Config config;
    private PgSubscriber subscriber;

    OutboxNotifications(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
    }

    synchronized void listen(Runnable onWake) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions())
                .reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(CHANNEL)
                .handler(payload -> onWake.run())
                .subscribeHandler(onWake::run);
        subscriber.connect().subscribe().with(
                ignored -> Log.debugf("Outbox relay listening on %s", CHANNEL),
                failure -> Log.warnf("Outbox LISTEN connection failed, relying on the poll: %s", failure.toString()));
    }

    private PgConnectOptions connectOptions() {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class)
                .replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }

    @PreDestroy
    synchronized void close() {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
