package dev.bazaar.ordering.testsupport;

import dev.bazaar.infra.testing.LocalServices;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against a fresh PostgreSQL database and RabbitMQ vhost (one per
 * application start: the default profile and {@link ShortDeadlines} each get their own).
 */
@QuarkusTestResource(value = LocalServices.class, restrictToAnnotatedClass = false)
public final class OrderingTestResources {

    private OrderingTestResources() {
    }
}
