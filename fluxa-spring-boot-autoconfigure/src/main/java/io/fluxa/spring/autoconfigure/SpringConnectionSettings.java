package io.fluxa.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;

import java.time.Duration;
import java.util.List;

/**
 * Spring Boot's own {@code spring.datasource.*} and {@code spring.data.redis.*} settings, read
 * straight from the environment so the default Fluxa pool can reuse them without pulling in (or
 * triggering) Boot's DataSource and Redis auto-configurations.
 */
final class SpringConnectionSettings {

    private SpringConnectionSettings() {
    }

    /** {@code spring.datasource.*}, or null when {@code spring.datasource.url} is not set. */
    static DataSource dataSource(Binder binder) {
        DataSource ds = binder.bind("spring.datasource", DataSource.class).orElse(null);
        return ds == null || ds.url() == null || ds.url().isBlank() ? null : ds;
    }

    /** {@code spring.data.redis.*}, or null when no such property is set. */
    static Redis redis(Binder binder) {
        return binder.bind("spring.data.redis", Redis.class).orElse(null);
    }

    record DataSource(String url, String username, String password) {
    }

    /**
     * @param timeout {@code spring.data.redis.timeout}: Fluxa's command timeout for the pool
     * @param connectTimeout {@code spring.data.redis.connect-timeout}
     */
    record Redis(String url, String host, Integer port, Integer database, String username, String password,
            Ssl ssl, Sentinel sentinel, Duration timeout, Duration connectTimeout) {

        /** The property an error about this connection should name. */
        String property() {
            if (sentinelConfigured()) {
                return "spring.data.redis.sentinel";
            }
            return url != null && !url.isBlank() ? "spring.data.redis.url" : "spring.data.redis.host";
        }

        boolean sentinelConfigured() {
            return sentinel != null && sentinel.master() != null && !sentinel.master().isBlank();
        }

        /** The address in the form Fluxa's registry takes. */
        String address() {
            if (url != null && !url.isBlank()) {
                return url;
            }
            String h = host == null || host.isBlank() ? "localhost" : host;
            int p = port == null ? 6379 : port;
            int db = database == null ? 0 : database;
            if (ssl != null && ssl.enabled()) {
                return "rediss://" + h + ":" + p + "/" + db;
            }
            return h + ":" + p + ":" + db;
        }

        int databaseOrZero() {
            return database == null ? 0 : database;
        }
    }

    /** @param bundle an SSL bundle name, which Fluxa's Redis pools cannot use */
    record Ssl(boolean enabled, String bundle) {
    }

    record Sentinel(String master, List<String> nodes, String username, String password) {
    }
}
