package io.fluxa.flush;

/**
 * An entity with a pending insert, update or delete, tracked by a {@link io.fluxa.Context} until
 * it is flushed. Generated entities implement it through the ORM's entity base class.
 */
public interface Flushable {
}
