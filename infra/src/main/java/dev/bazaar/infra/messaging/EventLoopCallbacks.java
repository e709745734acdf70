package dev.bazaar.infra.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.context.ThreadContext;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.context.SmallRyeThreadContext;
import io.vertx.core.Vertx;

/**
 * Mutiny callbacks created on a Vert.x event loop run as they are, without a context-propagation wrapper.
 * <p>
 * With context propagation on, Mutiny wraps every callback of every operator in a snapshot of the CDI and transaction
 * contexts, taken when the operator is built and restored around each call: on the message path that was about a fifth
 * of the bytes allocated. On an event loop the wrapper carries nothing the code needs: everything there runs on a
 * Vert.x duplicated context, which already holds the request context, the reactive session, the batch's pending outbox
 * rows and the OpenTelemetry context, and a reactive client calls back on the context that called it. So each event
 * loop gets a thread context that propagates and clears nothing, which SmallRye Context Propagation answers by
 * returning the callback unwrapped. Worker threads keep the default (propagate everything): blocking code that hops
 * between threads still finds its contexts.
 */
@ApplicationScoped
class EventLoopCallbacks {

    /** Context propagation on the event loops. */
    @ConfigMapping(prefix = "bazaar.event-loop")
    interface Config {

        /** Whether Mutiny callbacks built on an event loop carry a context-propagation snapshot; see the class. */
        @WithDefault("false")
        boolean contextPropagation();
    }

    void unwrapped(@Observes @Priority(1) StartupEvent started, Vertx vertx, Config config) {
        if (config.contextPropagation()) {
            return;
        }
        SmallRyeThreadContext none = (SmallRyeThreadContext) SmallRyeContextManagerProvider.getManager()
                .newThreadContextBuilder()
                .propagated()
                .cleared()
                .unchanged(ThreadContext.ALL_REMAINING)
                .build();
        int loops = 0;
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            // Left open on purpose: the loop's thread keeps this thread context for as long as it lives.
            loop.execute(() -> SmallRyeThreadContext.withThreadContext(none));
            loops++;
        }
        Log.debugf("Context propagation off on %d event loop(s)", loops);
    }
}
