package io.fluxa.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stream entry: its id ({@code 1700000000000-0}) and its fields in the order they were added.
 * Field values are decoded as UTF-8.
 */
public record StreamEntry(String id, Map<String, String> fields) {

    public StreamEntry {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
