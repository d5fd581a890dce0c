package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.mysql.MySqlPool;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** UP when a pooled connection of the MySQL pool answers {@code SELECT VERSION()}. */
public class MySqlPoolHealthIndicator extends AbstractHealthIndicator {

    private final MySqlPool pool;

    public MySqlPoolHealthIndicator(MySqlPool pool) {
        super("MySQL pool '" + pool.code() + "' health check failed");
        this.pool = pool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try (Connection connection = pool.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            builder.up().withDetail("pool", pool.code()).withDetail("database", pool.database())
                    .withDetail("version", rs.getString(1));
        }
    }
}
