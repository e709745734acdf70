package dev.bazaar.e2e.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of orders from several customers, as real clients send them: each order is one request with its
 * own Idempotency-Key, retried with the same key after a timeout, a refused connection or a 5xx until it is accepted
 * (2xx) or the stream gives up on it. What was accepted is what the system must not lose.
 */
final class CheckoutStream implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"(?:orderId|id)\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A customer of the stream: token and the base URL to send each request to (spread over replicas). A buyer with
     * a cart URL shops through the cart (put item, check out, wait for the cart to reopen); others POST /orders.
     */
    record Buyer(UUID customerId, String token, Supplier<String> orderingUrl, Supplier<String> cartUrl) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Buyer> buyers;
    private final List<UUID> products;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long startedNanos;
    private volatile long closedNanos;

    CheckoutStream(List<Buyer> buyers, List<UUID> products, Duration pause) {
        this.buyers = buyers;
        this.products = products;
        this.pause = pause;
    }

    CheckoutStream start() {
        startedNanos = System.nanoTime();
        for (Buyer buyer : buyers) {
            Thread thread = new Thread(() -> run(buyer), "stream-buyer");
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    List<UUID> customers() {
        return buyers.stream().map(Buyer::customerId).toList();
    }

    Set<UUID> accepted() {
        return Set.copyOf(accepted);
    }

    /** How long the stream offered new orders: from {@link #start} to {@link #close}. */
    Duration streamed() {
        return Duration.ofNanos((closedNanos == 0 ? System.nanoTime() : closedNanos) - startedNanos);
    }

    /** Idempotency keys ever sent: each may create at most one order. */
    int keysSent() {
        return keys.size();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    long abandoned() {
        return abandoned.get();
    }

    /** 4xx answers to well-formed orders: none are expected, whatever the fault. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Stops sending new orders; requests in retry finish their attempts first. */
    @Override
    public void close() {
        if (running.getAndSet(false)) {
            closedNanos = System.nanoTime();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Buyer buyer) {
        while (running.get()) {
            UUID product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
            int quantity = 1 + ThreadLocalRandom.current().nextInt(2);
            if (buyer.cartUrl() == null) {
                String body = "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]}";
                place(buyer, () -> buyer.orderingUrl().get() + "/orders", body);
            } else if (send(buyer, "PUT", buyer.cartUrl().get() + "/carts/me/items/" + product,
                    "{\"quantity\":" + quantity + "}", null) == 200) {
                place(buyer, () -> buyer.cartUrl().get() + "/carts/me/checkout", "");
                awaitCartReopened(buyer);
            }
            sleep(pause.toMillis());
        }
    }

    /** After a checkout the cart stays frozen until the order's outcome reaches cart. */
    private void awaitCartReopened(Buyer buyer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String[] body = new String[1];
            if (send(buyer, "GET", buyer.cartUrl().get() + "/carts/me", null, body) == 200
                    && body[0].contains("\"status\":\"OPEN\"")) {
                return;
            }
            sleep(200);
        }
    }

    private int send(Buyer buyer, String method, String url, String json, String[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + buyer.token()).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (body != null) {
                body[0] = response.body();
            }
            return response.statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void place(Buyer buyer, Supplier<String> url, String body) {
        String key = UUID.randomUUID().toString();
        keys.add(key);
        for (int attempt = 1; attempt <= 60; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                        .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + buyer.token()).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    Matcher id = ID.matcher(response.body());
                    if (!id.find()) {
                        throw new IllegalStateException("accepted without an order id: " + response.body());
                    }
                    accepted.add(UUID.fromString(id.group(1)));
                    return;
                }
                if (response.statusCode() < 500) {
                    refusals.add(response.statusCode() + " " + response.body());
                    return;
                }
            } catch (java.io.IOException e) {
                // connection refused, reset or timed out: the same key again is safe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failedAttempts.incrementAndGet();
            sleep(500);
        }
        abandoned.incrementAndGet();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
