package dev.bazaar.infra.persistence;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Deletes a large set of rows in small batches: one statement deletes at most {@code batchSize} rows and commits on
 * its own, so no clean-up holds many row locks or one long transaction, and the next statement runs until one deletes
 * fewer than a batch.
 */
public final class BatchedDelete {

    /** What a clean-up deleted, and in how many statements. */
    public record Deleted(long rows, int batches) {
    }

    private BatchedDelete() {
    }

    /**
     * Runs {@code batch} (a delete of at most {@code batchSize} rows that answers how many it deleted) until it
     * deletes fewer than {@code batchSize}.
     */
    public static Uni<Deleted> repeat(Supplier<Uni<Integer>> batch, int batchSize) {
        return repeat(batch, batchSize, new Deleted(0, 0));
    }

    private static Uni<Deleted> repeat(Supplier<Uni<Integer>> batch, int batchSize, Deleted soFar) {
        return batch.get().chain(deleted -> {
            Deleted now = new Deleted(soFar.rows() + deleted, soFar.batches() + 1);
            return deleted >= batchSize ? repeat(batch, batchSize, now) : Uni.createFrom().item(now);
        });
    }
}
