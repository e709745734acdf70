/**
 * Bazaar's message contracts. Every message on the broker is an {@link dev.bazaar.events.Envelope} whose payload
 * matches one {@link dev.bazaar.events.MessageType} listed in {@link dev.bazaar.events.Contracts}: a record in a
 * sub-package for Java code and a JSON Schema under {@code schemas/} for everyone else. Producers build envelopes
 * with {@link dev.bazaar.events.MessageCodec#wrap}; consumers get validated ones from
 * {@link dev.bazaar.events.MessageCodec#decode}. How to change a contract without breaking anyone: see the
 * module's README.
 */
package dev.bazaar.events;
