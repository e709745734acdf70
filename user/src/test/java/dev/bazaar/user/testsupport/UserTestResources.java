package dev.bazaar.user.testsupport;

import dev.bazaar.infra.testing.LocalServices;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against one fresh PostgreSQL database and RabbitMQ vhost (one
 * application start for all test classes).
 */
@QuarkusTestResource(value = LocalServices.class, restrictToAnnotatedClass = false)
public final class UserTestResources {

    private UserTestResources() {
    }
}
