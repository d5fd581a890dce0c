package io.fluxa.schema;

import java.util.List;

/** The engine's view of registered entities and of the live MySQL schema. */
public interface SchemaManager {

    /** Every registered entity, sorted by entity name. */
    List<EntitySchema> entities();

    /** The alters that would make every MySQL pool match the registered entities, in the order to run them. */
    List<Alter> alters();

    /** Runs {@link #alters()}; {@code includeUnsafe} false skips those that drop data. Returns what ran. */
    List<Alter> applyAlters(boolean includeUnsafe);
}
