package io.fluxa.schema;

/** Rows of the entity are cached in the local cache pool {@code pool}, at most {@code size} rows (0 = unlimited). */
public record LocalCacheSettings(String pool, int size) {
}
