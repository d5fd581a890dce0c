package io.fluxa.mysql;

import java.util.List;
import java.util.Optional;

/**
 * Raw SQL with bound parameters. Parameters are bound positionally ({@code ?}); {@code Instant}
 * and {@code LocalDateTime} bind as UTC datetimes, {@code LocalDate} as dates, enums by name.
 */
public interface SqlOperations {

    /** Runs an INSERT/UPDATE/DELETE/DDL statement. */
    ExecResult exec(String sql, Object... args);

    /** The first row, mapped, or empty. */
    <T> Optional<T> queryRow(String sql, RowMapper<T> mapper, Object... args);

    /** Every row, mapped. */
    <T> List<T> queryRows(String sql, RowMapper<T> mapper, Object... args);
}
