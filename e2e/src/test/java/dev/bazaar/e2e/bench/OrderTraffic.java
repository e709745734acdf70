package dev.bazaar.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The orders the benchmark places: POST /orders on ordering (the same saga as a cart checkout, minus cart's own
 * transaction and its cart.checked-out message), one product, quantity 1, a random customer, a fresh Idempotency-Key
 * per order. HTTP/1.1 over kept-alive connections, as a load balancer in front of the service would send them.
 */
final class OrderTraffic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The client's own work and the completions run on its selector thread (a same-thread executor): the callbacks
     * only count and time, and handing each response to a pool thread cost the load generator more CPU.
     */
    private final Executor callbacks = Runnable::run;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(callbacks).build();
    private final URI orders;
    private final List<String> tokens;
    private final List<UUID> products;

    OrderTraffic(String orderingUrl, List<String> tokens, List<UUID> products) {
        this.orders = URI.create(orderingUrl + "/orders");
        this.tokens = tokens;
        this.products = products;
    }

    CompletableFuture<HttpResponse<String>> placeAsync() {
        return http.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> place() throws java.io.IOException, InterruptedException {
        return http.send(request(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String body = "{\"lines\":[{\"productId\":\"" + products.get(random.nextInt(products.size()))
                + "\",\"quantity\":1}]}";
        return HttpRequest.newBuilder(orders).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
