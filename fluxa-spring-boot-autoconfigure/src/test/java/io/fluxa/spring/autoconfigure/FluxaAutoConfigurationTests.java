package io.fluxa.spring.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.cache.IdBlocks;
import io.fluxa.cache.IdPrefetch;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.engine.EngineImpl;
import io.fluxa.log.QueryLogger;
import io.fluxa.redis.CircuitBreakerSettings;
import io.fluxa.schema.LocalCacheSettings;
import io.fluxa.schema.RedisCacheSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Engine bean, the Spring Boot fallbacks, provider beans and the back-off rules, on real services. */
class FluxaAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_core");
    private static final int REDIS_DB = TestServices.redisDatabase();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class));

    private final String[] fluxaMySql = TestServices.defaultPoolMySql(DB);

    @BeforeAll
    static void services() {
        TestServices.recreateDatabase(DB);
        TestServices.createNotesTable(DB);
    }

    @BeforeEach
    void clean() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
        TestServices.flushRedis(REDIS_DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void engineIsBuiltFromFluxaPools() {
        runner.withPropertyValues(fluxaMySql)
                .withPropertyValues("fluxa.pools.default.mysql.max-open-connections=3",
                        "fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                        "fluxa.pools.default.local-cache=100", "fluxa.pools.default.streams=boot-events",
                        "fluxa.pools.second.local-cache=5", "fluxa.options.answer=42")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Engine.class).hasSingleBean(FluxaContextFactory.class);
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    HikariDataSource pool = (HikariDataSource) engine.db("default").dataSource();
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(pool.getMinimumIdle()).isBetween(1, 3);
                    assertThat(engine.redis("default").database()).isEqualTo(REDIS_DB);
                    assertThat(engine.localCache("default").limit()).isEqualTo(100);
                    assertThat(engine.localCache("second").limit()).isEqualTo(5);
                    assertThat(engine.option("answer")).isEqualTo("42");
                });
    }

    @Test
    void timeoutsOfEveryPoolAreBound() {
        runner.withPropertyValues(fluxaMySql)
                .withPropertyValues("fluxa.pools.default.mysql.connect-timeout=3s",
                        "fluxa.pools.default.mysql.socket-timeout=7s", "fluxa.pools.default.mysql.statement-timeout=4s",
                        "fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                        "fluxa.pools.default.redis-timeout=750ms", "fluxa.pools.default.redis-connect-timeout=1s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(engine.db("default").socketTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(engine.db("default").statementTimeout()).isEqualTo(Duration.ofSeconds(4));
                    HikariDataSource pool = (HikariDataSource) engine.db("default").dataSource();
                    assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
                    assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "7000")
                            .containsEntry("connectTimeout", "3000");
                    assertThat(engine.redis("default").commandTimeout()).isEqualTo(Duration.ofMillis(750));
                });
    }

    @Test
    void redisCircuitBreakerSettingsAreBoundPerPool() {
        runner.withPropertyValues(fluxaMySql)
                .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                        "fluxa.pools.default.redis-circuit-breaker.failure-threshold=3",
                        "fluxa.pools.default.redis-circuit-breaker.open-duration=2s",
                        "fluxa.pools.default.redis-circuit-breaker.probe-interval=300ms",
                        "fluxa.pools.other.redis=" + TestServices.redisAddress(REDIS_DB),
                        "fluxa.pools.other.redis-circuit-breaker.probe-interval=5s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.redis("default").circuitBreaker().settings())
                            .isEqualTo(new CircuitBreakerSettings(3, Duration.ofSeconds(2), Duration.ofMillis(300)));
                    assertThat(engine.redis("other").circuitBreaker().settings()).as("unset values keep defaults")
                            .isEqualTo(CircuitBreakerSettings.DEFAULTS.withProbeInterval(Duration.ofSeconds(5)));
                });
    }

    @Test
    void unsetPoolSizeIsSizedFromTheServerWithHalfKeptIdle() {
        runner.withPropertyValues(fluxaMySql).run(context -> {
            HikariDataSource pool = (HikariDataSource) context.getBean(Engine.class).db("default").dataSource();
            int maxConnections = (int) TestServices.queryLong("SELECT @@max_connections");
            int open = Math.max(2, Math.min(32, maxConnections / 10));
            assertThat(pool.getMaximumPoolSize()).isEqualTo(open);
            assertThat(pool.getMinimumIdle()).isEqualTo(Math.max(1, open / 2));
        });
    }

    @Test
    void defaultPoolReusesSpringDatasourceAndSpringDataRedis() {
        FluxaEntityModels models = TestModels.notes();
        runner.withBean(FluxaEntityModels.class, () -> models)
                .withPropertyValues("spring.datasource.url=" + TestServices.jdbcUrl(DB),
                        "spring.datasource.username=" + TestServices.MYSQL_USER,
                        "spring.datasource.password=" + TestServices.MYSQL_PASSWORD,
                        "spring.data.redis.host=" + TestServices.redisHost(),
                        "spring.data.redis.port=" + TestServices.redisPort(), "spring.data.redis.database=" + REDIS_DB)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(REDIS_DB);

                    Context unit = context.getBean(FluxaContextFactory.class).newContext();
                    NoteEntity note = TestModels.provider(models, "Note").newEntity(unit);
                    note.setTitle("from spring.* settings");
                    unit.flush();
                    assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
                    assertThat(TestServices.redisKeys(REDIS_DB, "notes:*")).isNotEmpty();
                });
    }

    @Test
    void fluxaPoolSettingsWinOverSpringSettings() {
        runner.withPropertyValues(fluxaMySql)
                .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                        "spring.datasource.url=jdbc:mariadb://127.0.0.1:1/never_used",
                        "spring.data.redis.host=" + TestServices.redisHost(),
                        "spring.data.redis.port=" + TestServices.redisPort(),
                        "spring.data.redis.database=" + (REDIS_DB % 15 + 1)) // another database, never connected
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(REDIS_DB);
                });
    }

    @Test
    void springDataRedisUrlIsUsedAsGiven() {
        runner.withPropertyValues(fluxaMySql)
                .withPropertyValues("spring.data.redis.url=redis://" + TestServices.REDIS + "/" + REDIS_DB)
                .run(context -> assertThat(context.getBean(Engine.class).redis("default").database())
                        .isEqualTo(REDIS_DB));
    }

    @Test
    void localCacheInvalidationRunsByDefaultAndFollowsItsProperties() {
        FluxaEntityModels models = TestModels.models(TestModels.entity("Note", "notes", "default",
                new RedisCacheSettings("default", 0), new LocalCacheSettings("default", 0)));
        String[] pools = {"fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                "fluxa.pools.default.local-cache=100", "fluxa.pools.events.redis=" + TestServices.redisAddress(REDIS_DB)};
        runner.withBean(FluxaEntityModels.class, () -> models).withPropertyValues(fluxaMySql).withPropertyValues(pools)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    LocalCacheChannel channel = ((EngineImpl) context.getBean(Engine.class)).localCacheChannel();
                    assertThat(channel).isNotNull();
                    assertThat(channel.pool()).isEqualTo("default");
                    assertThat(channel.tables()).containsExactly("notes");
                });
        runner.withBean(FluxaEntityModels.class, () -> models).withPropertyValues(fluxaMySql).withPropertyValues(pools)
                .withPropertyValues("fluxa.local-cache-invalidation.redis-pool=events",
                        "fluxa.local-cache-invalidation.ping-interval=250ms")
                .run(context -> assertThat(((EngineImpl) context.getBean(Engine.class)).localCacheChannel().pool())
                        .isEqualTo("events"));
        runner.withBean(FluxaEntityModels.class, () -> models).withPropertyValues(fluxaMySql).withPropertyValues(pools)
                .withPropertyValues("fluxa.local-cache-invalidation.enabled=false")
                .run(context -> assertThat(((EngineImpl) context.getBean(Engine.class)).localCacheChannel()).isNull());
        runner.withBean(FluxaEntityModels.class, () -> models).withPropertyValues(fluxaMySql).withPropertyValues(pools)
                .withPropertyValues("fluxa.local-cache-invalidation.redis-pool=nope")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("fluxa.local-cache-invalidation.redis-pool")
                        .hasMessageContaining("'nope' is not registered"));
    }

    @Test
    void idBlockSizeIsOffByDefaultAndFollowsItsProperty() {
        String redis = "fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB);
        runner.withPropertyValues(fluxaMySql).withPropertyValues(redis)
                .run(context -> assertThat(((EngineImpl) context.getBean(Engine.class)).idsAhead())
                        .isInstanceOf(IdPrefetch.class));
        runner.withPropertyValues(fluxaMySql).withPropertyValues(redis, "fluxa.id-block-size=50")
                .run(context -> assertThat(((EngineImpl) context.getBean(Engine.class)).idsAhead())
                        .isInstanceOfSatisfying(IdBlocks.class, blocks -> assertThat(blocks.size()).isEqualTo(50)));
        runner.withPropertyValues(fluxaMySql).withPropertyValues(redis, "fluxa.id-block-size=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("fluxa.id-block-size"));
    }

    @Test
    void withoutAnyRedisSettingTheEngineHasNoRedisAndStillWorks() {
        FluxaEntityModels models = TestModels.plainNotes();
        runner.withBean(FluxaEntityModels.class, () -> models).withPropertyValues(fluxaMySql).run(context -> {
            assertThat(context).hasNotFailed();
            Engine engine = context.getBean(Engine.class);
            assertThat(engine.redisPools()).isEmpty();
            Context unit = context.getBean(FluxaContextFactory.class).newContext();
            TestModels.provider(models, "Note").newEntity(unit, 7).setTitle("MySQL only");
            unit.flush();
            assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
            assertThat(TestModels.provider(models, "Note").getById(engine.newContext(), 7))
                    .hasValueSatisfying(n -> assertThat(n.getTitle()).isEqualTo("MySQL only"));
        });
    }

    @Test
    void everyGeneratedModelFoundByServiceLoaderIsRegisteredWithItsProviders() {
        runner.withClassLoader(TestModels.serviceLoaderClassLoader()).withPropertyValues(fluxaMySql).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FluxaEntityModels.class).models())
                    .singleElement().isInstanceOf(TestModels.ServiceLoadedModel.class);
            assertThat(context.getBeansOfType(NoteProvider.class))
                    .containsOnlyKeys("noteProvider")
                    .containsValue(TestModels.ServiceLoadedModel.NOTE_PROVIDER);
            // a factory method on the models bean, not an instance supplier, so Spring AOT can write it as code
            AbstractBeanDefinition provider = (AbstractBeanDefinition) context.getBeanFactory().getBeanDefinition("noteProvider");
            assertThat(provider.getInstanceSupplier()).isNull();
            assertThat(provider.getFactoryBeanName()).isEqualTo("fluxaEntityModels");
            assertThat(provider.getFactoryMethodName()).isEqualTo("provider");
            assertThat(context.getBean(Engine.class).entity("Note").table()).isEqualTo("notes");
        });
    }

    @Test
    void withoutGeneratedModelsThereAreNoProviderBeans() {
        runner.withPropertyValues(fluxaMySql).run(context -> {
            assertThat(context.getBean(FluxaEntityModels.class).models()).isEmpty();
            assertThat(context).doesNotHaveBean(NoteProvider.class);
            assertThat(context.getBean(Engine.class).schema().entities()).isEmpty();
        });
    }

    @Test
    void aProviderTheApplicationDeclaresWins() {
        NoteProvider own = new NoteProvider(TestModels.entity("Note", "notes", "default", null, null));
        runner.withClassLoader(TestModels.serviceLoaderClassLoader()).withPropertyValues(fluxaMySql)
                .withBean("myNotes", NoteProvider.class, () -> own)
                .run(context -> assertThat(context.getBeansOfType(NoteProvider.class)).containsOnlyKeys("myNotes")
                        .containsValue(own));
    }

    @Test
    void anEngineTheApplicationDeclaresWins() {
        runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:1/never_used")
                .withBean("myEngine", Engine.class, () -> new Registry().registerLocalCache("mine", 10).validate())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeanNamesForType(Engine.class)).containsExactly("myEngine");
                    assertThat(context.getBean(Engine.class).localCache("mine").limit()).isEqualTo(10);
                    assertThat(context.getBean(FluxaContextFactory.class).engine())
                            .isSameAs(context.getBean(Engine.class));
                });
    }

    @Test
    void customizersAndInitializersRunInOrder() {
        Calls calls = new Calls(new ArrayList<>());
        runner.withPropertyValues(fluxaMySql)
                .withUserConfiguration(OrderedCustomizers.class)
                .withBean(Calls.class, () -> calls)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.localCache("extra").limit()).isEqualTo(7);
                    assertThat(calls.list()).containsExactly("registry-1", "registry-2", "engine-1", "engine-2");
                    Context unit = context.getBean(FluxaContextFactory.class).newContext();
                    assertThat(unit.getMetaData("tenant")).isEqualTo("acme");
                });
    }

    @Test
    void failingEngineInitializerStopsStartUp() {
        runner.withPropertyValues(fluxaMySql)
                .withBean(FluxaEngineInitializer.class, () -> engine -> {
                    throw new IllegalStateException("initializer refused");
                })
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseMessage("initializer refused"));
    }

    @Test
    void contextFactoryAppliesContextCacheProperties() {
        runner.withPropertyValues(fluxaMySql).withPropertyValues("fluxa.context-cache.enabled=false").run(context -> {
            Context unit = context.getBean(FluxaContextFactory.class).newContext();
            assertThat(unit.contextCache().enabled()).isFalse();
            assertThat(unit.queryLogger()).as("no metrics or logging attached").isSameAs(QueryLogger.NONE);
        });
        runner.withPropertyValues(fluxaMySql).withPropertyValues("fluxa.context-cache.ttl=5s").run(context -> {
            assertThat(context.getBean(FluxaProperties.class).contextCache().ttl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(FluxaContextFactory.class).newContext().contextCache().enabled()).isTrue();
        });
    }

    @Test
    void aContextFactoryTheApplicationDeclaresWins() {
        runner.withPropertyValues(fluxaMySql)
                .withBean("myContexts", FluxaContextFactory.class,
                        () -> new FluxaContextFactory(new Registry().validate(),
                                new FluxaProperties.ContextCache(false, null), List.of()))
                .run(context -> assertThat(context.getBeanNamesForType(FluxaContextFactory.class))
                        .containsExactly("myContexts"));
    }

    @Test
    void engineIsClosedWithTheApplicationContext() {
        Engine[] engine = new Engine[1];
        runner.withPropertyValues(fluxaMySql).run(context -> engine[0] = context.getBean(Engine.class));
        HikariDataSource pool = (HikariDataSource) engine[0].db("default").dataSource();
        assertThat(pool.isClosed()).isTrue();
    }

    record Calls(List<String> list) {
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OrderedCustomizers {

        @org.springframework.context.annotation.Bean
        @Order(2)
        FluxaRegistryCustomizer second(Calls calls) {
            return registry -> calls.list().add("registry-2");
        }

        @org.springframework.context.annotation.Bean
        @Order(1)
        FluxaRegistryCustomizer first(Calls calls) {
            return registry -> {
                calls.list().add("registry-1");
                registry.registerLocalCache("extra", 7);
            };
        }

        @org.springframework.context.annotation.Bean
        @Order(2)
        FluxaEngineInitializer laterInitializer(Calls calls) {
            return engine -> calls.list().add("engine-2");
        }

        @org.springframework.context.annotation.Bean
        @Order(1)
        FluxaEngineInitializer earlierInitializer(Calls calls) {
            return engine -> calls.list().add("engine-1");
        }

        @org.springframework.context.annotation.Bean
        FluxaContextCustomizer tenant() {
            return context -> context.setMetaData("tenant", "acme");
        }
    }
}
