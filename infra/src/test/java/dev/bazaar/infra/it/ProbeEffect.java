package dev.bazaar.infra.it;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One applied effect of the probe consumer; a second row for the same product would be a duplicate effect. */
@Entity
@Table(name = "probe_effect")
public class ProbeEffect extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID productId;
    public String sku;
}
