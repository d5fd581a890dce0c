package io.fluxa;

import io.fluxa.engine.EngineSettings;
import io.fluxa.redis.RedisAddress;
import io.fluxa.redis.RedisPoolSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Registry#initByConfig} and the direct register methods: every accepted map shape and every
 * configuration error, with the property path each message must name. Nothing here connects.
 */
class RegistryConfigTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/app";

    /** An ordered map from alternating keys and values (values may be null). */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Registry init(Map<String, ?> pools) {
        return new Registry().initByConfig(pools);
    }

    private static EngineSettings.MySqlPool mysqlOf(Map<String, ?> mysql) {
        return init(map("default", map("mysql", mysql))).settings().mysqlPools().get("default");
    }

    private static void fails(Map<String, ?> pools, String message) {
        assertThatThrownBy(() -> init(pools)).isInstanceOf(FluxaConfigException.class).hasMessage(message);
    }

    private static void failsStartingWith(Map<String, ?> pools, String messageStart) {
        assertThatThrownBy(() -> init(pools)).isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Nested
    class AcceptedShapes {

        @Test
        void theSpecExampleRegistersEveryKindOfPool() {
            Registry r = init(map("default", map(
                    "mysql", map("url", URL, "username", "root", "password", ""),
                    "redis", "localhost:6379:0",
                    "local-cache", 100_000,
                    "streams", List.of("order-events"))));
            EngineSettings.MySqlPool mysql = r.settings().mysqlPools().get("default");
            assertThat(mysql.url()).isEqualTo(URL);
            assertThat(mysql.user()).isEqualTo("root");
            assertThat(mysql.password()).isEmpty();
            assertThat(mysql.options()).isEqualTo(new Registry.MySqlOptions(null, null, null, null, null, null));
            assertThat(r.settings().redisPools().get("default"))
                    .isEqualTo(new RedisAddress("localhost", 6379, 0, null, null, false, null, List.of()));
            assertThat(r.settings().localCaches()).containsExactly(Map.entry("default", 100_000L));
            assertThat(r.settings().streams()).containsExactly(Map.entry("order-events", "default"));
        }

        @Test
        void everyMySqlOptionInKebabCase() {
            EngineSettings.MySqlPool c = mysqlOf(map("url", URL, "username", "app", "password", "secret",
                    "max-open-connections", 20, "max-idle-connections", 5, "connection-max-lifetime", 600,
                    "default-charset", "utf8mb4", "default-collation", "utf8mb4_unicode_ci",
                    "ignored-tables", List.of("legacy_a", "legacy_b")));
            assertThat(c.user()).isEqualTo("app");
            assertThat(c.password()).isEqualTo("secret");
            assertThat(c.options()).isEqualTo(new Registry.MySqlOptions(20, 5, Duration.ofMinutes(10), "utf8mb4",
                    "utf8mb4_unicode_ci", List.of("legacy_a", "legacy_b")));
        }

        @Test
        void mySqlTimeoutsAreReadAndDefaulted() {
            EngineSettings.MySqlPool c = mysqlOf(map("url", URL, "connect-timeout", "3s", "socket-timeout", "1500ms",
                    "statement-timeout", 0));
            assertThat(c.options().connectTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(3));
            assertThat(c.options().socketTimeoutOrDefault()).isEqualTo(Duration.ofMillis(1500));
            assertThat(c.options().statementTimeoutOrDefault()).isEqualTo(Duration.ZERO);
            Registry.MySqlOptions defaults = mysqlOf(map("url", URL)).options();
            assertThat(defaults.connectTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.socketTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(15));
            assertThat(defaults.statementTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void mySqlTimeoutsOutOfRange() {
            fails(map("default", map("mysql", map("url", URL, "connect-timeout", "100ms"))),
                    "fluxa.pools.default.mysql.connect-timeout: PT0.1S is too short; expected at least 250 ms"
                            + " (HikariCP's minimum), e.g. 5s");
            fails(map("default", map("mysql", map("url", URL, "statement-timeout", "500ms"))),
                    "fluxa.pools.default.mysql.statement-timeout: PT0.5S is out of range; expected 0 (no limit) or at"
                            + " least 1 second (MySQL counts whole seconds), e.g. 10s");
            fails(map("default", map("mysql", map("url", URL, "socket-timeout", "-1s"))),
                    "fluxa.pools.default.mysql.socket-timeout: PT-1S is out of range; expected 0 (no limit) or at"
                            + " least 1 ms, e.g. 15s");
        }

        @Test
        void camelCaseAndSnakeCaseKeysMeanTheSame() {
            Registry.MySqlOptions expected = new Registry.MySqlOptions(8, 2, Duration.ofMinutes(5), "utf8mb4",
                    "utf8mb4_bin", List.of("t"));
            EngineSettings.MySqlPool camel = mysqlOf(map("url", URL, "user", "u", "maxOpenConnections", 8,
                    "maxIdleConnections", 2, "connectionMaxLifetime", "5m", "defaultCharset", "utf8mb4",
                    "defaultCollation", "utf8mb4_bin", "ignoredTables", "t"));
            EngineSettings.MySqlPool snake = mysqlOf(map("url", URL, "user", "u", "max_open_connections", "8",
                    "max_idle_connections", "2", "connection_max_lifetime", 300, "default_charset", "utf8mb4",
                    "default_collation", "utf8mb4_bin", "ignored_tables", List.of("t")));
            assertThat(camel.options()).isEqualTo(expected);
            assertThat(snake.options()).isEqualTo(expected);
            assertThat(camel.user()).isEqualTo("u");

            Registry pools = init(map("cache", map("localCache", 10, "redis", "h:1"), "other",
                    map("local_cache", "1_000")));
            assertThat(pools.settings().localCaches()).containsExactly(Map.entry("cache", 10L), Map.entry("other", 1000L));
        }

        @Test
        void ignoredTablesAsListCommaStringOrSpringIndexedMap() {
            assertThat(mysqlOf(map("url", URL, "ignored-tables", List.of("a", " b "))).options().ignoredTables())
                    .containsExactly("a", "b");
            assertThat(mysqlOf(map("url", URL, "ignored-tables", "a, b,,c")).options().ignoredTables())
                    .containsExactly("a", "b", "c");
            // Spring's binder hands YAML lists over as maps keyed "0", "1", ...
            assertThat(mysqlOf(map("url", URL, "ignored-tables", map("0", "a", "1", "b"))).options().ignoredTables())
                    .containsExactly("a", "b");
            assertThat(mysqlOf(map("url", URL)).options().ignoredTables()).isEmpty();
        }

        @Test
        void connectionMaxLifetimeAsSecondsUnitsOrIsoDuration() {
            Duration thirtyMinutes = Duration.ofMinutes(30);
            for (Object value : List.of(1800, 1800L, "1800", "30m", "1800s", "PT30M", "pt30m", "1800000ms",
                    thirtyMinutes)) {
                assertThat(mysqlOf(map("url", URL, "connection-max-lifetime", value)).options()
                        .connectionMaxLifetime()).as("%s", value).isEqualTo(thirtyMinutes);
            }
            assertThat(mysqlOf(map("url", URL, "connection-max-lifetime", "1h")).options().connectionMaxLifetime())
                    .isEqualTo(Duration.ofHours(1));
            assertThat(mysqlOf(map("url", URL, "connection-max-lifetime", "1d")).options().connectionMaxLifetime())
                    .isEqualTo(Duration.ofDays(1));
        }

        @Test
        void redisAsAddressString() {
            Registry r = init(map("a", map("redis", "cache.local:6380"), "b", map("redis", "cache.local:6380:4"),
                    "c", map("redis", "redis://app:pw@cache.local:6390/7"), "d", map("redis", "rediss://tls.local:6379")));
            assertThat(r.settings().redisPools().get("a"))
                    .isEqualTo(new RedisAddress("cache.local", 6380, 0, null, null, false, null, List.of()));
            assertThat(r.settings().redisPools().get("b").database()).isEqualTo(4);
            assertThat(r.settings().redisPools().get("c"))
                    .isEqualTo(new RedisAddress("cache.local", 6390, 7, "app", "pw", false, null, List.of()));
            assertThat(r.settings().redisPools().get("d").ssl()).isTrue();
        }

        @Test
        void redisAsMapWithCredentialsAndDatabase() {
            Registry r = init(map(
                    "a", map("redis", map("address", "cache.local:6380", "username", "app", "password", "pw",
                            "database", 3)),
                    "b", map("redis", map("uri", "redis://cache.local:6381/2")),
                    "c", map("redis", map("address", "cache.local:6382:5", "user", "u", "database", "9")),
                    "d", map("redis", map("address", "redis://old:pw@cache.local:6383/1", "password", "new"))));
            assertThat(r.settings().redisPools().get("a"))
                    .isEqualTo(new RedisAddress("cache.local", 6380, 3, "app", "pw", false, null, List.of()));
            assertThat(r.settings().redisPools().get("b").database()).isEqualTo(2);
            RedisAddress c = r.settings().redisPools().get("c");
            assertThat(c.database()).as("the database key wins over the address").isEqualTo(9);
            assertThat(c.user()).isEqualTo("u");
            RedisAddress d = r.settings().redisPools().get("d");
            assertThat(d.user()).isEqualTo("old");
            assertThat(d.password()).as("map credentials override the URI's").isEqualTo("new");
            assertThat(d.database()).as("the address's database is kept when none is given").isEqualTo(1);
        }

        @Test
        void sentinelBlock() {
            Registry r = init(map("default", map("redis", map("database", 2, "password", "pw",
                    "sentinel", map("master", "mymaster", "nodes", List.of("10.0.0.1:26379", "10.0.0.2:26379"))))));
            RedisAddress a = r.settings().redisPools().get("default");
            assertThat(a.isSentinel()).isTrue();
            assertThat(a.sentinelMaster()).isEqualTo("mymaster");
            assertThat(a.sentinels()).containsExactly("10.0.0.1:26379", "10.0.0.2:26379");
            assertThat(a.database()).isEqualTo(2);
            assertThat(a.password()).isEqualTo("pw");
            assertThat(a.describe()).isEqualTo("sentinel mymaster@10.0.0.1:26379,10.0.0.2:26379/2");

            RedisAddress commaNodes = init(map("s", map("redis", map("sentinel",
                    map("master", "m", "nodes", "h1:26379,h2:26380"))))).settings().redisPools().get("s");
            assertThat(commaNodes.sentinels()).containsExactly("h1:26379", "h2:26380");
            assertThat(commaNodes.database()).isZero();
        }

        @Test
        void sentinelBlockBesideRedisAsInSpringProperties() {
            Registry r = init(map("ha", map("sentinel", map("master", "mymaster", "nodes", List.of("s1:26379"),
                    "database", 4, "username", "app", "password", "pw"), "streams", "orders")));
            assertThat(r.settings().redisPools().get("ha")).isEqualTo(
                    new RedisAddress(null, 0, 4, "app", "pw", false, "mymaster", List.of("s1:26379")));
            assertThat(r.settings().streams()).containsExactly(Map.entry("orders", "ha"));
        }

        @Test
        void redisTimeoutsAndKeyPrefixInEveryShape() {
            Registry r = init(map(
                    "plain", map("redis", "h:1:2?timeout=750ms"),
                    "mapped", map("redis", map("address", "h:1", "timeout", "3s", "connect-timeout", "500ms",
                            "key-prefix", "app:")),
                    "ha", map("sentinel", map("master", "m", "nodes", List.of("s1:26379"), "timeout", 4,
                            "key-prefix", "ha:")),
                    "none", map("redis", "h:1")));
            assertThat(r.settings().redisSettings("plain")).isEqualTo(new RedisPoolSettings(Duration.ofMillis(750), null, null));
            assertThat(r.settings().redisSettings("mapped")).isEqualTo(new RedisPoolSettings(Duration.ofSeconds(3),
                    Duration.ofMillis(500), "app:"));
            assertThat(r.settings().redisSettings("ha")).isEqualTo(new RedisPoolSettings(Duration.ofSeconds(4), null, "ha:"));
            assertThat(r.settings().redisSettings("none")).isEqualTo(RedisPoolSettings.DEFAULTS);
        }

        @Test
        void streamsAsListOrCommaString() {
            Registry r = init(map(
                    "events", map("redis", "h:6379", "streams", List.of("orders", "payments")),
                    "more", map("redis", "h:6379:1", "streams", "audit, mail")));
            assertThat(r.settings().streams()).containsExactly(Map.entry("orders", "events"), Map.entry("payments", "events"),
                    Map.entry("audit", "more"), Map.entry("mail", "more"));
        }

        @Test
        void aLocalCacheOnlyPoolAndUnlimitedLocalCache() {
            Registry r = init(map("local", map("local-cache", 0)));
            assertThat(r.settings().localCaches()).containsExactly(Map.entry("local", 0L));
            assertThat(r.settings().mysqlPools()).isEmpty();
            assertThat(r.settings().redisPools()).isEmpty();
        }

        @Test
        void nullSettingsCountAsAbsent() {
            Registry r = init(map("default", map("mysql", map("url", URL, "password", null,
                    "max-open-connections", null), "redis", null, "local-cache", 5)));
            assertThat(r.settings().mysqlPools().get("default").password()).isNull();
            assertThat(r.settings().mysqlPools().get("default").options().maxOpenConnections()).isNull();
            assertThat(r.settings().redisPools()).isEmpty();
        }

        @Test
        void initByConfigCanBeCombinedWithDirectRegistration() {
            Registry r = new Registry()
                    .registerLocalCache("first", 1)
                    .initByConfig(map("second", map("local-cache", 2)))
                    .registerLocalCache("third", 3);
            assertThat(r.settings().localCaches().keySet()).containsExactly("first", "second", "third");
        }
    }

    @Nested
    class ConfigErrors {

        @Test
        void theMapItselfAndEachPoolMustBeMaps() {
            assertThatThrownBy(() -> new Registry().initByConfig(null)).isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools: expected a map of pool code to settings, got nothing");
            fails(map("default", "jdbc:mariadb://x/app"),
                    "fluxa.pools.default: expected a map of settings, got String 'jdbc:mariadb://x/app'");
            fails(map("default", map("mysql", URL)),
                    "fluxa.pools.default.mysql: expected a map of settings, got String '" + URL + "'");
            fails(map("default", map("redis", 6379)),
                    "fluxa.pools.default.redis: expected a map of settings, got Integer '6379'");
            fails(map("default", map("redis", map("sentinel", "m"))),
                    "fluxa.pools.default.redis.sentinel: expected a map of settings, got String 'm'");
        }

        @Test
        void emptyPoolCodes() {
            fails(map("", map("local-cache", 1)), "fluxa.pools: pool codes must not be empty");
            assertThatThrownBy(() -> new Registry().registerMySql(" ", URL, "u", "p", null))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools: a MySQL pool needs a non-empty code");
            assertThatThrownBy(() -> new Registry().registerRedis(null, "h:1", null))
                    .hasMessage("fluxa.pools: a Redis pool needs a non-empty code");
            assertThatThrownBy(() -> new Registry().registerLocalCache("", 1))
                    .hasMessage("fluxa.pools: a local cache pool needs a non-empty code");
        }

        @Test
        void aPoolWithNothingInIt() {
            fails(map("default", map()), "fluxa.pools.default: a pool needs at least one of mysql, redis, sentinel or local-cache");
            fails(map("default", map("streams", List.of("x"))),
                    "fluxa.pools.default: a pool needs at least one of mysql, redis, sentinel or local-cache");
        }

        @Test
        void unknownKeysAtEveryLevel() {
            fails(map("default", map("mysqll", map())),
                    "fluxa.pools.default.mysqll: unknown setting; expected one of mysql, redis, sentinel, local-cache, streams");
            fails(map("default", map("mysql", map("url", URL, "maxOpen", 3))),
                    "fluxa.pools.default.mysql.maxOpen: unknown setting; expected one of url, username, user, "
                            + "password, max-open-connections, max-idle-connections, connection-max-lifetime, "
                            + "default-charset, default-collation, ignored-tables, connect-timeout, socket-timeout, "
                            + "statement-timeout");
            fails(map("default", map("redis", map("address", "h:1", "db", 2))),
                    "fluxa.pools.default.redis.db: unknown setting; expected one of address, uri, user, username, "
                            + "password, database, sentinel, timeout, connect-timeout, key-prefix, circuit-breaker");
            fails(map("default", map("redis", map("sentinel", map("master", "m", "nodes", "h:1", "hosts", "x")))),
                    "fluxa.pools.default.redis.sentinel.hosts: unknown setting; expected one of master, nodes");
        }

        @Test
        void oneSettingSpelledTwice() {
            fails(map("default", map("local-cache", 1, "localCache", 2)),
                    "fluxa.pools.default.localCache: set twice (also as local-cache); keep one spelling of local-cache");
            fails(map("default", map("mysql", map("url", URL, "max_open_connections", 2, "maxOpenConnections", 3))),
                    "fluxa.pools.default.mysql.maxOpenConnections: set twice (also as max_open_connections); "
                            + "keep one spelling of max-open-connections");
        }

        @Test
        void aliasesThatConflict() {
            fails(map("default", map("mysql", map("url", URL, "user", "a", "username", "b"))),
                    "fluxa.pools.default.mysql.user: conflicts with fluxa.pools.default.mysql.username; "
                            + "set only one of username, user");
            fails(map("default", map("redis", map("address", "h:1", "uri", "redis://h:2"))),
                    "fluxa.pools.default.redis.uri: conflicts with fluxa.pools.default.redis.address; "
                            + "set only one of address, uri, sentinel");
            fails(map("default", map("redis", map("address", "h:1", "sentinel", map("master", "m", "nodes", "h:2")))),
                    "fluxa.pools.default.redis.sentinel: conflicts with fluxa.pools.default.redis.address; "
                            + "set only one of address, uri, sentinel");
        }

        @Test
        void missingOrNonJdbcUrl() {
            String expected = "fluxa.pools.default.mysql.url: required; expected a JDBC URL such as "
                    + "jdbc:mariadb://localhost:3306/app";
            fails(map("default", map("mysql", map("username", "root"))), expected);
            fails(map("default", map("mysql", map("url", "  "))), expected);
            fails(map("default", map("mysql", map("url", "mysql://localhost:3306/app"))),
                    "fluxa.pools.default.mysql.url: 'mysql://localhost:3306/app' is not a JDBC URL; expected e.g. "
                            + "jdbc:mariadb://localhost:3306/app or jdbc:mysql://localhost:3306/app");
            assertThatThrownBy(() -> new Registry().registerMySql("reports", null, "u", "p", null))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessageStartingWith("fluxa.pools.reports.mysql.url: 'null' is not a JDBC URL");
            fails(map("default", map("mysql", map("url", List.of(URL)))),
                    "fluxa.pools.default.mysql.url: expected text, got list '[" + URL + "]'");
        }

        @Test
        void badNumbers() {
            fails(map("default", map("mysql", map("url", URL, "max-open-connections", "ten"))),
                    "fluxa.pools.default.mysql.max-open-connections: 'ten' is not a whole number");
            fails(map("default", map("mysql", map("url", URL, "maxOpenConnections", 2.5))),
                    "fluxa.pools.default.mysql.maxOpenConnections: expected a whole number, got Double '2.5'");
            fails(map("default", map("mysql", map("url", URL, "max-open-connections", 0))),
                    "fluxa.pools.default.mysql.max-open-connections: 0 is out of range; expected at least 1");
            fails(map("default", map("mysql", map("url", URL, "max-idle-connections", -1))),
                    "fluxa.pools.default.mysql.max-idle-connections: -1 is out of range; expected at least 0");
            fails(map("default", map("mysql", map("url", URL, "max-open-connections", 3_000_000_000L))),
                    "fluxa.pools.default.mysql.max-open-connections: 3000000000 is out of range; expected at most 2147483647");
            fails(map("default", map("mysql", map("url", URL, "max-open-connections", true))),
                    "fluxa.pools.default.mysql.max-open-connections: expected a whole number, got Boolean 'true'");
            fails(map("default", map("local-cache", "lots")),
                    "fluxa.pools.default.local-cache: 'lots' is not a whole number");
            fails(map("default", map("local-cache", List.of(1))),
                    "fluxa.pools.default.local-cache: expected a whole number, got list '[1]'");
        }

        @Test
        void negativeLocalCache() {
            fails(map("default", map("local-cache", -1)),
                    "fluxa.pools.default.local-cache: -1 is out of range; expected at least 0");
            assertThatThrownBy(() -> new Registry().registerLocalCache("local", -5))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.local.local-cache: -5 is not a valid size; expected 0 (unlimited) "
                            + "or a positive number of entries");
        }

        @Test
        void connectionLimitsThatContradictEachOther() {
            fails(map("default", map("mysql", map("url", URL, "max-open-connections", 4, "max-idle-connections", 5))),
                    "fluxa.pools.default.mysql.max-idle-connections: 5 is more than max-open-connections (4)");
            assertThatThrownBy(() -> new Registry().registerMySql("default", URL, "u", "p",
                    new Registry.MySqlOptions(0, null, null, null, null, null)))
                    .hasMessage("fluxa.pools.default.mysql.max-open-connections: 0 is too small; expected at least 1");
            assertThatThrownBy(() -> new Registry().registerMySql("default", URL, "u", "p",
                    new Registry.MySqlOptions(null, -2, null, null, null, null)))
                    .hasMessage("fluxa.pools.default.mysql.max-idle-connections: -2 is negative; expected 0 or more");
        }

        @Test
        void lifetimeShorterThanThirtySecondsOrUnreadable() {
            fails(map("default", map("mysql", map("url", URL, "connection-max-lifetime", "29s"))),
                    "fluxa.pools.default.mysql.connection-max-lifetime: PT29S is too short; expected at least 30 seconds");
            fails(map("default", map("mysql", map("url", URL, "connection-max-lifetime", -60))),
                    "fluxa.pools.default.mysql.connection-max-lifetime: PT-1M is too short; expected at least 30 seconds");
            for (String bad : List.of("soon", "", "1.5h", "30x", "PT")) {
                fails(map("default", map("mysql", map("url", URL, "connectionMaxLifetime", bad))),
                        "fluxa.pools.default.mysql.connectionMaxLifetime: '" + bad + "' is not a duration; expected "
                                + "seconds (e.g. 1800) or a value like 30s, 30m, 1h or PT30M");
            }
            // exactly the minimum is fine
            assertThat(mysqlOf(map("url", URL, "connection-max-lifetime", 30)).options().connectionMaxLifetime())
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void badCharsetAndCollationNames() {
            fails(map("default", map("mysql", map("url", URL, "default-charset", "utf8mb4; DROP TABLE x"))),
                    "fluxa.pools.default.mysql.default-charset: 'utf8mb4; DROP TABLE x' is not a charset name; "
                            + "expected e.g. utf8mb4 (a letter, then letters, digits or _)");
            fails(map("default", map("mysql", map("url", URL, "default-collation", "utf8mb4-bin"))),
                    "fluxa.pools.default.mysql.default-collation: 'utf8mb4-bin' is not a collation name; "
                            + "expected e.g. utf8mb4_unicode_ci (a letter, then letters, digits or _)");
        }

        @Test
        void numbersAreNotCharsetOrCollationNames() {
            // YAML reads `default-charset: 23` as a number
            fails(map("default", map("mysql", map("url", URL, "default-charset", 23))),
                    "fluxa.pools.default.mysql.default-charset: '23' is not a charset name; "
                            + "expected e.g. utf8mb4 (a letter, then letters, digits or _)");
            fails(map("default", map("mysql", map("url", URL, "default-collation", "0900"))),
                    "fluxa.pools.default.mysql.default-collation: '0900' is not a collation name; "
                            + "expected e.g. utf8mb4_unicode_ci (a letter, then letters, digits or _)");
            assertThatThrownBy(() -> new Registry.MySqlOptions(null, null, null, "", null, null).check("default"))
                    .isInstanceOf(FluxaConfigException.class).hasMessageContaining("default-charset: ''");
            assertThatThrownBy(() -> new Registry.MySqlOptions(null, null, null, null, "x".repeat(65), null)
                    .check("default")).isInstanceOf(FluxaConfigException.class)
                    .hasMessageContaining("is not a collation name");
        }

        @Test
        void ignoredTablesThatAreNotNames() {
            fails(map("default", map("mysql", map("url", URL, "ignored-tables", List.of("a", 7)))),
                    "fluxa.pools.default.mysql.ignored-tables: expected a list of names, found Integer '7'");
            fails(map("default", map("mysql", map("url", URL, "ignored-tables", 7))),
                    "fluxa.pools.default.mysql.ignored-tables: expected a list of names, got Integer '7'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "localhost:6379:0:1", ":6379", "a:b:c:d"})
        void redisAddressesOfTheWrongShape(String address) {
            fails(map("default", map("redis", address)), "fluxa.pools.default.redis: '" + address
                    + "' is not a valid Redis address; expected host:port[:db][?user=U&password=P&timeout=2s], "
                    + "/path/to/redis.sock[:db][?…] or redis://[user:password@]host:port[/db][?timeout=2s]");
        }

        @Test
        void badRedisPortAndDatabase() {
            fails(map("default", map("redis", "localhost:http")), "fluxa.pools.default.redis: 'localhost:http' has an "
                    + "invalid port 'http'; expected a whole number from 1 to 65535");
            fails(map("default", map("redis", "localhost:70000")), "fluxa.pools.default.redis: 'localhost:70000' has an "
                    + "invalid port '70000'; expected a whole number from 1 to 65535");
            fails(map("default", map("redis", "localhost:6379:-1")), "fluxa.pools.default.redis: 'localhost:6379:-1' "
                    + "has an invalid database '-1'; expected a whole number from 0 to 1000000");
            fails(map("default", map("redis", "")), "fluxa.pools.default.redis: a Redis address is required; expected "
                    + "host:port[:db][?user=U&password=P&timeout=2s], /path/to/redis.sock[:db][?…] or "
                    + "redis://[user:password@]host:port[/db][?timeout=2s]");
            failsStartingWith(map("default", map("redis", "redis://")),
                    "fluxa.pools.default.redis: 'redis://' is not a valid Redis URI");
            fails(map("default", map("redis", map("address", "h:1", "database", -1))),
                    "fluxa.pools.default.redis.database: -1 is out of range; expected at least 0");
            fails(map("default", map("redis", map("address", "h:1", "database", "one"))),
                    "fluxa.pools.default.redis.database: 'one' is not a whole number");
            assertThatThrownBy(() -> new Registry().registerRedis("cache", "h:1", new Registry.RedisOptions(null, null, -3)))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.cache.redis.database: -3 is not a Redis database number; expected 0 or more");
        }

        @Test
        void redisMapWithoutAddress() {
            fails(map("default", map("redis", map("password", "pw"))),
                    "fluxa.pools.default.redis.address: required; expected host:port[:db] or "
                            + "redis://[user:password@]host:port[/db] (or a sentinel block)");
        }

        @Test
        void sentinelErrors() {
            fails(map("default", map("redis", map("sentinel", map("nodes", List.of("h:26379"))))),
                    "fluxa.pools.default.redis.sentinel.master: required; expected the Sentinel master name");
            fails(map("default", map("redis", map("sentinel", map("master", "m")))),
                    "fluxa.pools.default.redis.sentinel: at least one Sentinel node (host:port) is required");
            fails(map("default", map("redis", map("sentinel", map("master", "m", "nodes", List.of())))),
                    "fluxa.pools.default.redis.sentinel: at least one Sentinel node (host:port) is required");
            fails(map("default", map("redis", map("sentinel", map("master", "m", "nodes", List.of("h1"))))),
                    "fluxa.pools.default.redis.sentinel: 'h1' is not a valid Sentinel node; expected host:port");
            fails(map("default", map("redis", map("sentinel", map("master", "m", "nodes", "h1:sentinel")))),
                    "fluxa.pools.default.redis.sentinel: 'h1:sentinel' has an invalid port 'sentinel'; "
                            + "expected a whole number from 1 to 65535");
            assertThatThrownBy(() -> new Registry().registerRedisSentinel("s", " ", List.of("h:1"), 0, null))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.s.redis.sentinel: a Sentinel master name is required");
            assertThatThrownBy(() -> new Registry().registerRedisSentinel("s", "m", List.of("h:1"), -1, null))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.s.redis.database: -1 is not a Redis database number; expected 0 or more");
        }

        @Test
        void poolLevelSentinelErrorsNameThatBlock() {
            fails(map("ha", map("redis", "h:1", "sentinel", map("master", "m", "nodes", "s:1"))),
                    "fluxa.pools.ha.sentinel: conflicts with fluxa.pools.ha.redis; set only one of redis, sentinel");
            fails(map("ha", map("sentinel", map("master", "m", "nodes", "s1"))),
                    "fluxa.pools.ha.sentinel: 's1' is not a valid Sentinel node; expected host:port");
            fails(map("ha", map("sentinel", map("nodes", "s:1"))),
                    "fluxa.pools.ha.sentinel.master: required; expected the Sentinel master name");
            fails(map("ha", map("sentinel", map("master", "m", "nodes", "s:1", "database", -1))),
                    "fluxa.pools.ha.sentinel.database: -1 is out of range; expected at least 0");
            fails(map("ha", map("sentinel", map("master", "m", "nodes", "s:1", "user", "a", "username", "b"))),
                    "fluxa.pools.ha.sentinel.user: conflicts with fluxa.pools.ha.sentinel.username; "
                            + "set only one of username, user");
            fails(map("ha", map("sentinel", map("master", "m", "nodes", "s:1", "db", 1))),
                    "fluxa.pools.ha.sentinel.db: unknown setting; expected one of master, nodes, database, user, "
                            + "username, password, timeout, connect-timeout, key-prefix, circuit-breaker");
        }

        @Test
        void duplicatePoolCodes() {
            Registry r = new Registry().initByConfig(map("default",
                    map("mysql", map("url", URL), "redis", "h:1", "local-cache", 1)));
            assertThatThrownBy(() -> r.initByConfig(map("default", map("mysql", map("url", URL)))))
                    .isInstanceOf(FluxaConfigException.class).hasMessage("fluxa.pools.default.mysql: a MySQL pool "
                            + "'default' is already registered; pool codes must be unique");
            assertThatThrownBy(() -> r.registerRedis("default", "h:2", null))
                    .hasMessage("fluxa.pools.default.redis: a Redis pool 'default' is already registered; "
                            + "pool codes must be unique");
            assertThatThrownBy(() -> r.registerRedisSentinel("default", "m", List.of("h:3"), 0, null))
                    .hasMessage("fluxa.pools.default.redis: a Redis pool 'default' is already registered; "
                            + "pool codes must be unique");
            assertThatThrownBy(() -> r.registerLocalCache("default", 5))
                    .hasMessage("fluxa.pools.default.local-cache: a local cache 'default' is already registered; "
                            + "pool codes must be unique");
        }

        @Test
        void streamsWithoutRedisOrOnTwoPools() {
            fails(map("default", map("local-cache", 1, "streams", List.of("orders"))),
                    "fluxa.pools.default.streams: streams live in Redis; add fluxa.pools.default.redis");
            fails(map("a", map("redis", "h:1", "streams", "orders"), "b", map("redis", "h:1:1", "streams", "orders")),
                    "fluxa.pools.b.streams: stream 'orders' is already registered on Redis pool 'a'; "
                            + "stream names must be unique");
            fails(map("a", map("redis", "h:1", "streams", List.of("orders", " "))),
                    "fluxa.pools.a.streams: expected a list of names, found String ' '");
            assertThatThrownBy(() -> new Registry().registerStream("", "a"))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.a.streams: a stream name must not be empty");
            // a name registered twice is a mistake even on the same pool: the second registration's groups
            // and limits would silently replace the first's
            assertThatThrownBy(() -> new Registry().registerStream("orders", "a").registerStream("orders", "a"))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.a.streams: stream 'orders' is already registered on Redis pool 'a'; "
                            + "stream names must be unique");
        }

        @Test
        void aStreamOnAnUnregisteredRedisPoolFailsValidate() {
            Registry r = new Registry().registerLocalCache("default", 1).registerStream("orders", "events");
            assertThatThrownBy(r::validate).isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.events.streams: stream 'orders' needs a Redis pool 'events'; register one");
        }
    }

    @Nested
    class Options {

        @Test
        void optionsAndLogHandlersAreCollected() {
            Registry r = new Registry().setOption("tenant", "acme").setOption("retries", 3).setOption("empty", null)
                    .addQueryLogHandler(e -> { }, true, false, true);
            assertThat(r.settings().options()).containsEntry("tenant", "acme").containsEntry("retries", 3)
                    .containsEntry("empty", null);
            assertThat(r.settings().queryLogHandlers()).singleElement().satisfies(reg -> {
                assertThat(reg.mysql()).isTrue();
                assertThat(reg.redis()).isFalse();
                assertThat(reg.localCache()).isTrue();
            });
            r.setOption("tenant", "other");
            assertThat(r.settings().options()).containsEntry("tenant", "other");
        }

        @Test
        void idBlockSizeIsOneUnlessSetAndMustBePositive() {
            assertThat(new Registry().settings().idBlockSize()).isEqualTo(1);
            assertThat(new Registry().idBlockSize(500).settings().idBlockSize()).isEqualTo(500);
            assertThatThrownBy(() -> new Registry().idBlockSize(0)).isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.id-block-size: expected 1 (no blocks) or more ids, got 0");
        }

        @Test
        void optionKeysMustNotBeEmpty() {
            assertThatThrownBy(() -> new Registry().setOption(" ", 1)).isInstanceOf(FluxaConfigException.class)
                    .hasMessage("an option key must not be empty");
            assertThatThrownBy(() -> new Registry().setOption(null, 1)).isInstanceOf(FluxaConfigException.class);
        }

        @Test
        void nullModelsAndHandlersAreRejected() {
            assertThatThrownBy(() -> new Registry().registerModel(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("model");
            assertThatThrownBy(() -> new Registry().addQueryLogHandler(null, true, true, true))
                    .isInstanceOf(NullPointerException.class).hasMessage("handler");
        }
    }
}
