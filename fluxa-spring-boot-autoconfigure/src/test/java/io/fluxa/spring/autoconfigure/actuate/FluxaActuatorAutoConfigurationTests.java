package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaActuatorAutoConfigurationTests {

    static final String DB = "fluxa_spring_actuator";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class,
                    FluxaActuatorAutoConfiguration.class))
            .withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                    "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                    "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD,
                    "fluxa.pools.default.local-cache=10",
                    "management.endpoints.web.exposure.include=fluxa");

    @BeforeAll
    static void createDatabase() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void endpointReportsPoolsEntitiesAndPendingAlters() {
        runner.withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(12))
                .withBean(FluxaEntityModels.class, () -> io.fluxa.spring.autoconfigure.TestModelsAccess.notes())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(FluxaEndpoint.class);
                    FluxaEndpoint.FluxaDescriptor report = context.getBean(FluxaEndpoint.class).fluxa();
                    assertThat(report.pools().mysql()).singleElement()
                            .satisfies(p -> assertThat(p.database()).isEqualTo(DB));
                    assertThat(report.pools().redis()).singleElement()
                            .satisfies(p -> assertThat(p.database()).isEqualTo(12));
                    assertThat(report.pools().localCache()).singleElement()
                            .satisfies(u -> assertThat(u.limit()).isEqualTo(10));
                    assertThat(report.entities()).singleElement().satisfies(e -> {
                        assertThat(e.name()).isEqualTo("Note");
                        assertThat(e.table()).isEqualTo("notes");
                        assertThat(e.redisCache().pool()).isEqualTo("default");
                    });
                    assertThat(report.schema().error()).isNull();
                    assertThat(report.schema().pendingAlters())
                            .anySatisfy(a -> assertThat(a.sql()).containsIgnoringCase("CREATE TABLE")
                                    .contains("notes"));
                });
    }

    @Test
    void endpointIsOffUnlessExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(FluxaEndpoint.class));
    }

    @Test
    void oneHealthIndicatorPerPool() {
        runner.withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(12),
                        "fluxa.pools.events.redis=" + TestServices.redisAddress(11))
                .run(context -> {
                    CompositeHealthContributor fluxa = context.getBean("fluxaHealthContributor",
                            CompositeHealthContributor.class);
                    assertThat(fluxa.stream().map(e -> e.name()))
                            .containsExactly("mysql-default", "redis-default", "redis-events");
                    for (String name : new String[] {"mysql-default", "redis-default", "redis-events"}) {
                        HealthIndicator indicator = (HealthIndicator) fluxa.getContributor(name);
                        assertThat(indicator.health().getStatus()).as(name).isEqualTo(Status.UP);
                    }
                    assertThat(((HealthIndicator) fluxa.getContributor("mysql-default")).health().getDetails())
                            .containsEntry("database", DB);
                });
    }

    @Test
    void withoutRedisOnlyMySqlIsChecked() {
        runner.run(context -> assertThat(context.getBean("fluxaHealthContributor", CompositeHealthContributor.class)
                .stream().map(e -> e.name())).containsExactly("mysql-default"));
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.fluxa.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("fluxaHealthContributor"));
    }

    @Test
    void withoutActuatorNothingIsRegistered() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxaEndpoint.class)
                        .doesNotHaveBean("fluxaHealthContributor"));
    }

    @Test
    void userEndpointWins() {
        runner.withBean("myEndpoint", FluxaEndpoint.class,
                        () -> new FluxaEndpoint(null))
                .run(context -> assertThat(context.getBean(FluxaEndpoint.class))
                        .isSameAs(context.getBean("myEndpoint")));
    }
}
