package dev.bazaar.infra.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.MessageCodec;

/** One shared, thread-safe codec per service: schemas are loaded once. */
public class CodecProducer {

    @Produces
    @Singleton
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
