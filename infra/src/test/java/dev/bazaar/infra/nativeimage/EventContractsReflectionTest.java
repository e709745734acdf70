package dev.bazaar.infra.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every record a message contract reaches (payloads and the records inside them) is registered for native images. */
class EventContractsReflectionTest {

    @Test
    void everyContractRecordIsRegisteredForReflection() {
        Set<Class<?>> reachable = new LinkedHashSet<>();
        collect(Envelope.class, reachable);
        for (MessageType<?> type : Contracts.all()) {
            collect(type.payloadClass(), reachable);
        }

        List<Class<?>> registered = List.of(EventContractsReflection.class.getAnnotation(RegisterForReflection.class)
                .targets());

        assertThat(reachable).hasSizeGreaterThan(Contracts.all().size());
        assertThat(registered).containsAll(reachable);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (!type.isRecord() || !type.getPackageName().startsWith("dev.bazaar.events") || !into.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            collect(component.getType(), into);
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    if (argument instanceof Class<?> element) {
                        collect(element, into);
                    }
                }
            }
        }
    }
}
