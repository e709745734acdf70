package dev.bazaar.infra.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How old inbox rows and Idempotency-Key responses get before {@link RetentionSweeper} deletes them, and how. */
@ConfigMapping(prefix = "bazaar.retention")
public interface RetentionConfig {

    /** Age after which a consumed message's inbox row is deleted (a copy redelivered later is applied again). */
    @WithDefault("7d")
    Duration inbox();

    /** Age after which a stored Idempotency-Key response is deleted (a retry later runs the command again). */
    @WithDefault("24h")
    Duration idempotencyKeys();

    /** How often the expired rows are looked for; the first sweep runs one interval after start. */
    @WithDefault("10m")
    Duration interval();

    /** Rows deleted per statement: each batch is its own short transaction, so no sweep holds many row locks. */
    @WithDefault("500")
    int batchSize();
}
