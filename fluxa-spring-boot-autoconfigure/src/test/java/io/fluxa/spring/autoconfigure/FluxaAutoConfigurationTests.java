package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

import static org.assertj.core.api.Assertions.assertThat;

/** The core auto-configuration against the real local MariaDB and Redis. */
class FluxaAutoConfigurationTests {

    static final String DB = "fluxa_spring_autoconfig";
    static final String OTHER_DB = "fluxa_spring_autoconfig_other";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class));

    @BeforeAll
    static void createDatabases() {
        TestServices.recreateDatabase(DB);
        TestServices.recreateDatabase(OTHER_DB);
    }

    @AfterAll
    static void dropDatabases() {
        TestServices.dropDatabase(DB);
        TestServices.dropDatabase(OTHER_DB);
    }

    static String[] fluxaPools(String database, int redisDb) {
        return new String[] {
            "fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(database),
            "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
            "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD,
            "fluxa.pools.default.redis=" + TestServices.redisAddress(redisDb),
        };
    }

    @Test
    void engineIsBuiltFromFluxaProperties() {
        runner.withPropertyValues(fluxaPools(DB, 10)).withPropertyValues("fluxa.pools.default.local-cache=100")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Engine.class)
                            .hasSingleBean(FluxaContextFactory.class);
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(10);
                    assertThat(engine.localCache("default").limit()).isEqualTo(100);
                    Context unitOfWork = context.getBean(FluxaContextFactory.class).newContext();
                    assertThat(unitOfWork.engine()).isSameAs(engine);
                });
    }

    @Test
    void defaultPoolReusesSpringBootConnectionSettings() {
        runner.withPropertyValues(
                        "spring.datasource.url=" + TestServices.jdbcUrl(OTHER_DB),
                        "spring.datasource.username=" + TestServices.MYSQL_USER,
                        "spring.datasource.password=" + TestServices.MYSQL_PASSWORD,
                        "spring.data.redis.host=" + TestServices.redisHost(),
                        "spring.data.redis.port=" + TestServices.redisPort(),
                        "spring.data.redis.database=11")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(OTHER_DB);
                    assertThat(engine.redis("default").database()).isEqualTo(11);
                    assertThat(context).as("Boot's DataSource auto-configuration is not forced")
                            .doesNotHaveBean(DataSource.class);
                });
    }

    @Test
    void fluxaPoolsWinOverSpringBootSettings() {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withPropertyValues("spring.datasource.url=" + TestServices.jdbcUrl(OTHER_DB),
                        "spring.data.redis.database=11")
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(10);
                });
    }

    @Test
    void withoutRedisSettingsThereIsNoRedisPool() {
        runner.withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                        "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                        "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD)
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.dbPools()).hasSize(1);
                    assertThat(engine.redisPools()).isEmpty();
                });
    }

    @Test
    void namedPoolsAndStreams() {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withPropertyValues("fluxa.pools.events.redis=" + TestServices.redisAddress(12),
                        "fluxa.pools.events.streams=order-events",
                        "fluxa.pools.lookup.local-cache=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.redis("events").database()).isEqualTo(12);
                    assertThat(engine.localCache("lookup").limit()).isZero();
                });
    }

    @Test
    void engineIsClosedWithTheApplicationContext() {
        Engine[] engine = new Engine[1];
        runner.withPropertyValues(fluxaPools(DB, 10)).run(context -> engine[0] = context.getBean(Engine.class));
        DataSource dataSource = engine[0].db("default").dataSource();
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            assertThat(hikari.isClosed()).isTrue();
        }
    }

    @Test
    void optionsAndCustomizersReachTheRegistry() {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withPropertyValues("fluxa.options.tenant=shop")
                .withBean(FluxaRegistryCustomizer.class, () -> registry -> registry.registerLocalCache("extra", 5))
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.option("tenant")).isEqualTo("shop");
                    assertThat(engine.localCache("extra").limit()).isEqualTo(5);
                });
    }

    @Test
    void engineInitializersRunBeforeTheEngineIsPublished() {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withBean(FluxaEngineInitializer.class, () -> engine -> {
                    throw new IllegalStateException("initializer refused " + engine.db("default").database());
                })
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessage("initializer refused " + DB));
    }

    @Test
    void contextCacheSettingsApplyToSpringContexts() {
        runner.withPropertyValues(fluxaPools(DB, 10)).withPropertyValues("fluxa.context-cache.enabled=false")
                .run(context -> assertThat(context.getBean(FluxaContextFactory.class).newContext().contextCache()
                        .enabled()).isFalse());
        runner.withPropertyValues(fluxaPools(DB, 10))
                .run(context -> assertThat(context.getBean(FluxaContextFactory.class).newContext().contextCache()
                        .enabled()).isTrue());
    }

    @Test
    void contextCustomizersApply() {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withBean(FluxaContextCustomizer.class, () -> ctx -> ctx.setMetaData("origin", "test"))
                .run(context -> assertThat(context.getBean(FluxaContextFactory.class).newContext()
                        .getMetaData("origin")).isEqualTo("test"));
    }

    @Test
    void userEngineAndContextFactoryWin() {
        runner.withPropertyValues(fluxaPools(DB, 10)).withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(Engine.class).hasSingleBean(FluxaContextFactory.class);
            assertThat(context.getBean(Engine.class)).isSameAs(context.getBean("userEngine"));
            assertThat(context.getBean(Engine.class).localCache("mine").limit()).isEqualTo(7);
            assertThat(context.getBean(FluxaContextFactory.class)).isInstanceOf(UserContextFactory.class);
        });
    }

    @Test
    void modelsAreFoundThroughServiceLoader() throws IOException {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withClassLoader(new ServicesClassLoader(TestModels.ServiceLoadedModel.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(FluxaEntityModels.class).models())
                            .singleElement().isInstanceOf(TestModels.ServiceLoadedModel.class);
                    assertThat(context.getBean(Engine.class).entity("Note").table()).isEqualTo("notes");
                });
    }

    @Test
    void userEntityModelsWin() throws IOException {
        runner.withPropertyValues(fluxaPools(DB, 10))
                .withClassLoader(new ServicesClassLoader(TestModels.ServiceLoadedModel.class))
                .withBean(FluxaEntityModels.class, () -> TestModels.models(
                        TestModels.entity("Memo", "memos", "default", null, null)))
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.schema().entities()).extracting(e -> e.entityName()).containsExactly("Memo");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean(destroyMethod = "close")
        Engine userEngine() {
            return new Registry()
                    .registerMySql("default", TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                            TestServices.MYSQL_PASSWORD, null)
                    .registerLocalCache("mine", 7)
                    .validate();
        }

        @Bean
        UserContextFactory userContextFactory(Engine engine) {
            return new UserContextFactory(engine);
        }
    }

    static class UserContextFactory extends FluxaContextFactory {
        UserContextFactory(Engine engine) {
            super(engine, new FluxaProperties.ContextCache(true, null), java.util.List.of());
        }
    }

    /** Exposes a {@code META-INF/services/io.fluxa.EntityModel} file listing {@code model}. */
    static final class ServicesClassLoader extends ClassLoader {

        private final URL services;

        ServicesClassLoader(Class<? extends EntityModel> model) throws IOException {
            super(FluxaAutoConfigurationTests.class.getClassLoader());
            Path file = Files.createTempFile("fluxa-services", ".txt");
            Files.writeString(file, model.getName() + "\n", StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            this.services = file.toUri().toURL();
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals("META-INF/services/" + EntityModel.class.getName())) {
                return Collections.enumeration(java.util.List.of(services));
            }
            return super.getResources(name);
        }
    }
}
