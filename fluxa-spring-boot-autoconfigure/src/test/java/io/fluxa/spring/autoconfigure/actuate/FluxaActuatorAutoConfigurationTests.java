package io.fluxa.spring.autoconfigure.actuate;

import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Engine;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.LocalCacheSettings;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code fluxa} endpoint and the pool health indicators, against real MariaDB and Redis. */
class FluxaActuatorAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_actuator");
    private static final int REDIS_DB = TestServices.redisDatabase();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class,
                    FluxaActuatorAutoConfiguration.class, EndpointAutoConfiguration.class))
            .withPropertyValues(TestServices.defaultPoolMySql(DB))
            .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                    "fluxa.pools.default.local-cache=1000", "fluxa.pools.hot.local-cache=0");

    private final WebApplicationContextRunner exposed =
            runner.withPropertyValues("management.endpoints.web.exposure.include=fluxa");

    @BeforeAll
    static void services() {
        TestServices.recreateDatabase(DB);
        TestServices.flushRedis(REDIS_DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void endpointReportsPoolsEntitiesCacheUsageAndPendingAlters() {
        FluxaEntityModels models = TestModels.models(
                TestModels.entity("Note", "notes", "default", new RedisCacheSettings("default", 60),
                        new LocalCacheSettings("default", 500)),
                TestModels.entity("Tag", "tags", "default", null, null));
        exposed.withBean(FluxaEntityModels.class, () -> models).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FluxaEndpoint.class);
            context.getBean(Engine.class).localCache("default").set("k", "v");

            FluxaEndpoint.FluxaDescriptor report = context.getBean(FluxaEndpoint.class).fluxa();

            assertThat(report.pools().mysql()).containsExactly(new FluxaEndpoint.MySqlPoolDescriptor("default", DB));
            assertThat(report.pools().redis()).containsExactly(new FluxaEndpoint.RedisPoolDescriptor("default", REDIS_DB));
            assertThat(report.pools().localCache()).hasSize(3).anySatisfy(usage -> {
                assertThat(usage.pool()).isEqualTo("default");
                assertThat(usage.limit()).isEqualTo(1000);
                assertThat(usage.used()).isEqualTo(1);
            }).anySatisfy(usage -> {
                // Note sets @LocalCache(size = 500): a cache of its own inside pool "default"
                assertThat(usage.pool()).isEqualTo("default:notes");
                assertThat(usage.limit()).isEqualTo(500);
                assertThat(usage.used()).isZero();
            }).anySatisfy(usage -> {
                assertThat(usage.pool()).isEqualTo("hot");
                assertThat(usage.limit()).isZero();
            });

            assertThat(report.entities()).extracting(FluxaEndpoint.EntityDescriptor::name).containsExactly("Note", "Tag");
            FluxaEndpoint.EntityDescriptor note = report.entities().get(0);
            assertThat(note.table()).isEqualTo("notes");
            assertThat(note.mysqlPool()).isEqualTo("default");
            assertThat(note.redisCache()).isEqualTo(new FluxaEndpoint.CacheDescriptor("default", null, 60));
            assertThat(note.localCache()).isEqualTo(new FluxaEndpoint.CacheDescriptor("default", 500, null));
            assertThat(note.softDelete()).isFalse();
            FluxaEndpoint.EntityDescriptor tag = report.entities().get(1);
            assertThat(tag.redisCache()).isNull();
            assertThat(tag.localCache()).isNull();

            assertThat(report.schema().error()).isNull();
            assertThat(report.schema().pendingAlters()).extracting(a -> a.sql())
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE `notes`"))
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE `tags`"));
        });
    }

    @Test
    void endpointNeedsToBeExposed() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxaEndpoint.class));
        exposed.withPropertyValues("management.endpoint.fluxa.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(FluxaEndpoint.class));
    }

    @Test
    void searchEndpointListsSearchableEntitiesAndRefusesUnknownOnes() {
        FluxaEntityModels models = TestModels.models(TestModels.entity("Tag", "tags", "default", null, null));
        runner.withPropertyValues("management.endpoints.web.exposure.include=fluxasearch")
                .withBean(FluxaEntityModels.class, () -> models).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(FluxaSearchEndpoint.class)
                            .doesNotHaveBean(FluxaEndpoint.class);
                    FluxaSearchEndpoint endpoint = context.getBean(FluxaSearchEndpoint.class);
                    assertThat(endpoint.progress()).isEmpty(); // Tag has no @Searchable field
                    var unknown = endpoint.reindex("Nope");
                    assertThat(unknown.getStatus()).isEqualTo(404);
                    assertThat(((FluxaSearchEndpoint.Problem) unknown.getBody()).error()).contains("Nope");
                });
        runner.run(context -> assertThat(context).doesNotHaveBean(FluxaSearchEndpoint.class));
    }

    @Test
    void healthHasOneIndicatorPerPool() {
        runner.run(context -> {
            CompositeHealthContributor fluxa = context.getBean("fluxaHealthContributor", CompositeHealthContributor.class);
            assertThat(fluxa.stream().map(entry -> entry.name())).containsExactly("mysql-default", "redis-default");

            Health mysql = health(fluxa.getContributor("mysql-default"));
            assertThat(mysql.getStatus()).isEqualTo(Status.UP);
            assertThat(mysql.getDetails()).containsEntry("pool", "default").containsEntry("database", DB)
                    .containsKey("version");

            Health redis = health(fluxa.getContributor("redis-default"));
            assertThat(redis.getStatus()).isEqualTo(Status.UP);
            assertThat(redis.getDetails()).containsEntry("database", REDIS_DB).containsEntry("ping", "PONG")
                    .containsEntry("circuitBreaker", "closed");
        });
    }

    @Test
    void unreachablePoolIsDown() {
        runner.run(context -> {
            ((HikariDataSource) context.getBean(Engine.class).db("default").dataSource()).close();
            CompositeHealthContributor fluxa = context.getBean("fluxaHealthContributor", CompositeHealthContributor.class);
            assertThat(health(fluxa.getContributor("mysql-default")).getStatus()).isEqualTo(Status.DOWN);
            assertThat(health(fluxa.getContributor("redis-default")).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void redisPoolWithAnOpenCircuitBreakerIsDownAndDescribesTheDegradedMode() {
        runner.run(context -> {
            RedisPool redis = context.getBean(Engine.class).redis("default");
            redis.connection().close(); // the pool's connection is gone for good: its breaker opens and stays open
            assertThatThrownBy(() -> redis.get("any")).isInstanceOfSatisfying(PoolUnavailableException.class,
                    e -> assertThat(e.pool()).isEqualTo("default"));
            assertThat(redis.circuitBreaker().isOpen()).isTrue();
            CompositeHealthContributor fluxa = context.getBean("fluxaHealthContributor", CompositeHealthContributor.class);
            Health health = health(fluxa.getContributor("redis-default"));
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("circuitBreaker", "open").containsKeys("openSince",
                    "lastFailure", "fallbacks");
            assertThat((String) health.getDetails().get("degraded")).contains("read from MySQL");
            assertThat(health(fluxa.getContributor("mysql-default")).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.fluxa.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("fluxaHealthContributor"));
    }

    @Test
    void withoutActuatorOnTheClassPathThereIsNeitherEndpointNorHealth() {
        exposed.withClassLoader(new FilteredClassLoader(Endpoint.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Engine.class);
            assertThat(context).doesNotHaveBean(FluxaEndpoint.class).doesNotHaveBean("fluxaHealthContributor");
        });
    }

    @Test
    void withoutHealthSupportTheEndpointStillWorks() {
        exposed.withClassLoader(new FilteredClassLoader(HealthContributor.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FluxaEndpoint.class);
            assertThat(context).doesNotHaveBean("fluxaHealthContributor");
        });
    }

    @Test
    void beansTheApplicationDeclaresWin() {
        exposed.withUserConfiguration(OwnEndpoint.class)
                .withBean("fluxaHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
                .run(context -> {
                    assertThat(context.getBeanNamesForType(FluxaEndpoint.class)).containsExactly("myEndpoint");
                    assertThat(context.getBean("fluxaHealthContributor")).isNotInstanceOf(CompositeHealthContributor.class);
                });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {

        @org.springframework.context.annotation.Bean
        FluxaEndpoint myEndpoint(Engine engine) {
            return new FluxaEndpoint(engine);
        }
    }

    private static Health health(HealthContributor contributor) {
        return ((HealthIndicator) contributor).health(true);
    }
}
