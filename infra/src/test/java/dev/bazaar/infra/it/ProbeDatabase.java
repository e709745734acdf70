package dev.bazaar.infra.it;

import java.util.UUID;

import dev.bazaar.infra.testing.TestDatabase;

/** Direct reads of the probe application's database, independent of the code under test. */
final class ProbeDatabase {

    private ProbeDatabase() {
    }

    static long effects(UUID productId) {
        return TestDatabase.count("select count(*) from probe_effect where product_id = ?", productId);
    }

    static long outboxRows() {
        return TestDatabase.count("select count(*) from outbox_message");
    }
}
