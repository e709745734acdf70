package dev.bazaar.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes money as a JSON string in plain notation ("1000", never "1E+3"), keeping its scale ("12.50").
 * Used instead of a {@code configOverride(BigDecimal.class)} string shape plus {@code WRITE_BIGDECIMAL_AS_PLAIN}:
 * {@code valueToTree}, which {@link MessageCodec#wrap} uses, ignores generator features and would write "1E+3".
 */
final class PlainDecimalSerializer extends StdScalarSerializer<BigDecimal> {

    PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(value.toPlainString());
    }
}
