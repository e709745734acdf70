package dev.bazaar.cart.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Cart's copy of catalog's products, written by the product-event handlers with plain SQL on a message batch's
 * transaction. Each write is a single upsert that compares the event's time with the stored {@code price_as_of} in
 * the database itself, so two replicas applying events of one product concurrently (and in any order) end with the
 * newest price: no read-modify-write window, no lost update. One statement per event, sent back to back on the
 * batch's connection, which runs them in that order (a multi-row upsert could not touch one product twice).
 */
@ApplicationScoped
public class ProductCopyStore {

    /**
     * product.created is the only source of the name, so it always sets name and sku; the price only if it is newer
     * than the stored one (a price change may have overtaken the creation).
     */
    private static final String APPLY_CREATED = """
            insert into product_copy as p (product_id, sku, name, price, price_as_of)
            values ($1, $2, $3, $4, $5)
            on conflict (product_id) do update set
                sku = excluded.sku,
                name = excluded.name,
                price = case when excluded.price_as_of > p.price_as_of then excluded.price else p.price end,
                price_as_of = greatest(excluded.price_as_of, p.price_as_of)
            """;

    /** A price change for a product not known yet is kept, named by its sku until product.created arrives. */
    private static final String APPLY_PRICE = """
            insert into product_copy as p (product_id, sku, name, price, price_as_of)
            values ($1, $2, $2, $3, $4)
            on conflict (product_id) do update set
                price = excluded.price,
                price_as_of = excluded.price_as_of
            where excluded.price_as_of > p.price_as_of
            """;

    /** Applies product.created as of {@code occurredAt}. */
    public Uni<Void> applyCreated(SqlConnection transaction, UUID productId, String sku, String name,
            BigDecimal price, Instant occurredAt) {
        return transaction.preparedQuery(APPLY_CREATED)
                .execute(Tuple.of(productId, sku, name, price, timestamp(occurredAt)))
                .replaceWithVoid();
    }

    /** @return whether the price was applied (false: the stored price is as new or newer) */
    public Uni<Boolean> applyPriceChange(SqlConnection transaction, UUID productId, String sku, BigDecimal newPrice,
            Instant occurredAt) {
        return transaction.preparedQuery(APPLY_PRICE)
                .execute(Tuple.of(productId, sku, newPrice, timestamp(occurredAt)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** PostgreSQL keeps microseconds: compare what is stored, not nanoseconds it would round away. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
