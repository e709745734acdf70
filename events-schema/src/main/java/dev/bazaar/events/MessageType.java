package dev.bazaar.events;

/**
 * A message contract: the wire type (also the routing key), its version and the record its payload maps to.
 * Each one has a JSON Schema at {@code schemas/<schemaId>.json} on the classpath.
 */
public record MessageType<P>(String type, int version, Class<P> payloadClass) {

    public String schemaId() {
        return type + ".v" + version;
    }
}
