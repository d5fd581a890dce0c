package io.fluxa.schema;

/**
 * One schema change.
 *
 * @param sql the statement
 * @param pool the MySQL pool it runs on
 * @param safe false when it can lose data (drop column, drop table, narrowing a type)
 */
public record Alter(String sql, String pool, boolean safe) {
}
