package io.fluxa.test;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.redis.RedisAddress;
import io.fluxa.schema.EntitySchema;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The engine of one {@link FluxaTest} class, its databases, and how to clean them. */
final class FluxaTestRuntime {

    /** Connection limits of the extension's MySQL pools: tests need few, and many classes may run at once. */
    private static final Registry.MySqlOptions MYSQL_OPTIONS = new Registry.MySqlOptions(8, 1, null, null, null, null);

    private final Class<?> testClass;
    private final String owner;
    private final boolean cleanBeforeEach;
    private final boolean keepDatabases;
    private final FluxaTestServers servers;
    private final List<String> databases = new ArrayList<>();
    private Engine engine;

    private FluxaTestRuntime(Class<?> testClass, String owner, FluxaTest settings, FluxaTestServers servers) {
        this.testClass = testClass;
        this.owner = owner;
        this.cleanBeforeEach = settings.cleanBeforeEach();
        this.keepDatabases = settings.keepDatabase();
        this.servers = servers;
    }

    /**
     * Creates the databases, starts the engine, creates the tables and empties Redis.
     *
     * @param owner the unique id of the JUnit container that owns (and later closes) this runtime
     */
    static FluxaTestRuntime start(Class<?> testClass, FluxaTest settings, String owner) {
        return start(testClass, settings, servers(testClass, settings), owner);
    }

    static FluxaTestRuntime start(Class<?> testClass, FluxaTest settings, FluxaTestServers servers, String owner) {
        FluxaTestRuntime runtime = new FluxaTestRuntime(testClass, owner, settings, servers);
        try {
            runtime.startEngine(settings);
            return runtime;
        } catch (RuntimeException | Error e) {
            try {
                runtime.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void startEngine(FluxaTest settings) {
        if (settings.redisDb() < 0) {
            throw new io.fluxa.FluxaConfigException("@FluxaTest(redisDb = " + settings.redisDb() + ") on "
                    + testClass.getName() + ": expected a Redis database slot, 0 or more");
        }
        List<EntityModel> models = models(settings);
        TreeSet<String> mysqlPools = new TreeSet<>(List.of(Registry.DEFAULT_POOL));
        TreeSet<String> redisPools = new TreeSet<>(List.of(Registry.DEFAULT_POOL));
        TreeSet<String> localCaches = new TreeSet<>(List.of(Registry.DEFAULT_POOL));
        for (EntityModel model : models) {
            for (EntitySchema e : model.schema().entities()) {
                mysqlPools.add(e.mysqlPool());
                if (e.redisCache() != null) {
                    redisPools.add(e.redisCache().pool());
                }
                if (e.localCache() != null) {
                    localCaches.add(e.localCache().pool());
                }
            }
        }
        // Redis first: it also keeps the test run's records, which creating databases needs
        checkRedisReachable(servers);
        int redisDb = inTestClass(() -> servers.redisDatabase(settings.redisDb()));
        String base = DatabaseNames.base(testClass, settings);
        Map<String, String> baseByPool = new LinkedHashMap<>();
        baseByPool.put(Registry.DEFAULT_POOL, base);
        for (String pool : mysqlPools) {
            baseByPool.put(pool, DatabaseNames.forPool(base, pool));
        }
        List<String> names = inTestClass(() -> servers.createDatabases(List.copyOf(baseByPool.values())));
        databases.addAll(names);
        if (keepDatabases) {
            servers.keepDatabases(names);
        }
        Map<String, String> databaseByPool = new LinkedHashMap<>();
        baseByPool.forEach((pool, b) -> databaseByPool.put(pool, FluxaTestServers.databaseName(b)));

        Registry registry = new Registry();
        databaseByPool.forEach((pool, database) -> registry.registerMySql(pool, servers.databaseUrl(database),
                servers.mysqlUser(), servers.mysqlPassword(), MYSQL_OPTIONS));
        for (String pool : redisPools) {
            registry.registerRedis(pool, servers.redis(), new Registry.RedisOptions(null, null, redisDb));
        }
        for (String pool : localCaches) {
            registry.registerLocalCache(pool, 0);
        }
        models.forEach(registry::registerModel);
        List<FluxaTestCustomizer> customizers = new ArrayList<>();
        for (Class<? extends FluxaTestCustomizer> type : settings.customizers()) {
            customizers.add(instantiate(type, "customizer"));
        }
        FluxaTestSetup setup = new FluxaTestSetup(testClass, base, databaseByPool.get(Registry.DEFAULT_POOL), redisDb,
                servers, keepDatabases);
        try {
            for (FluxaTestCustomizer customizer : customizers) {
                customizer.configure(registry, setup);
            }
        } finally {
            databases.addAll(setup.extraDatabases);
        }
        try {
            engine = registry.validate();
        } catch (io.fluxa.PoolUnavailableException e) {
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": the engine did not start: "
                    + e.getMessage() + " Test servers: " + servers + ". " + servers.mysqlHint() + " "
                    + servers.redisHint(), e);
        }
        engine.schema().applyAlters(true);
        flushRedis();
        for (FluxaTestCustomizer customizer : customizers) {
            customizer.started(engine);
        }
    }

    /** Runs a test-run call, naming the test class in its failure. */
    private <T> T inTestClass(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (io.fluxa.FluxaConfigException e) {
            throw new io.fluxa.FluxaConfigException("@FluxaTest on " + testClass.getName() + ": " + e.getMessage(), e);
        } catch (FluxaException e) {
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": " + e.getMessage(), e);
        }
    }

    private static FluxaTestServers servers(Class<?> testClass, FluxaTest settings) {
        Class<? extends FluxaTestServers.Provider> type = settings.servers();
        if (type == FluxaTestServers.Provider.class) {
            return FluxaTestServers.fromEnvironment();
        }
        FluxaTestServers servers = instantiate(testClass, type, "servers provider").servers();
        if (servers == null) {
            throw new io.fluxa.FluxaConfigException("@FluxaTest(servers = " + type.getName() + ") on "
                    + testClass.getName() + ": servers() returned null");
        }
        return servers.from(type);
    }

    private List<EntityModel> models(FluxaTest settings) {
        List<EntityModel> models = new ArrayList<>();
        if (settings.models().length == 0) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (EntityModel model : ServiceLoader.load(EntityModel.class,
                    loader == null ? testClass.getClassLoader() : loader)) {
                models.add(model);
            }
        } else {
            for (Class<? extends EntityModel> type : settings.models()) {
                models.add(instantiate(type, "model"));
            }
        }
        return models;
    }

