package dev.bazaar.infra.inbox;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rows one message touches, named for its queue's {@link BatchLock}: declared with the message type's route.
 *
 * @param <P> the message's payload
 * @param <K> what names one row to lock
 */
@FunctionalInterface
public interface LockKeys<P, K> {

    /** Gives {@code keys} every row {@code payload} touches (none, one or several); a null key is left out. */
    void addTo(P payload, Consumer<K> keys);

    /** A message that touches one row, named by {@code key}. */
    static <P, K> LockKeys<P, K> one(Function<P, K> key) {
        return (payload, keys) -> keys.accept(key.apply(payload));
    }
}
