package dev.bazaar.user.infrastructure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.TopUp;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Top-ups in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class TopUpRepository implements PanacheRepositoryBase<TopUpEntity, UUID> {

    public Uni<Void> add(TopUp topUp) {
        return persist(TopUpEntity.from(topUp)).replaceWithVoid();
    }
}
