package io.fluxa.mysql;

import javax.sql.DataSource;

/**
 * A MySQL/MariaDB connection pool (HikariCP) with a small raw API. Thread-safe.
 * The ORM uses {@link #dataSource()} directly on hot paths.
 */
public interface MySqlPool {

    String code();

    /** The pooled data source. */
    DataSource dataSource();

    /** The database (schema) name this pool connects to. */
    String database();
}
