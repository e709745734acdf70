package dev.bazaar.infra.inbox;

import dev.bazaar.events.Envelope;

/** A delivery whose body was decoded and validated, with the route that applies it. */
record DecodedMessage(InboundDelivery delivery, Envelope envelope, MessageRoutes.Route<?> route) {
}
