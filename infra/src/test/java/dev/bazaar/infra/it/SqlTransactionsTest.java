package dev.bazaar.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.infra.persistence.SqlTransactions;
import dev.bazaar.infra.persistence.UniqueKeyViolation;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transactions whose BEGIN and COMMIT ride on the work's own round trips, on the real PostgreSQL: what commits, what a
 * failed pipelined write leaves behind (nothing), and how the round trips are counted.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class SqlTransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INSERT = "insert into pipelined_note (id, note) values ($1, $2)";

    @Inject
    SqlTransactions transactions;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void freshTable() {
        TestDatabase.update("create table if not exists pipelined_note (id int primary key, note text not null)");
        TestDatabase.update("delete from pipelined_note");
    }

    @Test
    void writesSentWithTheCommitAreStoredInTwoRoundTripsForAReadAndTheWrites() {
        double fewest = Double.MAX_VALUE;
        // the service's own outbox work counts into the same meter now and then: the fewest of a few runs is ours
        for (int run = 0; run < 5; run++) {
            int id = run * 2;
            double before = roundTrips();
            long seen = transactions.inTransaction(transaction -> {
                        SqlConnection connection = transaction.connection();
                        return connection.query("select count(*) from pipelined_note").execute()
                                .map(rows -> rows.iterator().next().getLong(0))
                                .call(count -> transaction.commitWith(List.of(insert(connection, id, "one"),
                                        insert(connection, id + 1, "two"))));
                    })
                    .await().atMost(WAIT);
            fewest = Math.min(fewest, roundTrips() - before);
            assertThat(seen).isEqualTo(id);
        }

        assertThat(TestDatabase.count("select count(*) from pipelined_note")).isEqualTo(10);
        // BEGIN + the read, then both inserts + COMMIT
        assertThat(fewest).isEqualTo(2.0);
    }

    @Test
    void aFailedWriteInThePipelineRollsBackTheWritesBeforeItAndFailsWithItsCause() {
        TestDatabase.update("insert into pipelined_note (id, note) values (7, 'kept')");

        assertThatThrownBy(() -> transactions.inTransaction(transaction -> transaction.commitWith(List.of(
                        insert(transaction.connection(), 8, "before the failure"),
                        insert(transaction.connection(), 7, "duplicate"),
                        insert(transaction.connection(), 9, "after the failure"))))
                .await().atMost(WAIT))
                .satisfies(failure -> assertThat(UniqueKeyViolation.of(failure, "pipelined_note_pkey")).isTrue());

        assertThat(TestDatabase.strings("select note from pipelined_note order by id")).containsExactly("kept");
        assertNoTransactionLeftOpen();
    }

    @Test
    void aStatementFailureTheWorkRecoversFromStillRollsTheTransactionBack() {
        TestDatabase.update("insert into pipelined_note (id, note) values (1, 'kept')");

        assertThatThrownBy(() -> transactions.inTransaction(transaction -> insert(transaction.connection(), 2, "lost")
                        .chain(() -> insert(transaction.connection(), 1, "dup"))
                        .onFailure().recoverWithNull()
                        .chain(() -> transaction.commitWith(List.of())))
                .await().atMost(WAIT))
                .isInstanceOf(SqlTransactions.RolledBack.class)
                .satisfies(failure -> assertThat(UniqueKeyViolation.of(failure, "pipelined_note_pkey")).isTrue());

        assertThat(TestDatabase.strings("select note from pipelined_note order by id")).containsExactly("kept");
        assertNoTransactionLeftOpen();
    }

    @Test
    void workThatFailsBeforeCommittingIsRolledBack() {
        assertThatThrownBy(() -> transactions.inTransaction(transaction -> insert(transaction.connection(), 3, "x")
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("refused"))))
                .await().atMost(WAIT))
                .hasMessageContaining("refused");

        assertThat(TestDatabase.count("select count(*) from pipelined_note")).isZero();
        assertNoTransactionLeftOpen();
    }

    @Test
    void workThatDoesNotCommitItselfIsCommittedAfterItsResult() {
        String result = transactions.inTransaction(transaction -> insert(transaction.connection(), 4, "four")
                        .replaceWith("done"))
                .await().atMost(WAIT);

        assertThat(result).isEqualTo("done");
        assertThat(TestDatabase.strings("select note from pipelined_note")).containsExactly("four");
    }

    /** The connection went back to the pool clean: transactions after it work (an aborted leftover would fail them). */
    private void assertNoTransactionLeftOpen() {
        for (int i = 0; i < 8; i++) {
            int id = 100 + i;
            transactions.inTransaction(transaction -> transaction.commitWith(List.of(
                    insert(transaction.connection(), id, "after")))).await().atMost(WAIT);
        }
        assertThat(TestDatabase.count("select count(*) from pipelined_note where note = 'after'")).isEqualTo(8);
    }

    private static Uni<Void> insert(SqlConnection connection, int id, String note) {
        return connection.preparedQuery(INSERT).execute(Tuple.of(id, note)).replaceWithVoid();
    }

    private double roundTrips() {
        return registry.get("bazaar.sql.round.trips").counter().count();
    }
}
