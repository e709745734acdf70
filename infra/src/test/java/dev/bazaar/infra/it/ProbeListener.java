package dev.bazaar.infra.it;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.infra.inbox.RejectedMessageException;
import io.smallrye.mutiny.Uni;

/** Consumer of the probe application: applies product.created, failing on purpose for some SKUs. */
@ApplicationScoped
public class ProbeListener {

    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean fixableBroken = true;

    /** Queue probe.in: product.created from the probe's own exchange. */
    @Produces
    @Singleton
    MessageRoutes probeIn() {
        return MessageRoutes.builder("probe-in", "probe.in")
                .on(Contracts.PRODUCT_CREATED, "probe.events", this::apply)
                .build();
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
