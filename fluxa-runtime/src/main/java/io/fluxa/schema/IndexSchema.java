package io.fluxa.schema;

import java.util.List;

/** A non-unique MySQL index. Column names are in index position order. */
public record IndexSchema(String name, List<String> columns) {

    public IndexSchema {
        columns = List.copyOf(columns);
    }
}
