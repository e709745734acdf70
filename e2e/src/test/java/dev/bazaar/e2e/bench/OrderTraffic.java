package dev.bazaar.e2e.bench;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The orders the benchmark places: POST /orders on ordering (the same saga as a cart checkout, minus cart's own
 * transaction and its cart.checked-out message), one product, quantity 1, a random customer, a fresh Idempotency-Key
 * per order. HTTP/1.1 over kept-alive connections, as a load balancer in front of the service would send them.
 * <p>
 * The client is Vert.x's (Netty, one event loop): it sends and completes every request on that one thread without
 * handing anything to a pool, which keeps the load generator's CPU per order small next to the services it shares
 * the cores with.
 */
final class OrderTraffic implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 30_000;
    private static final int CONNECTIONS = 64;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1));
    private final HttpClient http;
    private final List<String> tokens;
    private final List<UUID> products;

    OrderTraffic(String orderingUrl, List<String> tokens, List<UUID> products) {
        URI base = URI.create(orderingUrl);
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort()).setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));
        this.tokens = tokens;
        this.products = products;
    }

    /** Places one order; completes with the HTTP status (the body is read and dropped). */
    CompletableFuture<Integer> placeAsync() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String body = "{\"lines\":[{\"productId\":\"" + products.get(random.nextInt(products.size()))
                + "\",\"quantity\":1}]}";
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI("/orders")
                .setTimeout(TIMEOUT_MILLIS)
                .putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())))
                .putHeader("Idempotency-Key", UUID.randomUUID().toString());
        return http.request(request)
                .compose(sending -> sending.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
