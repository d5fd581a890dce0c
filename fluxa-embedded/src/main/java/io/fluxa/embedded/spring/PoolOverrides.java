package io.fluxa.embedded.spring;

import io.fluxa.embedded.EmbeddedServerException;
import io.fluxa.embedded.EmbeddedServers;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection properties that point the configured pools at the embedded servers. Every
 * {@code fluxa.pools.<code>.mysql.url} keeps its database and parameters and gets the embedded
 * host and port (and {@code createDatabaseIfNotExist}); every {@code fluxa.pools.<code>.redis}
 * keeps its database number. Without any Fluxa pool, Spring's {@code spring.datasource.url} /
 * {@code spring.data.redis.*} are rewritten, and without those a {@code default} pool is added.
 */
final class PoolOverrides {

    /** {@code jdbc:<driver>://<hosts>/<database>?<query>}. */
    private static final Pattern JDBC = Pattern.compile("(jdbc:[a-z:]+//)([^/?]*)(/[^?]*)?(\\?.*)?");
    /** {@code redis[s]://[credentials@]host[:port][/db]}. */
    private static final Pattern REDIS_URI = Pattern.compile("rediss?://(?:[^@]*@)?[^/]*(?:/(\\d+))?/?");

    private final Map<String, PoolView> pools;
    private final String springDataSourceUrl;
    private final String springRedisUrl;
    private final String springRedisHost;
    private final Integer springRedisDatabase;
    private final String defaultDatabase;

    private PoolOverrides(Map<String, PoolView> pools, String springDataSourceUrl, String springRedisUrl,
            String springRedisHost, Integer springRedisDatabase, String defaultDatabase) {
        this.pools = pools;
        this.springDataSourceUrl = springDataSourceUrl;
        this.springRedisUrl = springRedisUrl;
        this.springRedisHost = springRedisHost;
        this.springRedisDatabase = springRedisDatabase;
        this.defaultDatabase = defaultDatabase;
    }

    /** Reads the configured pools; fails for settings the embedded servers cannot stand in for. */
    static PoolOverrides read(Binder binder, String defaultDatabase) {
        Map<String, PoolView> pools = new TreeMap<>(binder.bind("fluxa.pools",
                Bindable.mapOf(String.class, PoolView.class)).orElse(Map.of()));
        pools.forEach((code, pool) -> {
            if (pool.sentinel() != null && pool.sentinel().master() != null) {
                throw new EmbeddedServerException("fluxa.pools." + code + ".sentinel: the embedded Redis is a single "
                        + "server, not a Sentinel group. Configure fluxa.pools." + code + ".redis (any host:port) "
                        + "for the profile that uses fluxa.embedded, or turn fluxa.embedded off.");
            }
        });
        return new PoolOverrides(pools, binder.bind("spring.datasource.url", String.class).orElse(null),
                binder.bind("spring.data.redis.url", String.class).orElse(null),
                binder.bind("spring.data.redis.host", String.class).orElse(null),
                binder.bind("spring.data.redis.database", Integer.class).orElse(null), defaultDatabase);
    }

    /** The properties to put in front of all others. */
    Map<String, Object> pointAt(EmbeddedServers servers) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean anyMysql = false;
        boolean anyRedis = false;
        for (Map.Entry<String, PoolView> entry : pools.entrySet()) {
            String prefix = "fluxa.pools." + entry.getKey();
            PoolView pool = entry.getValue();
            if (pool.mysql() != null && pool.mysql().url() != null && !pool.mysql().url().isBlank()) {
                putMysql(values, prefix + ".mysql.url", prefix + ".mysql.username", prefix + ".mysql.password",
                        pool.mysql().url(), servers);
                anyMysql = true;
            }
            if (pool.redis() != null && !pool.redis().isBlank()) {
                values.put(prefix + ".redis", servers.redisAddress(redisDatabase(prefix + ".redis", pool.redis())));
                anyRedis = true;
            }
        }
        if (!anyMysql) {
            if (springDataSourceUrl != null && !springDataSourceUrl.isBlank()) {
                putMysql(values, "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                        springDataSourceUrl, servers);
            } else {
                putMysql(values, "fluxa.pools.default.mysql.url", "fluxa.pools.default.mysql.username",
                        "fluxa.pools.default.mysql.password", "jdbc:mariadb://localhost/" + defaultDatabase, servers);
            }
        }
        if (!anyRedis) {
            if (springRedisUrl != null && !springRedisUrl.isBlank()) {
                int db = redisDatabase("spring.data.redis.url", springRedisUrl);
                values.put("spring.data.redis.url", "redis://127.0.0.1:" + servers.redisPort() + "/" + db);
            } else if (springRedisHost != null && !springRedisHost.isBlank()) {
                values.put("spring.data.redis.host", "127.0.0.1");
                values.put("spring.data.redis.port", servers.redisPort());
                values.put("spring.data.redis.username", "");
                values.put("spring.data.redis.password", "");
            } else {
                values.put("fluxa.pools.default.redis",
                        servers.redisAddress(springRedisDatabase == null ? 0 : springRedisDatabase));
            }
        }
        return values;
    }

    private static void putMysql(Map<String, Object> values, String urlProperty, String userProperty,
            String passwordProperty, String url, EmbeddedServers servers) {
        values.put(urlProperty, rewriteJdbcUrl(urlProperty, url, servers.mysqlPort()));
        values.put(userProperty, EmbeddedServers.MYSQL_USER);
        values.put(passwordProperty, EmbeddedServers.MYSQL_PASSWORD);
    }

    /** The same URL on 127.0.0.1:{@code port}, creating its database on first use. */
    static String rewriteJdbcUrl(String property, String url, int port) {
        Matcher m = JDBC.matcher(url.trim());
        if (!m.matches()) {
            throw new EmbeddedServerException(property + ": '" + url + "' is not a JDBC URL that fluxa.embedded can "
                    + "point at the embedded MariaDB; expected e.g. jdbc:mariadb://localhost:3306/app");
        }
        String database = m.group(3) == null ? "/" : m.group(3);
        String query = m.group(4) == null ? "" : m.group(4);
        if (!query.contains("createDatabaseIfNotExist")) {
            query = query.isEmpty() ? "?createDatabaseIfNotExist=true" : query + "&createDatabaseIfNotExist=true";
        }
        return m.group(1) + "127.0.0.1:" + port + database + query;
    }

    /** The database number in a Redis address: {@code host:port:db} or a {@code redis://} URI. */
    static int redisDatabase(String property, String address) {
        String a = address.trim();
        if (a.startsWith("redis://") || a.startsWith("rediss://")) {
            Matcher m = REDIS_URI.matcher(a);
            if (m.matches()) {
                return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            }
        } else {
            String[] parts = a.split(":");
            if (parts.length == 2) {
                return 0;
            }
            if (parts.length == 3 && parts[2].matches("\\d+")) {
                return Integer.parseInt(parts[2]);
            }
        }
        throw new EmbeddedServerException(property + ": cannot read the Redis database of '" + address
                + "' to point it at the embedded Redis; expected host:port, host:port:db or redis://host:port/db");
    }

    /** The parts of a {@code fluxa.pools.<code>} entry this class needs. */
    record PoolView(MysqlView mysql, String redis, SentinelView sentinel) {
    }

    record MysqlView(String url) {
    }

    record SentinelView(String master) {
    }
}
