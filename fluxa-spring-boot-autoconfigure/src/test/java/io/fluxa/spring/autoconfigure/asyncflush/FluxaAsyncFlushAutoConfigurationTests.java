package io.fluxa.spring.autoconfigure.asyncflush;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteEntity;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.actuate.FluxaActuatorAutoConfiguration;
import io.fluxa.spring.autoconfigure.actuate.FluxaEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Async flush consumers started and stopped with the context, their meters and endpoint section. */
class FluxaAsyncFlushAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_async");
    private static final int REDIS_DB = TestServices.redisDatabase();

    private final FluxaEntityModels models = TestModels.plainNotes();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class,
                    FluxaAsyncFlushAutoConfiguration.class, FluxaActuatorAutoConfiguration.class,
                    EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withBean(FluxaEntityModels.class, () -> models)
            .withPropertyValues(TestServices.defaultPoolMySql(DB))
            .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                    "fluxa.async-flush.block=100ms", "fluxa.async-flush.consumers-per-pool=2",
                    "fluxa.async-flush.lease-ttl=2s", "fluxa.async-flush.stats-refresh=0s",
                    "management.endpoints.web.exposure.include=fluxa");

    @BeforeAll
    static void services() {
        TestServices.recreateDatabase(DB);
        TestServices.createNotesTable(DB);
        TestServices.flushRedis(REDIS_DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void consumersStartWithTheApplicationApplyEnqueuedFlushesAndAreReported() {
        AtomicReference<List<AsyncFlushConsumer>> started = new AtomicReference<>();
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AsyncFlushConsumers.class)
                    .hasSingleBean(AsyncFlushMeters.class);
            AsyncFlushConsumers consumers = context.getBean(AsyncFlushConsumers.class);
            assertThat(consumers.isRunning()).isTrue();
            started.set(consumers.consumers());
            assertThat(started.get()).hasSize(2);
            await("one consumer holds the lease", () -> started.get().stream().filter(AsyncFlushConsumer::isActive)
                    .count() == 1);

            Engine engine = context.getBean(Engine.class);
            NoteProvider notes = TestModels.provider(models, "Note");
            Context ctx = engine.newContext();
            NoteEntity note = notes.newEntity(ctx);
            note.setTitle("written behind");
            ctx.flushAsync(false);
            await("the row in MySQL", () -> TestServices.count(DB, "notes") == 1);
            assertThat(TestServices.strings("SELECT Title FROM `" + DB + "`.notes WHERE ID = " + note.getId()))
                    .containsExactly("written behind");

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("fluxa.async.flush.enqueued").tag("pool", "default").functionCounter().count())
                    .isEqualTo(1);
            await("the applied counter", () -> meters.get("fluxa.async.flush.applied").tag("pool", "default")
                    .functionCounter().count() == 1);
            assertThat(meters.get("fluxa.async.flush.lag.entries").tag("pool", "default").gauge().value()).isZero();
            assertThat(meters.get("fluxa.async.flush.dead.letters").tag("pool", "default").gauge().value()).isZero();
            assertThat(meters.get("fluxa.async.flush.lag").tag("pool", "default").timeGauge().baseTimeUnit())
                    .isEqualTo(java.util.concurrent.TimeUnit.SECONDS);
            assertThat(meters.find("fluxa.async_flush.applied").meters()).as("no underscore names").isEmpty();

            FluxaEndpoint.AsyncFlushDescriptor endpoint = context.getBean(FluxaEndpoint.class).fluxa().asyncFlush();
            assertThat(endpoint.error()).isNull();
            assertThat(endpoint.pools()).extracting(AsyncFlush.Stats::pool).containsExactly("default");
            assertThat(endpoint.pools().get(0).lagEntries()).isZero();
            assertThat(endpoint.pools().get(0).lastApplied()).isNotEqualTo("0-0");
        });
        // the context closed: every consumer stopped after its batch and gave the lease up
        assertThat(started.get()).noneMatch(AsyncFlushConsumer::isActive);
    }

    @Test
    void disabledStartsNoConsumers() {
        runner.withPropertyValues("fluxa.async-flush.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(AsyncFlushConsumers.class)
                    .doesNotHaveBean(AsyncFlushMeters.class);
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
