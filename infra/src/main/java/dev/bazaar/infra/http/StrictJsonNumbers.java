package dev.bazaar.infra.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Jackson truncates 1.5 to 1 for an integer field by default, so "restock 1.5" would silently add 1. Refusing it
 * makes such a body a 400 problem, in every service.
 */
@Singleton
public class StrictJsonNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
