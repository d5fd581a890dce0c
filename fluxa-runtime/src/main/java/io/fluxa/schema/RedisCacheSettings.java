package io.fluxa.schema;

/** Rows of the entity are cached in Redis pool {@code pool}; {@code ttlSeconds} 0 means no expiry. */
public record RedisCacheSettings(String pool, int ttlSeconds) {
}
