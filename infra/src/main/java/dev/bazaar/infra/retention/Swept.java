package dev.bazaar.infra.retention;

/** What one sweep of a table deleted, and in how many statements. */
public record Swept(String table, long rows, int batches) {
}
