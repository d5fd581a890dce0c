package io.fluxa;

import io.fluxa.engine.PoolSizing;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.schema.AnnotationUse;
import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.FieldDefinition;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.SchemaModelBuilder;
import io.fluxa.schema.SourcePosition;
import io.fluxa.schema.TypeRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.fluxa.RegistryConfigTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Registry#validate()} against the real MariaDB and Redis: connecting, sizing, and failing fast. */
class RegistryValidateTest {

    private static final String DB = "fluxa_cfg_validate";
    private static final String REDIS_ADDRESS = TestServices.redisAddress();
    /** Nothing listens on port 1 of the loopback interface, so connecting is refused at once. */
    private static final String CLOSED = "127.0.0.1:1";
    private static String url;

    @BeforeAll
    static void createDatabase() {
        url = TestServices.freshDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    private static Registry mysql(String code, Registry.MySqlOptions options) {
        return new Registry().registerMySql(code, url, TestServices.MYSQL_USER, TestServices.MYSQL_PASSWORD, options);
    }

    @Test
    void unreachableMySqlNamesThePool() {
        Registry r = new Registry().registerMySql("orders", "jdbc:mariadb://" + CLOSED + "/app", "root", "", null);
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("MySQL pool 'orders' is unreachable at jdbc:mariadb://127.0.0.1:1/app: ")
                .hasMessageEndingWith("Check fluxa.pools.orders.mysql (url, username, password) and that the server "
                        + "is running.")
                .satisfies(e -> assertThat(((PoolUnavailableException) e).pool()).isEqualTo("orders"));
    }

    @Test
    void wrongMySqlPasswordNamesThePool() {
        Registry r = new Registry().registerMySql("reports", url, "fluxa_cfg_nobody", "wrong", null);
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("MySQL pool 'reports' is unreachable at " + url)
                .hasMessageContaining("fluxa_cfg_nobody");
    }

    @Test
    void unreachableRedisNamesThePool() {
        Registry r = new Registry().registerRedis("cache", CLOSED + ":3", null);
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("Redis pool 'cache' is unreachable at 127.0.0.1:1/3: ")
                .hasMessageEndingWith("Check fluxa.pools.cache.redis and that the server is running.")
                .satisfies(e -> assertThat(((PoolUnavailableException) e).pool()).isEqualTo("cache"));
    }

    @Test
    void unreachableSentinelNamesThePool() {
        Registry r = new Registry().initByConfig(map("ha", map("redis",
                map("sentinel", map("master", "mymaster", "nodes", List.of(CLOSED))))));
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("Redis pool 'ha' is unreachable at sentinel mymaster@127.0.0.1:1/0: ")
                .satisfies(e -> assertThat(((PoolUnavailableException) e).pool()).isEqualTo("ha"));
    }

    @Test
    void aFailingRedisPoolFailsValidateEvenAfterMySqlConnected() {
        Registry r = mysql("default", null).registerRedis("default", CLOSED, null);
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("Redis pool 'default' is unreachable");
    }

    @Test
    void aUrlWithoutADatabaseIsAConfigError() {
        String serverOnly = TestServices.MYSQL_URL.endsWith("/") ? TestServices.MYSQL_URL : TestServices.MYSQL_URL + "/";
        Registry r = new Registry().registerMySql("default", serverOnly, TestServices.MYSQL_USER,
                TestServices.MYSQL_PASSWORD, null);
        assertThatThrownBy(r::validate).isInstanceOf(FluxaConfigException.class)
                .hasMessage("fluxa.pools.default.mysql.url: '" + serverOnly + "' names no database; expected e.g. "
                        + "jdbc:mariadb://localhost:3306/app");
    }

    @Test
    void explicitPoolOptionsAreHonoured() {
        try (Engine engine = mysql("default", new Registry.MySqlOptions(3, 1, Duration.ofSeconds(45), "utf8mb4",
                "utf8mb4_bin", List.of("legacy"))).validate()) {
            HikariDataSource ds = (HikariDataSource) engine.db("default").dataSource();
            assertThat(ds.getMaximumPoolSize()).isEqualTo(3);
            assertThat(ds.getMinimumIdle()).isEqualTo(1);
            assertThat(ds.getMaxLifetime()).isEqualTo(45_000);
            assertThat(ds.getPoolName()).isEqualTo("fluxa-default");
            assertThat(engine.db("default").queryRow("SELECT @@character_set_connection, @@collation_connection",
                    rs -> rs.getString(1) + "/" + rs.getString(2))).contains("utf8mb4/utf8mb4_bin");
        }
    }

    @Test
    void timeoutsReachTheDriverAndAStatementRunningTooLongIsCancelledNamingTheSetting() {
        try (Engine engine = mysql("default", new Registry.MySqlOptions(2, 1, null, null, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(1))).validate()) {
            HikariDataSource ds = (HikariDataSource) engine.db("default").dataSource();
            assertThat(ds.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(ds.getDataSourceProperties()).containsEntry("connectTimeout", "2000")
                    .containsEntry("socketTimeout", "20000");
            assertThat(engine.db("default").statementTimeout()).isEqualTo(Duration.ofSeconds(1));
            // the server cancels the statement after the statement-timeout, long before the socket timeout
            assertThatThrownBy(() -> engine.db("default").queryRow("SELECT SLEEP(5)", rs -> rs.getInt(1)))
                    .isInstanceOf(FluxaException.class)
                    .hasMessageContaining("MySQL pool 'default': the statement ran longer than the statement-timeout"
                            + " (1 s, fluxa.pools.default.mysql.statement-timeout)");
            assertThat(engine.db("default").queryRow("SELECT 1", rs -> rs.getInt(1))).contains(1);
        }
    }

    @Test
    void anExplicitIdleCountIsKeptWhenTheOpenLimitIsSizedFromTheServer() {
        try (Engine engine = mysql("default", new Registry.MySqlOptions(null, 5, null, null, null, null)).validate()) {
            HikariDataSource ds = (HikariDataSource) engine.db("default").dataSource();
            PoolSizing sizing = serverSizing(engine);
            assertThat(ds.getMaximumPoolSize()).isEqualTo(sizing.maxOpen());
            assertThat(ds.getMinimumIdle()).isEqualTo(Math.min(5, sizing.maxOpen()));
            assertThat(ds.getMaxLifetime()).isEqualTo(sizing.maxLifetime().toMillis());
        }
    }

    @Test
    void anUnsetIdleCountIsHalfOfAnExplicitOpenLimit() {
        try (Engine engine = mysql("default", new Registry.MySqlOptions(6, null, null, null, null, null)).validate()) {
            HikariDataSource ds = (HikariDataSource) engine.db("default").dataSource();
            assertThat(ds.getMaximumPoolSize()).isEqualTo(6);
            assertThat(ds.getMinimumIdle()).isEqualTo(3);
        }
    }

    @Test
    void unsetOptionsAreSizedFromMaxConnectionsAndWaitTimeout() {
        try (Engine engine = mysql("default", null).validate()) {
            HikariDataSource ds = (HikariDataSource) engine.db("default").dataSource();
            PoolSizing sizing = serverSizing(engine);
            assertThat(ds.getMaximumPoolSize()).isEqualTo(sizing.maxOpen());
            assertThat(ds.getMinimumIdle()).isEqualTo(sizing.maxIdle());
            assertThat(ds.getMaxLifetime()).isEqualTo(sizing.maxLifetime().toMillis());
            assertThat(engine.db("default").queryRow("SELECT @@character_set_connection", rs -> rs.getString(1)))
                    .contains("utf8mb4");
        }
    }

    private static Registry.MySqlOptions names(String charset, String collation) {
        return new Registry.MySqlOptions(null, null, null, charset, collation, null);
    }

    @Test
    void aCharsetTheServerDoesNotKnowIsNamedAsTheWrongSetting() {
        assertThatThrownBy(mysql("default", names("latin9", null))::validate).isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.default.mysql.default-charset: 'latin9' is not a character set of"
                        + " MySQL pool 'default' (server ")
                .hasMessageEndingWith("; SHOW CHARACTER SET lists them, utf8mb4 is the usual choice.")
                .hasMessageNotContaining("unreachable");
    }

    @Test
    void aCollationTheServerDoesNotKnowIsNamedAsTheWrongSetting() {
        assertThatThrownBy(mysql("default", names(null, "utf8mb4_no_such_ci"))::validate)
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.default.mysql.default-collation: 'utf8mb4_no_such_ci' is not a"
                        + " collation of MySQL pool 'default'")
                .hasMessageContaining("SHOW COLLATION LIKE 'utf8mb4%' lists those of utf8mb4, e.g. utf8mb4_")
                .hasMessageNotContaining("unreachable");
    }

