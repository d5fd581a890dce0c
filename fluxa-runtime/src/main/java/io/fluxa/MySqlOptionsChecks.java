package io.fluxa;

import java.time.Duration;

/**
 * The checks of {@link Registry.MySqlOptions} at registration: each bad setting is named by its
 * {@code fluxa.pools.<code>.mysql.*} property, with what is expected instead.
 */
final class MySqlOptionsChecks {

    /** Charset and collation names: MySQL's own start with a letter and are at most 64 characters. */
    private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,63}";

    private MySqlOptionsChecks() {
    }

    static void check(Registry.MySqlOptions o, String code) {
        String p = "fluxa.pools." + code + ".mysql.";
        if (o.maxOpenConnections() != null && o.maxOpenConnections() < 1) {
            throw new FluxaConfigException(p + "max-open-connections: " + o.maxOpenConnections()
                    + " is too small; expected at least 1");
        }
        if (o.maxIdleConnections() != null && o.maxIdleConnections() < 0) {
            throw new FluxaConfigException(p + "max-idle-connections: " + o.maxIdleConnections()
                    + " is negative; expected 0 or more");
        }
        if (o.maxOpenConnections() != null && o.maxIdleConnections() != null
                && o.maxIdleConnections() > o.maxOpenConnections()) {
            throw new FluxaConfigException(p + "max-idle-connections: " + o.maxIdleConnections()
                    + " is more than max-open-connections (" + o.maxOpenConnections() + ")");
        }
        if (o.connectTimeout() != null && o.connectTimeout().compareTo(Duration.ofMillis(250)) < 0) {
            throw new FluxaConfigException(p + "connect-timeout: " + o.connectTimeout()
                    + " is too short; expected at least 250 ms (HikariCP's minimum), e.g. 5s");
        }
        if (o.socketTimeout() != null && (o.socketTimeout().isNegative()
                || !o.socketTimeout().isZero() && o.socketTimeout().toMillis() < 1)) {
            throw new FluxaConfigException(p + "socket-timeout: " + o.socketTimeout()
                    + " is out of range; expected 0 (no limit) or at least 1 ms, e.g. 15s");
        }
        if (o.statementTimeout() != null && (o.statementTimeout().isNegative()
                || !o.statementTimeout().isZero() && o.statementTimeout().compareTo(Duration.ofSeconds(1)) < 0)) {
            throw new FluxaConfigException(p + "statement-timeout: " + o.statementTimeout()
                    + " is out of range; expected 0 (no limit) or at least 1 second (MySQL counts whole seconds),"
                    + " e.g. 10s");
        }
        if (o.connectionMaxLifetime() != null && o.connectionMaxLifetime().compareTo(Duration.ofSeconds(30)) < 0) {
            throw new FluxaConfigException(p + "connection-max-lifetime: " + o.connectionMaxLifetime()
                    + " is too short; expected at least 30 seconds");
        }
        // names only: they are sent unquoted in SET NAMES; validate() checks them against the server
        if (o.defaultCharset() != null && !o.defaultCharset().matches(NAME)) {
            throw new FluxaConfigException(p + "default-charset: '" + o.defaultCharset()
                    + "' is not a charset name; expected e.g. utf8mb4 (a letter, then letters, digits or _)");
        }
        if (o.defaultCollation() != null && !o.defaultCollation().matches(NAME)) {
            throw new FluxaConfigException(p + "default-collation: '" + o.defaultCollation()
                    + "' is not a collation name; expected e.g. utf8mb4_unicode_ci (a letter, then letters, digits"
                    + " or _)");
        }
    }

    /** A pool on a data source the application owns takes only the schema settings. */
    static void checkForSharedDataSource(Registry.MySqlOptions o, String code) {
        String p = "fluxa.pools." + code + ".mysql.";
        String owner = " is a setting of Fluxa's own connection pool; pool '" + code
                + "' uses a DataSource it was given, so set it on that DataSource instead";
        if (o.maxOpenConnections() != null) {
            throw new FluxaConfigException(p + "max-open-connections" + owner);
        }
        if (o.maxIdleConnections() != null) {
            throw new FluxaConfigException(p + "max-idle-connections" + owner);
        }
        if (o.connectionMaxLifetime() != null) {
            throw new FluxaConfigException(p + "connection-max-lifetime" + owner);
        }
        if (o.defaultCharset() != null) {
            throw new FluxaConfigException(p + "default-charset" + owner + " (e.g. the driver's connection"
                    + " character set)");
        }
    }
}
