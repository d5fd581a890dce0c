package io.fluxa.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link RedisPool#getOrLoad}: read, or load once per process (single flight), store with a TTL. */
final class CacheAside {

    /** What {@link #stored} answers when there is no usable value. */
    private static final Object MISS = new Object();

    private CacheAside() {
    }

    static <T> T getOrLoad(RedisPool pool, String key, Duration ttl, Class<T> type, boolean cacheNull,
            Supplier<? extends T> loader) {
        Args.key(key);
        Objects.requireNonNull(loader, "loader must not be null");
        Objects.requireNonNull(type, "type must not be null");
        if (!PlainValues.supports(type)) {
            throw new IllegalArgumentException("getOrLoad cannot store a " + type.getName() + "; it stores "
                    + PlainValues.SUPPORTED + " (encode other types yourself, e.g. as a JSON String)");
        }
        Args.positiveMillis(ttl, "ttl");
        Object hit = stored(pool, key, type);
        if (hit != MISS) {
            return type.cast(hit);
        }
        return pool.loads().run(key, () -> {
            Object justStored = stored(pool, key, type); // by a load that finished just before this one started
            if (justStored != MISS) {
                return type.cast(justStored);
            }
            T value = loader.get();
            if (value != null || cacheNull) {
                pool.set(key, PlainValues.encode(value), ttl);
            }
            return value;
        });
    }

    /** The decoded value under {@code key} (null for a stored null), or {@link #MISS}. */
    private static Object stored(RedisPool pool, String key, Class<?> type) {
        Optional<byte[]> bytes = pool.getBytes(key);
        if (bytes.isEmpty()) {
            return MISS;
        }
        try {
            return PlainValues.decode(bytes.get(), type);
        } catch (IllegalArgumentException mismatch) {
            return MISS; // written by code expecting another type: load again and replace it
        }
    }
}