    @Test
    void aCollationOfAnotherCharsetIsNamedWithTheCharset() {
        assertThatThrownBy(mysql("default", names("latin1", "utf8mb4_bin"))::validate)
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.default.mysql.default-collation: 'utf8mb4_bin' is not a collation"
                        + " of default-charset 'latin1'")
                .hasMessageContaining("Choose a latin1 collation such as latin1_");
    }

    @Test
    void aCollationTablesCannotUseIsRefused() {
        // utf8mb3 + utf8mb3_bin works for connections, but schema sync creates utf8mb4 tables with the collation
        assertThatThrownBy(mysql("default", names("utf8mb3", "utf8mb3_bin"))::validate)
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.default.mysql.default-collation: 'utf8mb3_bin' is a collation of"
                        + " utf8mb3, but the tables schema sync creates and converts always use utf8mb4")
                .hasMessageContaining("SHOW COLLATION LIKE 'utf8mb4%'");
    }

    @Test
    void aCharsetTheJdbcDriverCannotUseIsNamed() {
        // the server knows latin1; MariaDB Connector/J closes a connection switched to it
        assertThatThrownBy(mysql("default", names("latin1", null))::validate)
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.default.mysql.default-charset: 'latin1' cannot be used by the"
                        + " JDBC driver of MySQL pool 'default'")
                .hasMessageEndingWith("Tables always use utf8mb4; use utf8mb4 or leave default-charset unset.");
    }

    @Test
    void namesTheServerAcceptsPassEvenWhenShowCollationDoesNotListThem() {
        try (Engine engine = mysql("default", names("utf8", null)).validate()) {   // an alias of utf8mb3
            assertThat(engine.db("default").queryRow("SELECT @@character_set_connection", rs -> rs.getString(1)))
                    .hasValueSatisfying(charset -> assertThat(charset).startsWith("utf8"));
        }
        try (Engine probe = mysql("default", null).validate()) {
            boolean uca1400 = probe.db("default").queryRow("SELECT COUNT(*) FROM information_schema.COLLATIONS"
                    + " WHERE COLLATION_NAME = 'uca1400_ai_ci'", rs -> rs.getInt(1)).orElse(0) > 0;
            if (uca1400) {   // MariaDB 10.10+: full uca1400 names are valid but absent from SHOW COLLATION
                try (Engine engine = mysql("default", names(null, "utf8mb4_uca1400_ai_ci")).validate()) {
                    assertThat(engine.db("default").queryRow("SELECT @@collation_connection", rs -> rs.getString(1)))
                            .contains("utf8mb4_uca1400_ai_ci");
                }
            }
        }
    }

    @Test
    void anUnreachableServerWithCharsetSettingsIsStillReportedAsUnreachable() {
        Registry r = new Registry().registerMySql("orders", "jdbc:mariadb://" + CLOSED + "/app", "root", "",
                names("utf8mb4", "utf8mb4_bin"));
        assertThatThrownBy(r::validate).isInstanceOf(PoolUnavailableException.class)
                .hasMessageStartingWith("MySQL pool 'orders' is unreachable at jdbc:mariadb://127.0.0.1:1/app: ");
    }

    @Test
    void everyPoolKindFromConfigConnects() {
        Registry r = new Registry().initByConfig(map(
                "default", map("mysql", map("url", url, "username", TestServices.MYSQL_USER,
                        "password", TestServices.MYSQL_PASSWORD, "max-open-connections", 2), "redis", REDIS_ADDRESS,
                        "local-cache", 10, "streams", List.of("cfg-orders")),
                "second", map("redis", map("address", TestServices.SERVERS.redis(), "database", TestServices.redisDatabase()),
                        "localCache", 0)))
                .setOption("answer", 42);
        try (Engine engine = r.validate()) {
            assertThat(engine.dbPools()).extracting(p -> p.code()).containsExactly("default");
            assertThat(engine.redisPools()).extracting(p -> p.code()).containsExactly("default", "second");
            assertThat(engine.redis("second").database()).isEqualTo(TestServices.redisDatabase());
            assertThat(engine.localCaches()).extracting(c -> c.code() + "=" + c.limit())
                    .containsExactly("default=10", "second=0");
            assertThat(((io.fluxa.engine.EngineImpl) engine).streams()).isEqualTo(Map.of("cfg-orders", "default"));
            assertThat(engine.option("answer")).isEqualTo(42);
            assertThat(engine.option("missing")).isNull();
            assertThatThrownBy(() -> engine.options().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void registryChangesAfterValidateDoNotReachTheEngine() {
        Registry r = new Registry().registerLocalCache("default", 1).setOption("mode", "a");
        try (Engine engine = r.validate()) {
            r.setOption("mode", "b").registerLocalCache("late", 1);
            assertThat(engine.option("mode")).isEqualTo("a");
            assertThatThrownBy(() -> engine.localCache("late")).isInstanceOf(PoolUnavailableException.class);
        }
    }

    // ---- entities that use pools nobody registered ---------------------------------------------

    private static EntityModel model(AnnotationUse... annotations) {
        List<AnnotationUse> all = new java.util.ArrayList<>(List.of(AnnotationUse.of("FluxaEntity")));
        for (AnnotationUse a : annotations) {
            if (a.name().equals("FluxaEntity")) {
                all.set(0, a);
            } else {
                all.add(a);
            }
        }
        ClassDefinition user = new ClassDefinition("app.User", all,
                List.of(new FieldDefinition("id", TypeRef.of("long"), List.of(), SourcePosition.UNKNOWN),
                        new FieldDefinition("name", TypeRef.of("String"), List.of(), SourcePosition.UNKNOWN)),
                SourcePosition.UNKNOWN);
        SchemaModel schema = SchemaModelBuilder.build(List.of(user));
        return () -> schema;
    }

    @Test
    void anEntityOnAnUnregisteredMySqlPool() {
        Registry r = new Registry().registerLocalCache("default", 1)
                .registerModel(model(AnnotationUse.of("FluxaEntity", Map.of("mysqlPool", "users"))));
        assertThatThrownBy(r::validate).isInstanceOf(FluxaConfigException.class)
                .hasMessage("entity User uses MySQL pool 'users', which is not registered; add fluxa.pools.users.mysql");
    }

    @Test
    void anEntityCachedInAnUnregisteredRedisPool() {
        Registry r = mysql("default", null).registerModel(model(AnnotationUse.of("RedisCache", Map.of("pool", "hot"))));
        assertThatThrownBy(r::validate).isInstanceOf(FluxaConfigException.class)
                .hasMessage("entity User is cached in Redis pool 'hot', which is not registered; add fluxa.pools.hot.redis");
    }

    @Test
    void anEntityCachedInAnUnregisteredLocalCache() {
        Registry r = mysql("default", null).registerModel(model(AnnotationUse.of("LocalCache")));
        assertThatThrownBy(r::validate).isInstanceOf(FluxaConfigException.class)
                .hasMessage("entity User is cached in local cache pool 'default', which is not registered; "
                        + "add fluxa.pools.default.local-cache");
    }

    @Test
    void anEntityWhosePoolsAreRegisteredIsKnownToTheEngine() {
        Registry r = mysql("default", null).registerRedis("default", REDIS_ADDRESS, null).registerLocalCache("default", 0)
                .registerModel(model(AnnotationUse.of("RedisCache"), AnnotationUse.of("LocalCache")));
        try (Engine engine = r.validate()) {
            assertThat(engine.entity("User").table()).isEqualTo("User");
            assertThat(engine.schema().entities()).extracting(e -> e.entityName()).containsExactly("User");
            assertThatThrownBy(() -> engine.entity("Order")).isInstanceOf(FluxaException.class)
                    .hasMessage("no entity 'Order' is registered; register its model with Registry.registerModel(...)");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static PoolSizing serverSizing(Engine engine) {
        return engine.db("default").queryRow("SELECT @@max_connections, @@wait_timeout",
                rs -> PoolSizing.of(rs.getInt(1), rs.getLong(2))).orElseThrow();
    }
}
