package dev.bazaar.e2e.shipping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A stand-in service for the gateway checks: records what reaches it and answers 200 (201 with a Location on POST). */
final class StubUpstream implements AutoCloseable {

    record Received(String method, String uri, Map<String, List<String>> headers, int bodyLength) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubUpstream(String service, String locationOnPost) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body.length));
            byte[] answer = ("{\"service\":\"" + service + "\"}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            int status = 200;
            if ("POST".equals(exchange.getRequestMethod()) && locationOnPost != null) {
                // As Quarkus answers: absolute, built from the Host header the gateway forwarded.
                exchange.getResponseHeaders().add("Location", "http://" + exchange.getRequestHeaders()
                        .getFirst("Host") + locationOnPost);
                status = 201;
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
