package io.fluxa.spring.autoconfigure.web;

import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem descriptions for Fluxa failures, shared by the auto-flush filter (which writes
 * them itself, after the handler finished) and the MVC exception handler.
 */
public final class FluxaProblems {

    /** {@code type} of a unique-index violation. */
    public static final String DUPLICATE_KEY_TYPE = "urn:fluxa:problem:duplicate-key";
    /** {@code type} of a value a column cannot hold. */
    public static final String VALIDATION_TYPE = "urn:fluxa:problem:invalid-value";
    /** {@code type} of a reference to a row that does not exist. */
    public static final String FOREIGN_KEY_TYPE = "urn:fluxa:problem:foreign-key";
    /** {@code type} of any other failed flush. */
    public static final String FLUSH_FAILED_TYPE = "urn:fluxa:problem:flush-failed";

    private FluxaProblems() {
    }

    /**
     * The problem for an exception thrown while flushing. {@code status} 409 for duplicate keys,
     * 400 for validation errors, 409 for foreign keys, 500 otherwise. Members are in the order they
     * are written.
     */
    public static Map<String, Object> forFlushFailure(RuntimeException e, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        if (e instanceof DuplicateKeyException dup) {
            problem.put("type", DUPLICATE_KEY_TYPE);
            problem.put("title", "Duplicate key");
            problem.put("status", 409);
            problem.put("detail", dup.getMessage());
            problem.put("instance", instance);
            problem.put("table", dup.table());
            problem.put("index", dup.index());
        } else if (e instanceof FluxaValidationException invalid) {
            problem.put("type", VALIDATION_TYPE);
            problem.put("title", "Invalid value");
            problem.put("status", 400);
            problem.put("detail", invalid.getMessage());
            problem.put("instance", instance);
            problem.put("entity", invalid.entity());
            problem.put("field", invalid.field());
        } else if (e instanceof ForeignKeyException fk) {
            problem.put("type", FOREIGN_KEY_TYPE);
            problem.put("title", "Referenced row missing");
            problem.put("status", 409);
            problem.put("detail", fk.getMessage());
            problem.put("instance", instance);
            problem.put("table", fk.table());
            problem.put("constraint", fk.constraint());
        } else {
            problem.put("type", FLUSH_FAILED_TYPE);
            problem.put("title", "Changes could not be saved");
            problem.put("status", 500);
            problem.put("detail", "The request's changes were not saved: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            problem.put("instance", instance);
        }
        return problem;
    }

    /** Minimal JSON for a flat map of strings and numbers (the shapes above); no JSON library needed. */
    static String toJson(Map<String, Object> problem) {
        StringBuilder json = new StringBuilder("{");
        problem.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, key);
            json.append(':');
            if (value instanceof Number) {
                json.append(value);
            } else {
                appendString(json, value.toString());
            }
        });
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
