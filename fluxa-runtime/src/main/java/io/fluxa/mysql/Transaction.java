package io.fluxa.mysql;

/**
 * Statements run on one connection inside {@link MySqlPool#inTransaction}: committed when the
 * callback returns, rolled back when it throws.
 */
public interface Transaction extends SqlOperations {
}
