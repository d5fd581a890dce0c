package io.fluxa;

/**
 * Marks a field of an entity definition as a reference to another entity:
 * {@code Reference<Category> category} is stored as a {@code bigint unsigned} column holding the
 * category's id, with a foreign key. Only used in definitions; never instantiated.
 *
 * @param <T> the referenced entity's definition class
 */
public final class Reference<T> {

    private Reference() {
    }
}
