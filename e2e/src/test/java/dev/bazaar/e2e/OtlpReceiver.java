package dev.bazaar.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP/HTTP trace receiver (protobuf, {@code POST /v1/traces}) on a free loopback port: the services export
 * their spans to it as they would to a collector, and it decodes them with the OTLP protobuf classes. It keeps the
 * spans ({@code keep}) or only counts them (the benchmark).
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as exported: ids in lower-case hex, the parent id empty for a root span. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, long startNanos, long endNanos, Map<String, String> attributes, List<String> events,
            List<String> links) {

        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean keep;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    /** The ids of the threads that do its work: those its server started, and the handler's thread. */
    private final Set<Long> threads = ConcurrentHashMap.newKeySet();

    private OtlpReceiver(boolean keep) throws IOException {
        this.keep = keep;
        // every thread the JDK's server starts for itself (dispatcher, timer) is one of its own, whatever its name
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "otlp-receiver");
            thread.setDaemon(true);
            threads.add(thread.getId());
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .forEach(thread -> threads.add(thread.getId()));
    }

    public static OtlpReceiver start(boolean keep) {
        try {
            return new OtlpReceiver(keep);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OTLP receiver", e);
        }
    }

    /** The base URL the services export to (they append {@code /v1/traces}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Spans received so far (kept or not). */
    public long received() {
        return received.get();
    }

    /**
     * CPU time its threads have used so far, in milliseconds: the work of a tracing backend, which a benchmark running
     * it in its own JVM must not count as load generation. The collector's and compiler's work for it is not in it;
     * 0 where the JVM does not measure threads' CPU time.
     */
    public double cpuMillis() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return threads.stream().mapToLong(bean::getThreadCpuTime).filter(nanos -> nanos > 0).sum() / 1e6;
    }

    /** Export requests received so far. */
    public long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith(
                    "/v1/traces")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            requests.incrementAndGet();
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attribute(resourceSpans.getResource(), "service.name");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    received.addAndGet(scopeSpans.getSpansCount());
                    if (keep) {
                        scopeSpans.getSpansList().forEach(span -> spans.add(decode(service, span)));
                    }
                }
            }
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    private static ReceivedSpan decode(String service, Span span) {
        Map<String, String> attributes = new HashMap<>();
        for (KeyValue attribute : span.getAttributesList()) {
            attributes.put(attribute.getKey(), text(attribute.getValue()));
        }
        List<String> events = new ArrayList<>();
        span.getEventsList().forEach(event -> events.add(event.getName()));
        List<String> links = new ArrayList<>();
        span.getLinksList().forEach(link -> links.add(HEX.formatHex(link.getTraceId().toByteArray()) + "/"
                + HEX.formatHex(link.getSpanId().toByteArray())));
        return new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                HEX.formatHex(span.getSpanId().toByteArray()), HEX.formatHex(span.getParentSpanId().toByteArray()),
                span.getName(), span.getKind().name(), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                attributes, events, links);
    }

    private static String attribute(Resource resource, String key) {
        return resource.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key))
                .map(attribute -> text(attribute.getValue())).findFirst().orElse("?");
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
