package io.fluxa.spring.autoconfigure;

import io.fluxa.PoolUnavailableException;
import io.fluxa.schema.RedisCacheSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Every configuration mistake fails start-up with a message naming the property to fix. */
class FluxaConfigurationErrorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class));

    private void assertStartupFails(ApplicationContextRunner configured, String... messageParts) {
        configured.run(context -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = root; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(messageParts);
        });
    }

    @Test
    void mysqlWithoutUrl() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.default.mysql.username=root"),
                "fluxa.pools.default.mysql.url is required");
    }

    @Test
    void redisAndSentinelOnOnePool() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:6379",
                "fluxa.pools.cache.sentinel.master=m", "fluxa.pools.cache.sentinel.nodes=localhost:26379"),
                "fluxa.pools.cache.redis and fluxa.pools.cache.sentinel are both set");
    }

    @Test
    void sentinelWithoutMaster() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.sentinel.nodes=localhost:26379"),
                "fluxa.pools.cache.sentinel.master is required");
    }

    @Test
    void sentinelWithoutNodes() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.sentinel.master=mymaster"),
                "fluxa.pools.cache.sentinel.nodes is required");
    }

    @Test
    void streamsWithoutRedis() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.events.streams=orders"),
                "fluxa.pools.events.streams needs Redis");
    }

    @Test
    void negativeLocalCache() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.default.local-cache=-5"),
                "fluxa.pools.default.local-cache must be 0 (unlimited) or a positive number");
    }

    @Test
    void redisCircuitBreakerThresholdBelowOne() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:6379",
                "fluxa.pools.cache.redis-circuit-breaker.failure-threshold=0"),
                "fluxa.pools.cache.redis-circuit-breaker.failure-threshold: 0 is too small; expected at least 1");
    }

    @Test
    void redisCircuitBreakerZeroDurations() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:6379",
                "fluxa.pools.cache.redis-circuit-breaker.open-duration=0ms"),
                "fluxa.pools.cache.redis-circuit-breaker.open-duration: PT0S is too short");
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:6379",
                "fluxa.pools.cache.redis-circuit-breaker.probe-interval=-1s"),
                "fluxa.pools.cache.redis-circuit-breaker.probe-interval: PT-1S is too short");
    }

    @Test
    void redisCircuitBreakerUnparsableDuration() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:6379",
                "fluxa.pools.cache.redis-circuit-breaker.open-duration=soon"),
                "fluxa.pools.cache.redis-circuit-breaker.open-duration");
    }

    @Test
    void unknownSchemaMode() {
        assertStartupFails(runner.withPropertyValues("fluxa.schema.mode=sometimes"), "fluxa.schema.mode");
    }

    @Test
    void unparsableTtl() {
        assertStartupFails(runner.withPropertyValues("fluxa.context-cache.ttl=soon"), "fluxa.context-cache.ttl");
    }

    @Test
    void entityInUnconfiguredPool() {
        assertStartupFails(runner.withBean(FluxaEntityModels.class,
                        () -> TestModels.models(TestModels.entity("Order", "orders", "orders", null, null))),
                "Entity Order", "fluxa.pools.orders.mysql.url");
    }

    @Test
    void entityInDefaultPoolWithoutAnyDatabase() {
        assertStartupFails(runner.withBean(FluxaEntityModels.class,
                        () -> TestModels.models(TestModels.entity("Order", "orders", "default", null, null))),
                "fluxa.pools.default.mysql.url (or spring.datasource.url)");
    }

    @Test
    void entityCachedInRedisPoolWithoutRedis() {
        assertStartupFails(runner
                        .withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x")
                        .withBean(FluxaEntityModels.class, () -> TestModels.models(TestModels.entity("Order",
                                "orders", "default", new RedisCacheSettings("default", 0), null))),
                "Entity Order is cached in Redis pool 'default'", "fluxa.pools.default.redis",
                "spring.data.redis.host");
    }

    @Test
    void moreIdleThanOpenConnections() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x",
                        "fluxa.pools.default.mysql.max-open-connections=4",
                        "fluxa.pools.default.mysql.max-idle-connections=5"),
                "fluxa.pools.default.mysql.max-idle-connections: 5 is more than max-open-connections (4)");
    }

    @Test
    void zeroOpenConnectionsNamesThatPropertyOnly() {
        runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x",
                "fluxa.pools.default.mysql.max-open-connections=0").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure())).hasMessage(
                            "fluxa.pools.default.mysql.max-open-connections: 0 is too small; expected at least 1");
                });
    }

    @Test
    void badJdbcUrlNamesTheUrlProperty() {
        runner.withPropertyValues("fluxa.pools.orders.mysql.url=mariadb://127.0.0.1:3306/x").run(context ->
                assertThat(rootCause(context.getStartupFailure())).message()
                        .startsWith("fluxa.pools.orders.mysql.url: 'mariadb://127.0.0.1:3306/x' is not a JDBC URL"));
    }

    @Test
    void badSpringDatasourceUrlNamesSpringDatasourceUrl() {
        runner.withPropertyValues("spring.datasource.url=mariadb://127.0.0.1:3306/x").run(context ->
                assertThat(rootCause(context.getStartupFailure())).message()
                        .startsWith("spring.datasource.url: 'mariadb://127.0.0.1:3306/x' is not a JDBC URL")
                        .doesNotContain("fluxa.pools"));
    }

    @Test
    void springDatasourceWithoutDatabaseNamesSpringDatasourceUrl() {
        runner.withPropertyValues("spring.datasource.url=" + TestServices.jdbcUrl(""),
                "spring.datasource.username=" + TestServices.MYSQL_USER,
                "spring.datasource.password=" + TestServices.MYSQL_PASSWORD).run(context ->
                        assertThat(rootCause(context.getStartupFailure())).message()
                                .startsWith("spring.datasource.url: ").contains("names no database")
                                .doesNotContain("fluxa.pools"));
    }

    @Test
    void unreachableSpringDatasourceNamesSpringDatasource() {
        runner.withPropertyValues("spring.datasource.url=jdbc:mariadb://127.0.0.1:1/x").run(context -> assertThat(find(context.getStartupFailure(), PoolUnavailableException.class)).message()
                        .contains("MySQL pool 'default' is unreachable", "Check spring.datasource (url, username,")
                        .doesNotContain("fluxa.pools"));
    }

    @Test
    void badSpringRedisHostNamesSpringDataRedisHost() {
        runner.withPropertyValues("spring.data.redis.host=localhost:6379").run(context ->
                assertThat(rootCause(context.getStartupFailure())).message().startsWith("spring.data.redis.host: ")
                        .doesNotContain("fluxa.pools"));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void tooShortConnectionLifetime() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x",
                        "fluxa.pools.default.mysql.connection-max-lifetime=5s"),
                "fluxa.pools.default.mysql.connection-max-lifetime");
    }

    @Test
    void unparsableRedisAddress() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.cache.redis=localhost:notaport"),
                "fluxa.pools.cache.redis");
    }

    @Test
    void unparsableSpringRedisUrl() {
        assertStartupFails(runner.withPropertyValues("spring.data.redis.url=ftp://nowhere"), "spring.data.redis.url");
    }

    @Test
    void mysqlUrlWithoutDatabase() {
        assertStartupFails(runner.withPropertyValues(TestServices.defaultPoolMySql("")),
                "fluxa.pools.default.mysql.url", "names no database");
    }

    @Test
    void unreachableMySqlNamesThePoolAndItsProperties() {
        assertStartupFails(runner.withPropertyValues("fluxa.pools.orders.mysql.url=jdbc:mariadb://127.0.0.1:1/x"),
                "MySQL pool 'orders' is unreachable", "fluxa.pools.orders.mysql");
    }
}
