package io.fluxa.mysql;

import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A MySQL/MariaDB connection pool (HikariCP) with a small raw API. Thread-safe.
 * The ORM uses {@link #dataSource()} directly on hot paths.
 */
public interface MySqlPool extends SqlOperations {

    String code();

    /** The pooled data source. */
    DataSource dataSource();

    /** The database (schema) name this pool connects to. */
    String database();

    /** The server's version string, e.g. {@code 10.11.6-MariaDB}. */
    String serverVersion();

    /** True for MariaDB, false for MySQL. */
    boolean isMariaDb();

    /** Runs {@code work} in one transaction: commit when it returns, rollback when it throws. */
    <T> T inTransaction(Function<Transaction, T> work);

    /** A new, empty pipeline on this pool. */
    DatabasePipeline pipeline();
}
