package io.fluxa.test;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.mysql.MySqlPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small {@code @FluxaTest} classes with the JUnit test kit against the real servers and checks
 * what they saw and what they left behind. Databases {@code fluxa_ts_*_<runId>}, Redis slot 7.
 */
class FluxaExtensionTest {

    /** What the cases saw, by name; written inside the cases, read after the run. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    static final int REDIS_DB = 7;

    /** This run's name for a database base name. */
    static String db(String base) {
        return FluxaTestServers.databaseName(base);
    }

    static Events run(Class<?> testClass) {
        SEEN.clear();
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
        List<String> failures = events.failed().stream().map(FluxaExtensionTest::describe).toList();
        SEEN.put("failures", failures);
        return events;
    }

    static String describe(Event event) {
        return event.getTestDescriptor().getDisplayName() + ": " + event.getPayload(
                org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::toString).orElse("?");
    }

    static boolean databaseExists(String name) {
        FluxaTestServers servers = FluxaTestServers.fromEnvironment();
        try (Connection c = DriverManager.getConnection(servers.serverUrl(), servers.mysqlUser(), servers.mysqlPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(MySqlPool pool, String table) {
        return pool.queryRow("SELECT COUNT(*) FROM `" + table + "`", rs -> rs.getLong(1)).orElseThrow();
    }

    // ---- lifecycle: databases, tables, injection, cleaning, drop -------------------------------

    @FluxaTest(database = "fluxa_ts_lifecycle", redisDb = REDIS_DB, models = TestModel.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LifecycleCase {
        static Engine staticEngine;
        Engine engine;
        Context context;

        @BeforeAll
        static void beforeAll(Engine engine, Context context) {
            SEEN.put("beforeAll.engine", engine);
            SEEN.put("beforeAll.context", context);
            SEEN.put("static.engine", staticEngine);
        }

        @BeforeEach
        void beforeEach(Context context) {
            SEEN.put("beforeEach.context." + SEEN.size(), context);
        }

        @Test
        @Order(1)
        void fillsEverything(Engine engineParameter, Context contextParameter) {
            assertThat(engineParameter).isSameAs(engine).isSameAs(SEEN.get("beforeAll.engine"));
            assertThat(contextParameter).isSameAs(context).isNotSameAs(SEEN.get("beforeAll.context"));
            assertThat(SEEN).containsValue(context); // the @BeforeEach parameter is the test's context
            SEEN.put("first.context", context);
            SEEN.put("databases", List.of(engine.db("default").database(), engine.db("audit").database()));
            SEEN.put("databases.0", engine.db("default").database());
            SEEN.put("redis.database", engine.redis("default").database());
            assertThat(engine.schema().alters()).isEmpty();

            MySqlPool db = engine.db("default");
            long item = db.exec("INSERT INTO `ts_items` (`ID`, `Name`) VALUES (1, 'pen')").rowsAffected();
            db.exec("INSERT INTO `ts_lines` (`ID`, `Item`, `Quantity`) VALUES (1, 1, 3)");
            engine.db("audit").exec("INSERT INTO `ts_audit` (`ID`, `Text`) VALUES (1, 'x')");
            engine.redis("default").connection().sync().set("ts:key", new byte[] {1});
            engine.localCache("default").set("ts:local", "value");
            assertThat(item).isEqualTo(1);
            assertThat(count(db, "ts_lines")).isEqualTo(1);
            assertThat(engine.redis("default").connection().sync().dbsize()).isEqualTo(1);
        }

        @Test
        @Order(2)
        void startsEmptyAgain() {
            assertThat(context).isNotSameAs(SEEN.get("first.context"));
            assertThat(count(engine.db("default"), "ts_items")).isZero();
            assertThat(count(engine.db("default"), "ts_lines")).isZero();
            assertThat(count(engine.db("audit"), "ts_audit")).isZero();
            assertThat(engine.redis("default").connection().sync().dbsize()).isZero();
            assertThat(engine.localCache("default").get("ts:local")).isNull();
            SEEN.put("second.ran", true);
        }
    }

    @Test
    void createsTablesInjectsAndCleansBetweenTestsThenDropsTheDatabases() {
        Events events = run(LifecycleCase.class);
        assertThat((List<?>) SEEN.get("failures")).isEmpty();
        assertThat(events.succeeded().count()).isEqualTo(4); // engine, class, two tests
        assertThat(SEEN.get("second.ran")).isEqualTo(true);
        assertThat(SEEN.get("static.engine")).isSameAs(SEEN.get("beforeAll.engine"));
        assertThat(SEEN.get("databases")).isEqualTo(List.of(db("fluxa_ts_lifecycle"), db("fluxa_ts_lifecycle_audit")));
        assertThat((String) SEEN.get("databases.0")).endsWith("_" + FluxaTestServers.runId());
        assertThat(SEEN.get("redis.database")).isEqualTo(FluxaTestServers.fromEnvironment().redisDatabase(REDIS_DB))
                .isNotEqualTo(0);
        assertThat(databaseExists(db("fluxa_ts_lifecycle"))).isFalse();
        assertThat(databaseExists(db("fluxa_ts_lifecycle_audit"))).isFalse();
    }

    @FluxaTest(database = "fluxa_ts_per_class", redisDb = REDIS_DB, models = TestModel.class)
    @org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
    static class PerClassCase {
        Engine engine;
        Context context;

        @BeforeAll
        void beforeAll(Context classContext) {
            SEEN.put("beforeAll.engine", engine);
            SEEN.put("beforeAll.fieldIsClassContext", context == classContext);
        }

        @Test
        void getsItsOwnContext(Engine engineParameter, Context contextParameter) {
            assertThat(engine).isSameAs(engineParameter);
            assertThat(context).isSameAs(contextParameter);
            SEEN.put("test.engine", engine);
            SEEN.put("test.context", context);
        }
    }

    @Test
    void perClassInstancesAreInjectedBeforeAllToo() {
        run(PerClassCase.class);
        assertThat((List<?>) SEEN.get("failures")).isEmpty();
        assertThat(SEEN.get("beforeAll.engine")).isNotNull().isSameAs(SEEN.get("test.engine"));
        assertThat(SEEN.get("beforeAll.fieldIsClassContext")).isEqualTo(true);
        assertThat(SEEN.get("test.context")).isNotNull();
    }

    // ---- keepDatabase, cleanBeforeEach = false -----------------------------------------------

    @FluxaTest(database = "fluxa_ts_keep", redisDb = REDIS_DB, models = TestModel.class, keepDatabase = true,
            cleanBeforeEach = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class KeepCase {
        Engine engine;

        @Test
        @Order(1)
        void writes() {
            engine.db("default").exec("INSERT INTO `ts_items` (`ID`, `Name`) VALUES (7, 'kept')");
        }

        @Test
        @Order(2)
        void seesTheRowOfTheFirstTest() {
            assertThat(count(engine.db("default"), "ts_items")).isEqualTo(1);
        }
    }

    @Test
    void keepDatabaseLeavesTheDataAndCleanBeforeEachFalseSharesIt() throws SQLException {
        run(KeepCase.class);
        try {
            assertThat((List<?>) SEEN.get("failures")).isEmpty();
            assertThat(databaseExists(db("fluxa_ts_keep"))).isTrue();
            FluxaTestServers servers = FluxaTestServers.fromEnvironment();
            try (Connection c = DriverManager.getConnection(servers.databaseUrl(db("fluxa_ts_keep")), servers.mysqlUser(),
                    servers.mysqlPassword()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT `Name` FROM `ts_items`")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        } finally {
            FluxaTestServers.fromEnvironment().dropDatabases(List.of(db("fluxa_ts_keep"), db("fluxa_ts_keep_audit")));
        }
    }

    // ---- derived database name, ServiceLoader discovery, nested classes ------------------------

    @FluxaTest(databasePrefix = "fluxa_ts_", redisDb = REDIS_DB)
    static class DerivedNameCase {
        Engine engine;

        @Test
        void outer() {
            SEEN.put("outer.engine", engine);
            SEEN.put("database", engine.db("default").database());
            SEEN.put("entities", engine.schema().entities().stream().map(e -> e.entityName()).toList());
            engine.db("default").exec("INSERT INTO `ts_items` (`ID`, `Name`) VALUES (1, 'outer')");
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEngineAndIsCleaned(Engine engine) {
                SEEN.put("inner.engine", engine);
                assertThat(count(engine.db("default"), "ts_items")).isZero();
            }
        }
    }

    @Test
    void derivesTheDatabaseNameFindsModelsThroughServiceLoaderAndSharesTheEngineWithNestedClasses() {
        run(DerivedNameCase.class);
        assertThat((List<?>) SEEN.get("failures")).isEmpty();
        String expected = db(DatabaseNames.derive("fluxa_ts_", DerivedNameCase.class.getName()));
        assertThat(expected).startsWith("fluxa_ts_fluxa_extension_test_derived_name_ca").hasSizeLessThanOrEqualTo(64)
                .endsWith("_" + FluxaTestServers.runId());
        assertThat(SEEN.get("database")).isEqualTo(expected);
        assertThat(SEEN.get("entities")).isEqualTo(List.of("AuditEntry", "Item", "Line"));
        assertThat(SEEN.get("inner.engine")).isNotNull().isSameAs(SEEN.get("outer.engine"));
        assertThat(databaseExists(expected)).isFalse();
    }

    // ---- customizers --------------------------------------------------------------------------

    public static class ExtraPools implements FluxaTestCustomizer {
        @Override
        public void configure(Registry registry, FluxaTestSetup setup) {
            SEEN.put("setup", List.of(setup.testClass(), setup.database(), setup.redisDb()));
            registry.registerMySql("extra", setup.createDatabase("extra"), setup.servers().mysqlUser(),
                    setup.servers().mysqlPassword(), null);
            registry.setOption("answer", 42);
        }

        @Override
        public void started(Engine engine) {
            engine.db("extra").exec("CREATE TABLE `raw_table` (`ID` int PRIMARY KEY)");
        }
    }

    @FluxaTest(database = "fluxa_ts_custom", redisDb = REDIS_DB, models = TestModel.class,
            customizers = ExtraPools.class)
    static class CustomizerCase {
        @Test
        void seesWhatTheCustomizerRegistered(Engine engine) {
            assertThat(engine.option("answer")).isEqualTo(42);
            assertThat(engine.db("extra").database()).isEqualTo(db("fluxa_ts_custom_extra"));
            assertThat(engine.db("extra").queryRow("SELECT COUNT(*) FROM `raw_table`", rs -> rs.getInt(1)))
                    .contains(0);
            SEEN.put("ran", true);
        }
    }

    @Test
    void customizersRegisterPoolsAndOptionsAndTheirDatabasesAreDropped() {
        run(CustomizerCase.class);
        assertThat((List<?>) SEEN.get("failures")).isEmpty();
        assertThat(SEEN.get("ran")).isEqualTo(true);
        assertThat(SEEN.get("setup")).isEqualTo(List.of(CustomizerCase.class, db("fluxa_ts_custom"),
                FluxaTestServers.fromEnvironment().redisDatabase(REDIS_DB)));
        assertThat(databaseExists(db("fluxa_ts_custom_extra"))).isFalse();
    }

    // ---- errors -------------------------------------------------------------------------------

    public static class NowhereServers implements FluxaTestServers.Provider {
        @Override
        public FluxaTestServers servers() {
            return FluxaTestServers.of("jdbc:mariadb://127.0.0.1:1/", "root", "", "127.0.0.1:6379");
        }
    }

    @FluxaTest(database = "fluxa_ts_nowhere", redisDb = REDIS_DB, servers = NowhereServers.class)
    static class UnreachableCase {
        @Test
        void neverRuns() {
            SEEN.put("ran", true);
        }
    }

    @Test
    void anUnreachableServerFailsTheClassNamingTheProvider() {
        run(UnreachableCase.class);
        assertThat(SEEN).doesNotContainKey("ran");
        assertThat((List<?>) SEEN.get("failures")).singleElement().asString()
                .contains("cannot create databases " + db("fluxa_ts_nowhere") + ", " + db("fluxa_ts_nowhere_audit")
                        + " on the MySQL server jdbc:mariadb://127.0.0.1:1/")
                .contains("Check the MySQL settings supplied by " + NowhereServers.class.getName());
    }

    @ExtendWith(FluxaExtension.class)
    static class WithoutAnnotationCase {
        @Test
        void neverRuns() {
            SEEN.put("ran", true);
        }
    }

    @Test
    void theExtensionWithoutTheAnnotationIsExplained() {
        run(WithoutAnnotationCase.class);
        assertThat(SEEN).doesNotContainKey("ran");
        assertThat((List<?>) SEEN.get("failures")).singleElement().asString()
                .contains("uses FluxaExtension without @FluxaTest");
    }
}