    private <T> T instantiate(Class<T> type, String what) {
        return instantiate(testClass, type, what);
    }

    private static <T> T instantiate(Class<?> testClass, Class<T> type, String what) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new io.fluxa.FluxaConfigException("@FluxaTest on " + testClass.getName() + ": " + what + " "
                    + type.getName() + " needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": " + what + " " + type.getName()
                    + " failed in its constructor: " + ServerDatabases.message(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": cannot create " + what + " "
                    + type.getName() + ": " + ServerDatabases.message(e), e);
        }
    }

    /** A plain TCP connect first, so an absent server fails fast with the setting to change. */
    private void checkRedisReachable(FluxaTestServers servers) {
        RedisAddress address;
        try {
            address = RedisAddress.parse(servers.redis());
        } catch (IllegalArgumentException e) {
            throw new io.fluxa.FluxaConfigException("@FluxaTest on " + testClass.getName() + ": '"
                    + servers.redis() + "' is not a Redis address: " + e.getMessage() + ". " + servers.redisHint(), e);
        }
        if (address.isSentinel()) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 2_000);
        } catch (IOException e) {
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": cannot reach Redis at "
                    + address.host() + ":" + address.port() + ": " + ServerDatabases.message(e) + ". "
                    + servers.redisHint(), e);
        }
    }

    Engine engine() {
        return engine;
    }

    String owner() {
        return owner;
    }

    boolean cleanBeforeEach() {
        return cleanBeforeEach;
    }

    /** The databases this runtime created, {@code default} pool's first. */
    List<String> databases() {
        return List.copyOf(databases);
    }

    Context newContext() {
        return engine.newContext();
    }

    /**
     * Empties every entity table (only those holding rows, with foreign key checks off), every Redis
     * pool of the engine ({@code FLUSHDB}) and every local cache.
     */
    void clean() {
        EngineCleaner.clean(engine, servers, "@FluxaTest on " + testClass.getName());
    }

    private void flushRedis() {
        EngineCleaner.flushRedis(engine, servers, "@FluxaTest on " + testClass.getName());
    }

    /** Closes the engine and drops the databases unless they are kept. */
    void close() {
        RuntimeException failure = null;
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                failure = e;
            }
            engine = null;
        }
        if (!keepDatabases && !databases.isEmpty()) {
            try {
                inTestClass(() -> {
                    servers.dropDatabases(databases);
                    return null;
                });
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
