package dev.bazaar.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.LocalServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Mutiny callbacks built on an event loop are not wrapped for context propagation; on a worker thread they still are,
 * so blocking code that hops between threads keeps its contexts.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class EventLoopCallbacksTest {

    @Inject
    Vertx vertx;

    @Test
    void callbacksBuiltOnEveryEventLoopAreNotWrapped() throws Exception {
        // a context per event loop: Vert.x hands out new event-loop contexts round robin over its loops
        int loops = 0;
        for (var ignored : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        for (int i = 0; i < loops; i++) {
            Function<String, String> callback = String::trim;
            CompletableFuture<Function<String, String>> decorated = new CompletableFuture<>();
            Context context = ((VertxInternal) vertx).createEventLoopContext();
            context.runOnContext(nothing -> decorated.complete(Infrastructure.decorate(callback)));
            assertThat(decorated.get(10, TimeUnit.SECONDS)).isSameAs(callback);
        }
    }

    @Test
    void callbacksBuiltOnAWorkerThreadAreStillWrapped() throws Exception {
        Function<String, String> callback = String::trim;
        CompletableFuture<Function<String, String>> decorated = new CompletableFuture<>();
        Infrastructure.getDefaultWorkerPool().execute(() -> decorated.complete(Infrastructure.decorate(callback)));
        assertThat(decorated.get(10, TimeUnit.SECONDS)).isNotSameAs(callback);
    }
}
