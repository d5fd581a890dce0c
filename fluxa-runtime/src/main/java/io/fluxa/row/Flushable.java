package io.fluxa.row;

/**
 * Something a {@link io.fluxa.Context} tracks until the next flush: the state of a generated entity
 * with a pending insert, update or delete ({@link EntityState}).
 */
public interface Flushable {
}
