package io.fluxa.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.fluxa.FluxaConfigException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.util.ClassUtils;

import java.util.List;

/**
 * The default pool's connection from Spring Boot's {@code ConnectionDetails} beans: a
 * {@code JdbcConnectionDetails} or {@code DataRedisConnectionDetails} that a service connection
 * ({@code @ServiceConnection} on a Testcontainers container), Docker Compose support or the application
 * defines. Boot's own property-based beans are skipped: they only repeat {@code spring.datasource.*} and
 * {@code spring.data.redis.*}, which {@link SpringConnectionSettings} reads (and names in errors).
 *
 * <p>Boot's types are touched only when their module is on the class path.
 */
final class BootConnectionDetails {

    private static final boolean JDBC_PRESENT = ClassUtils.isPresent(
            "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails", BootConnectionDetails.class.getClassLoader());
    private static final boolean REDIS_PRESENT = ClassUtils.isPresent(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
            BootConnectionDetails.class.getClassLoader());

    private final ListableBeanFactory beans;

    BootConnectionDetails(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** The MySQL connection of a non-property {@code JdbcConnectionDetails} bean, or null. */
    Jdbc jdbc() {
        return JDBC_PRESENT && beans != null ? JdbcReader.read(beans) : null;
    }

    /** The Redis connection of a non-property {@code DataRedisConnectionDetails} bean, or null. */
    Redis redis() {
        return REDIS_PRESENT && beans != null ? RedisReader.read(beans) : null;
    }

    /** @param origin what error messages name instead of {@code fluxa.pools.default.mysql} */
    record Jdbc(String url, String username, String password, String origin) {
    }

    /**
     * Either {@code host}/{@code port} or a Sentinel {@code master} with {@code nodes} ({@code host:port}).
     *
     * @param origin what error messages name instead of {@code fluxa.pools.default.redis}
     */
    record Redis(String host, int port, int database, String master, List<String> nodes, String username,
            String password, String origin) {

        boolean sentinel() {
            return master != null;
        }

        String address() {
            return host + ":" + port + ":" + database;
        }
    }

    private static String describe(String type, String beanName) {
        return "the " + type + " bean '" + beanName + "'";
    }

    /** The one bean of {@code type} (or the primary one) with its name; null when there is none. */
    private static <T> @Nullable Named<T> find(ListableBeanFactory beans, Class<T> type) {
        T bean = beans.getBeanProvider(type).getIfUnique();
        if (bean == null) {
            return null;
        }
        for (String name : beans.getBeanNamesForType(type)) {
            if (beans.getBean(name) == bean) {
                return new Named<>(name, bean);
            }
        }
        return new Named<>(type.getSimpleName(), bean);
    }

    private record Named<T>(String name, T bean) {
    }

    private static final class JdbcReader {

        /** Boot's bean built from spring.datasource.*; package-private in Boot, so known by name. */
        private static final String PROPERTIES_DETAILS = "org.springframework.boot.jdbc.autoconfigure.PropertiesJdbcConnectionDetails";

        static @Nullable Jdbc read(ListableBeanFactory beans) {
            Named<JdbcConnectionDetails> found = find(beans, JdbcConnectionDetails.class);
            if (found == null || found.bean().getClass().getName().equals(PROPERTIES_DETAILS)) {
                return null;
            }
            JdbcConnectionDetails details = found.bean();
            return new Jdbc(details.getJdbcUrl(), details.getUsername(), details.getPassword(),
                    describe("JdbcConnectionDetails", found.name()));
        }
    }

    private static final class RedisReader {

        private static final String PROPERTIES_DETAILS = "org.springframework.boot.data.redis.autoconfigure.PropertiesDataRedisConnectionDetails";

        static @Nullable Redis read(ListableBeanFactory beans) {
            Named<DataRedisConnectionDetails> found = find(beans, DataRedisConnectionDetails.class);
            if (found == null || found.bean().getClass().getName().equals(PROPERTIES_DETAILS)) {
                return null;
            }
            DataRedisConnectionDetails details = found.bean();
            String origin = describe("DataRedisConnectionDetails", found.name());
            if (details.getSslBundle() != null) {
                throw new FluxaConfigException(origin + " asks for TLS with an SSL bundle, which Fluxa's Redis pools"
                        + " cannot use: set fluxa.pools.default.redis to a rediss:// address (TLS with the JVM's trust"
                        + " store) instead");
            }
            DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
            if (sentinel != null) {
                List<String> nodes = sentinel.getNodes().stream().map(n -> n.host() + ":" + n.port()).toList();
                String password = sentinel.getPassword() != null ? sentinel.getPassword() : details.getPassword();
                return new Redis(null, 0, sentinel.getDatabase(), sentinel.getMaster(), nodes,
                        details.getUsername(), password, origin);
            }
            DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
            if (standalone == null) {
                throw new FluxaConfigException(origin + " describes a Redis Cluster or master/replica setup, which"
                        + " Fluxa's Redis pools do not support: set fluxa.pools.default.redis (one server) or"
                        + " fluxa.pools.default.sentinel");
            }
            return new Redis(standalone.getHost(), standalone.getPort(), standalone.getDatabase(), null, null,
                    details.getUsername(), details.getPassword(), origin);
        }
    }
}
