package io.fluxa.schema;

import java.util.List;

/**
 * A unique index. {@code cached} indexes are resolved through Redis before MySQL.
 *
 * @param name the index name as declared ({@code @Unique(name = "Email")}); also the MySQL index name
 * @param columns column names in index position order
 */
public record UniqueIndexSchema(String name, List<String> columns, boolean cached) {

    public UniqueIndexSchema {
        columns = List.copyOf(columns);
    }
}
