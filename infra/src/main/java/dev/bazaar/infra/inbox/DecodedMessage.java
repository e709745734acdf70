package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.bazaar.events.Envelope;
import io.quarkus.logging.Log;

/** A delivery whose body was decoded and validated, with the route that applies it. */
record DecodedMessage(InboundDelivery delivery, Envelope envelope, MessageRoutes.Route<?> route) {

    /** The batch's envelopes, each message id once (a copy delivered twice in one batch is claimed once). */
    static List<Envelope> distinctEnvelopes(List<DecodedMessage> batch) {
        Map<UUID, Envelope> distinct = new LinkedHashMap<>();
        batch.forEach(message -> distinct.putIfAbsent(message.envelope().id(), message.envelope()));
        return List.copyOf(distinct.values());
    }

    /**
     * The messages whose ids the inbox claim returned ({@code fresh}), in delivery order, each once; every other
     * copy was processed before and is acknowledged without effect.
     */
    static List<DecodedMessage> claimed(MessageRoutes routes, List<DecodedMessage> batch, Set<UUID> fresh) {
        List<DecodedMessage> claimed = new ArrayList<>();
        for (DecodedMessage message : batch) {
            if (fresh.remove(message.envelope().id())) {
                claimed.add(message);
            } else {
                Log.debugf("Duplicate %s %s on %s acknowledged without effect", message.envelope().type(),
                        message.envelope().id(), routes.queue());
            }
        }
        return claimed;
    }
}
