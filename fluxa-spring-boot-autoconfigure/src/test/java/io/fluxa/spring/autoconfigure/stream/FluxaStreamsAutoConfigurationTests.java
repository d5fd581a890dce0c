package io.fluxa.spring.autoconfigure.stream;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.actuate.FluxaActuatorAutoConfiguration;
import io.fluxa.spring.autoconfigure.actuate.FluxaEndpoint;
import io.fluxa.stream.EventBatch;
import io.fluxa.stream.EventBroker;
import io.fluxa.stream.StreamStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream listeners, meters, the endpoint's streams and dead-letter health, on a real Redis (db 10). */
class FluxaStreamsAutoConfigurationTests {

    private static final int REDIS_DB = TestServices.redisDatabase();

    /** Handles orders; a negative total is a poison event. */
    static class OrderListener {
        final Set<Long> orders = ConcurrentHashMap.newKeySet();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @FluxaStreamListener(stream = "orders", group = "${billing.group:billing}", concurrency = 2)
        void onOrder(Map<?, ?> order) {
            if ((Long) order.get("total") < 0) {
                throw new IllegalStateException("negative total in order " + order.get("id"));
            }
            threads.add(Thread.currentThread().getName());
            orders.add((Long) order.get("id"));
        }
    }

    static class TwoParameterListener {
        @FluxaStreamListener(stream = "orders", group = "broken")
        void wrong(Map<?, ?> order, String extra) {
        }
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaStreamsAutoConfiguration.class,
                    FluxaActuatorAutoConfiguration.class, EndpointAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB),
                    "fluxa.streams.definitions.orders.groups=audit",
                    "fluxa.streams.definitions.orders.max-length=10000",
                    "fluxa.streams.listeners.block=200ms", "fluxa.streams.listeners.claim-idle=300ms",
                    "fluxa.streams.listeners.max-deliveries=2", "fluxa.streams.health.dead-letters=true",
                    "fluxa.streams.gauge-refresh=0s",
                    "management.endpoints.web.exposure.include=fluxa");

    @BeforeAll
    static void emptyRedis() {
        TestServices.flushRedis(REDIS_DB);
    }

    @Test
    void listenersHandleEventsFailuresEndInDeadLettersAndEverythingIsReported() {
        runner.withBean(OrderListener.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(StreamListenerContainer.class);
            EventBroker broker = context.getBean(Engine.class).eventBroker();
            OrderListener listener = context.getBean(OrderListener.class);
            assertThat(context.getBean(StreamListenerContainer.class).consumers()).hasSize(2);
            assertThat(context.getBean(Engine.class).redis("default").xInfoGroups("orders"))
                    .extracting(g -> g.name()).contains("audit", "billing");

            EventBatch batch = broker.batch();
            for (long id = 1; id <= 20; id++) {
                batch.add("orders", Map.of("id", id, "total", id * 10));
            }
            batch.add("orders", Map.of("id", 99L, "total", -1L));
            batch.publish();

            await("20 orders handled and the poison dead-lettered", () -> listener.orders.size() == 20
                    && broker.stats("orders").deadLetters() == 1);
            assertThat(listener.threads).allSatisfy(t -> assertThat(t).startsWith("fluxa-orders-billing-"));
            assertThat(broker.deadLetters("orders", 5)).singleElement().satisfies(letter -> {
                assertThat(letter.group()).isEqualTo("billing");
                assertThat(letter.deliveries()).isEqualTo(2);
                assertThat(letter.error()).isEqualTo("java.lang.IllegalStateException: negative total in order 99");
            });

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(count(meters, "fluxa.streams.published", null)).isEqualTo(21);
            assertThat(count(meters, "fluxa.streams.consumed", "billing", "success")).isEqualTo(20);
            assertThat(count(meters, "fluxa.streams.consumed", "billing", "error")).isEqualTo(2);
            assertThat(meters.find("fluxa.streams.failed").meters()).as("no separate error counter").isEmpty();
            assertThat(count(meters, "fluxa.streams.dead.lettered", "billing")).isEqualTo(1);
            assertThat(meters.get("fluxa.streams.length").tag("stream", "orders").gauge().value()).isEqualTo(21);
            assertThat(meters.get("fluxa.streams.lag").tag("stream", "orders").tag("group", "audit").gauge().value())
                    .isEqualTo(21);

            FluxaEndpoint.StreamsDescriptor streams = context.getBean(FluxaEndpoint.class).fluxa().streams();
            assertThat(streams.error()).isNull();
            assertThat(streams.streams()).singleElement().satisfies(s -> {
                assertThat(s.stream()).isEqualTo("orders");
                assertThat(s.deadLetters()).isEqualTo(1);
                assertThat(s.groups()).extracting(StreamStats.Group::name).contains("audit", "billing");
            });

            DeadLetterHealthIndicator health = context.getBean(DeadLetterHealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(broker.redrive("orders", 10)).isEqualTo(1);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            // re-driven, it fails again; it stays out of the handled set
            await("the re-driven poison dead-lettered again", () -> broker.stats("orders").deadLetters() == 1);
            assertThat(listener.orders).hasSize(20);
        });
        // the context closed: every consumer stopped after acknowledging its batch
        try (Engine engine = new Registry().registerRedis("default", TestServices.redisAddress(REDIS_DB), null)
                .registerStream("orders", "default").validate()) {
            StreamStats stats = engine.eventBroker().stats("orders");
            assertThat(stats.groups()).filteredOn(g -> g.name().equals("billing")).singleElement()
                    .satisfies(g -> {
                        assertThat(g.pending()).isZero();
                        assertThat(g.lag()).isZero();
                    });
        }
    }

    @Test
    void aListenerMethodWithTwoParametersFailsTheStartNamingIt() {
        runner.withBean(TwoParameterListener.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("@FluxaStreamListener method")
                .hasMessageContaining(".wrong takes 2 parameters"));
    }

    @Test
    void listenersCanBeSwitchedOffAndHealthIsOptIn() {
        runner.withBean(OrderListener.class)
                .withPropertyValues("fluxa.streams.listeners.enabled=false", "fluxa.streams.health.dead-letters=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(DeadLetterHealthIndicator.class);
                    assertThat(context.getBean(StreamListenerContainer.class).consumers()).isEmpty();
                });
    }

    private static double count(MeterRegistry meters, String name, String group, String outcome) {
        return count(meters.find(name).tag("outcome", outcome), group);
    }

    private static double count(MeterRegistry meters, String name, String group) {
        return count(meters.find(name), group);
    }

    private static double count(Search found, String group) {
        var search = found.tag("stream", "orders");
        if (group != null) {
            search = search.tag("group", group);
        }
        return search.functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
