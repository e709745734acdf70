package dev.bazaar.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.retention.RetentionSweeper;
import dev.bazaar.infra.retention.Swept;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Retention on the real PostgreSQL: 7 days for inbox rows, 24 hours for Idempotency-Key responses, 50 rows a batch. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RetentionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    RetentionSweeper sweeper;

    @Test
    void inboxRowsOlderThanTheRetentionAreDeletedInBatchesAndYoungerOnesKept() {
        inboxRows("retention-old", 120, "8 days");
        inboxRows("retention-young", 30, "6 days 23 hours");

        Swept swept = sweeper.sweepInbox().await().atMost(TIMEOUT);

        assertThat(swept.rows()).isEqualTo(120);
        assertThat(swept.batches()).isEqualTo(3);
        assertThat(TestDatabase.count("select count(*) from inbox_message where consumer = 'retention-old'")).isZero();
        assertThat(TestDatabase.count("select count(*) from inbox_message where consumer = 'retention-young'"))
                .isEqualTo(30);
        assertThat(sweeper.sweepInbox().await().atMost(TIMEOUT).rows()).isZero();
    }

    @Test
    void idempotencyKeysOlderThanTheRetentionAreDeletedInBatchesAndYoungerOnesKept() {
        idempotencyKeys("retention-old", 100, "25 hours");
        idempotencyKeys("retention-young", 10, "23 hours");

        Swept swept = sweeper.sweepIdempotencyKeys().await().atMost(TIMEOUT);

        assertThat(swept.rows()).isEqualTo(100);
        assertThat(swept.batches()).as("two full batches and an empty one").isEqualTo(3);
        assertThat(TestDatabase.count("select count(*) from idempotency_key where scope = 'retention-old'")).isZero();
        assertThat(TestDatabase.count("select count(*) from idempotency_key where scope = 'retention-young'"))
                .isEqualTo(10);
    }

    @Test
    void theDeletesFindTheirRowsThroughAnAgeIndex() {
        assertThat(TestDatabase.strings("select indexname from pg_indexes where tablename in "
                + "('inbox_message', 'idempotency_key') order by indexname"))
                .contains("idempotency_key_created_at", "inbox_message_received_at");
    }

    private static void inboxRows(String consumer, int count, String age) {
        TestDatabase.update("insert into inbox_message (consumer, message_id, message_type, received_at) "
                + "select '" + consumer + "', gen_random_uuid(), 'probe', now() - interval '" + age + "' "
                + "from generate_series(1, " + count + ")");
    }

    private static void idempotencyKeys(String scope, int count, String age) {
        TestDatabase.update("insert into idempotency_key (scope, key, fingerprint, status, created_at) "
                + "select '" + scope + "', 'key-' || n, 'f', 201, now() - interval '" + age + "' "
                + "from generate_series(1, " + count + ") n");
    }
}
