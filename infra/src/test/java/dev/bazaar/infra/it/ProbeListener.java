package dev.bazaar.infra.it;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.infra.inbox.RejectedMessageException;
import io.smallrye.mutiny.Uni;

/** Consumer of the probe application: applies product.created, failing on purpose for some SKUs. */
@ApplicationScoped
public class ProbeListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean fixableBroken = true;

    ProbeListener(InboundProcessor inbound) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("probe-in").on(Contracts.PRODUCT_CREATED, this::apply).build();
    }

    @Incoming("probe-in")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }

    /** Simulates a bug in the handler of FIXABLE- SKUs (on) and its fix (off). */
    public void breakFixable(boolean broken) {
        this.fixableBroken = broken;
    }

    /** How often the handler ran for a product (including failed attempts). */
    public int attempts(UUID productId) {
        return attempts.getOrDefault(productId, new AtomicInteger()).get();
    }

    private Uni<Void> apply(ProductCreated product, Envelope envelope) {
        int attempt = attempts.computeIfAbsent(product.productId(), id -> new AtomicInteger()).incrementAndGet();
        if (product.sku().startsWith("REJECT")) {
            throw new RejectedMessageException("sku " + product.sku() + " is not acceptable");
        }
        boolean failing = product.sku().startsWith("BROKEN") || (product.sku().startsWith("FIXABLE") && fixableBroken)
                || (product.sku().startsWith("FLAKY") && attempt < 3);
        if (failing) {
            return Uni.createFrom().failure(new IllegalStateException("simulated outage, attempt " + attempt));
        }
        ProbeEffect effect = new ProbeEffect();
        effect.id = UUID.randomUUID();
        effect.productId = product.productId();
        effect.sku = product.sku();
        return effect.persist().replaceWithVoid();
    }
}
