package io.fluxa.stream;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.redis.RedisPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.fluxa.stream.StreamTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event broker against a real Redis (db 9): publishing, consuming, failures, stats, trimming. */
class EventBrokerTest {

    record Money(long cents, String currency) {
    }

    static final class MoneyCodec implements EventCodec<Money> {
        @Override
        public Class<Money> type() {
            return Money.class;
        }

        @Override
        public Object encode(Money value) {
            return List.of(value.cents(), value.currency());
        }

        @Override
        public Money decode(Object value) {
            List<?> parts = (List<?>) value;
            return new Money((Long) parts.get(0), (String) parts.get(1));
        }
    }

    private static Engine engine;
    private static EventBroker broker;
    private static RedisPool redis;

    @BeforeAll
    static void start() {
        Engine cleaner = StreamTestSupport.registry().validate();
        StreamTestSupport.emptyDatabase(cleaner);
        cleaner.close();
        engine = StreamTestSupport.registry()
                .registerStream("orders", "default", StreamOptions.groups("billing", "shipping"))
                .registerStream("work", "default")
                .registerStream("thousand", "default")
                .registerStream("poison", "default")
                .registerStream("stopping", "default")
                .registerStream("blocking", "default")
                .registerStream("stats", "default")
                .registerStream("trimmed", "default", StreamOptions.groups("slow").withMaxLength(10))
                .registerStream("capped", "default", StreamOptions.groups("slow").withMaxLength(100).withTrimUnread(true))
                .registerEventCodec(new MoneyCodec())
                .validate();
        broker = engine.eventBroker();
        redis = engine.redis("default");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void validateCreatesTheRegisteredGroupsAndDoesSoAgainWithoutError() {
        assertThat(redis.xInfoGroups("orders")).extracting(g -> g.name()).contains("billing", "shipping");
        // a second engine on the same Redis finds the groups there and keeps them
        try (Engine second = StreamTestSupport.registry()
                .registerStream("orders", "default", StreamOptions.groups("billing", "shipping", "audit")).validate()) {
            assertThat(second.redis("default").xInfoGroups("orders")).extracting(g -> g.name())
                    .containsExactlyInAnyOrder("billing", "shipping", "audit");
        }
        assertThat(broker.streams()).contains("orders", "work", "poison");
        assertThat(broker.pool("orders")).isEqualTo("default");
    }

    @Test
    void aStreamNameRegisteredTwiceFailsClearly() {
        assertThatThrownBy(() -> StreamTestSupport.registry().registerStream("orders", "default")
                .registerStream("orders", "default", StreamOptions.groups("x")))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("stream 'orders' is already registered on Redis pool 'default'");
    }

    @Test
    void publishedValuesAndHeadersComeBackAsWritten() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("long", 42L);
        body.put("int", 7);
        body.put("double", 9.5);
        body.put("bool", true);
        body.put("text", "zażółć");
        body.put("bytes", new byte[] {1, 2, 3});
        body.put("instant", Instant.parse("2026-12-03T10:15:30.123Z"));
        body.put("date", LocalDate.of(2026, 12, 3));
        body.put("dateTime", LocalDateTime.of(2026, 12, 3, 10, 15, 30));
        body.put("list", List.of(1L, "two"));
        body.put("null", null);
        String id = broker.publish("orders", body, Map.of("trace", "abc"));

        List<Event> seen = new ArrayList<>();
        try (EventConsumer consumer = broker.consumer("orders", "billing", "reader")) {
            assertThat(consumer.poll(seen::add)).isEqualTo(1);
        }
        Event event = seen.get(0);
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.stream()).isEqualTo("orders");
        assertThat(event.headers()).containsExactly(Map.entry("trace", "abc"));
        assertThat(event.deliveries()).isEqualTo(1);
        Map<?, ?> read = event.body(Map.class);
        assertThat(read.get("long")).isEqualTo(42L);
        assertThat(read.get("int")).isEqualTo(7L);
        assertThat(read.get("double")).isEqualTo(9.5);
        assertThat(read.get("bool")).isEqualTo(true);
        assertThat(read.get("text")).isEqualTo("zażółć");
        assertThat((byte[]) read.get("bytes")).containsExactly(1, 2, 3);
        assertThat(read.get("instant")).isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z"));
        assertThat(read.get("date")).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(read.get("dateTime")).isEqualTo(LocalDateTime.of(2026, 12, 3, 10, 15, 30));
        assertThat(read.get("list")).isEqualTo(List.of(1L, "two"));
        assertThat(read.containsKey("null")).isTrue();
        assertThat(read.get("null")).isNull();
        // acknowledged: nothing pending for the group, while the other group has not read it yet
        assertThat(redis.xPending("orders", "billing").count()).isZero();
        assertThat(broker.stats("orders").groups()).filteredOn(g -> g.name().equals("shipping"))
                .singleElement().satisfies(g -> assertThat(g.lag()).isEqualTo(1));
    }

    @Test
    void aBatchPublishesManyEventsInOrderAndCodecsCarryApplicationTypes() {
        EventBatch batch = broker.batch();
        for (int i = 0; i < 5; i++) {
            batch.add("work", new Money(i * 100L, "EUR"), Map.of("n", Integer.toString(i)));
        }
        assertThat(batch.size()).isEqualTo(5);
        List<String> ids = batch.publish();
        assertThat(ids).hasSize(5).doesNotContainNull();
        assertThat(batch.size()).isZero();
        List<Money> read = new ArrayList<>();
        try (EventConsumer consumer = broker.consumer("work", "codec-check", "c1")) {
            consumer.poll(e -> read.add(e.body(Money.class)));
        }
        assertThat(read).containsExactly(new Money(0, "EUR"), new Money(100, "EUR"), new Money(200, "EUR"),
                new Money(300, "EUR"), new Money(400, "EUR"));
    }

    @Test
    void valuesWithoutACodecAndUnknownStreamsFailBeforeAnythingIsSent() {
        long before = redis.xLen("work");
        assertThatThrownBy(() -> broker.batch().add("work", "fine").add("work", Map.of("when", new StringBuilder("x"))))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("stream 'work'")
                .hasMessageContaining("java.lang.StringBuilder at body.when")
                .hasMessageContaining("register an EventCodec<StringBuilder>");
        assertThat(redis.xLen("work")).isEqualTo(before);
        assertThatThrownBy(() -> broker.publish("nowhere", "x"))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("stream 'nowhere' is not registered")
                .hasMessageContaining("Registry.registerStream(\"nowhere\", pool)");
    }

    @Test
    void aThousandEventsAcrossFourConsumersOfOneGroupAreEachHandledOnce() throws Exception {
        EventBatch batch = broker.batch();
        for (int i = 0; i < 1_000; i++) {
            batch.add("thousand", (long) i);
        }
        List<String> ids = batch.publish();
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perConsumer = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<EventConsumer> consumers = new ArrayList<>();
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            EventConsumer consumer = broker.consumer("thousand", "exactly-once", "worker-" + c,
                    ConsumerOptions.DEFAULTS.withBatchSize(25).withBlock(Duration.ofMillis(200)));
            consumers.add(consumer);
            runs.add(threads.submit(() -> consumer.run(e -> {
                handled.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet();
                perConsumer.computeIfAbsent(consumer.name(), k -> new AtomicInteger()).incrementAndGet();
            })));
        }
        try {
            await(Duration.ofSeconds(60), "1 000 events handled", () -> handled.keySet().containsAll(ids)
                    && redis.xPending("thousand", "exactly-once").count() == 0);
        } finally {
            consumers.forEach(EventConsumer::stop);
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
            consumers.forEach(EventConsumer::close);
            threads.shutdown();
        }
        assertThat(handled.keySet()).containsAll(ids);
        assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(perConsumer.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(handled.size());
        assertThat(redis.xPending("thousand", "exactly-once").count()).isZero();
    }

    @Test
    void aFailingEventStaysPendingIsRetriedAndEndsInTheDeadLetterStreamWithItsError() {
        String poison = broker.publish("poison", "bad", Map.of("kind", "poison"));
        String good = broker.publish("poison", "good");
        AtomicInteger poisonTries = new AtomicInteger();
        List<String> done = new ArrayList<>();
        ConsumerOptions options = ConsumerOptions.DEFAULTS.withBlock(Duration.ZERO)
                .withClaimIdle(Duration.ofMillis(100)).withMaxDeliveries(3);
        try (EventConsumer consumer = broker.consumer("poison", "handlers", "h1", options)) {
            EventHandler handler = e -> {
                if ("bad".equals(e.body())) {
                    poisonTries.incrementAndGet();
                    throw new IllegalStateException("cannot handle event " + e.id());
                }
                done.add(e.id());
            };
            consumer.poll(handler);
            // the neighbour was acknowledged, the poison stays pending
            assertThat(done).containsExactly(good);
            assertThat(redis.xPending("poison", "handlers").count()).isEqualTo(1);
            await(Duration.ofSeconds(20), "the poison event dead-lettered",
                    () -> consumer.poll(handler) >= 0 && broker.stats("poison").deadLetters() == 1);
        }
        assertThat(poisonTries.get()).isEqualTo(3);
        assertThat(redis.xPending("poison", "handlers").count()).isZero();
        List<DeadLetter> letters = broker.deadLetters("poison", 10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.event().id()).isEqualTo(poison);
            assertThat(letter.event().body()).isEqualTo("bad");
            assertThat(letter.event().headers()).containsEntry("kind", "poison");
            assertThat(letter.group()).isEqualTo("handlers");
            assertThat(letter.consumer()).isEqualTo("h1");
            assertThat(letter.deliveries()).isEqualTo(3);
            assertThat(letter.error()).isEqualTo("java.lang.IllegalStateException: cannot handle event " + poison);
        });
        assertThat(redis.exists(EventConsumer.errorsKey("poison", "handlers"))).isZero();

        // re-driven, the event is a new entry of the stream and handled by a healthy handler
        assertThat(broker.redrive("poison", 10)).isEqualTo(1);
        assertThat(broker.deadLetters("poison", 10)).isEmpty();
        List<Event> again = new ArrayList<>();
        try (EventConsumer consumer = broker.consumer("poison", "handlers", "h2", options)) {
            consumer.poll(again::add);
        }
        assertThat(again).singleElement().satisfies(e -> {
            assertThat(e.body()).isEqualTo("bad");
            assertThat(e.header("fluxa-redriven-from")).isEqualTo(poison);
            assertThat(e.header("kind")).isEqualTo("poison");
        });
    }

    @Test
    void stopLetsTheRunningBatchFinishAndAcknowledgesIt() throws Exception {
        EventBatch batch = broker.batch();
        for (int i = 0; i < 20; i++) {
            batch.add("stopping", (long) i);
        }
        batch.publish();
        List<Long> handled = new ArrayList<>();
        EventConsumer consumer = broker.consumer("stopping", "graceful", "g1",
                ConsumerOptions.DEFAULTS.withBatchSize(10).withBlock(Duration.ofMillis(100)));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = thread.submit(() -> consumer.run(e -> {
                if (handled.isEmpty()) {
                    consumer.stop(); // asked to stop while the first of ten events is being handled
                }
                handled.add(e.body(Long.class));
            }));
            run.get(30, TimeUnit.SECONDS);
        } finally {
            consumer.close();
            thread.shutdown();
        }
        assertThat(handled).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(redis.xPending("stopping", "graceful").count()).isZero();
        assertThat(broker.stats("stopping").groups()).singleElement()
                .satisfies(g -> assertThat(g.lag()).isEqualTo(10));
    }

    @Test
    void aBlockingReadWaitsOnItsOwnConnectionWhileTheSharedOneKeepsWorking() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        List<Event> received = new ArrayList<>();
        // a 30 s command timeout lets the read block for up to 20 s (it stays below the timeout)
        try (Engine patient = new Registry().registerRedis("default",
                        StreamTestSupport.SERVERS.redisAddress(StreamTestSupport.REDIS_DB) + "?timeout=30s", null).registerStream("blocking", "default")
                        .validate();
             EventConsumer consumer = patient.eventBroker().consumer("blocking", "waiters", "w1",
                ConsumerOptions.DEFAULTS.withBlock(Duration.ofSeconds(20)))) {
            Future<Integer> read = thread.submit(() -> consumer.poll(received::add));
            await(Duration.ofSeconds(10), "the consumer blocked in XREADGROUP",
                    () -> blockedClients() >= 1);
            // published on the shared connection while the read blocks: a read on that connection would
            // hold this XADD back until it timed out empty
            String id = patient.eventBroker().publish("blocking", "wake up");
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(received).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(id));
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void statsReportLengthLagPendingConsumersAndDeadLetters() {
        EventBatch batch = broker.batch();
        for (int i = 0; i < 6; i++) {
            batch.add("stats", (long) i);
        }
        batch.publish();
        ConsumerOptions two = ConsumerOptions.DEFAULTS.withBatchSize(2).withBlock(Duration.ZERO);
        try (EventConsumer ok = broker.consumer("stats", "readers", "ok", two);
             EventConsumer failing = broker.consumer("stats", "readers", "failing", two)) {
            ok.poll(e -> { });
            failing.poll(e -> {
                throw new IllegalArgumentException("no");
            });
        }
        StreamStats stats = broker.stats("stats");
        assertThat(stats.stream()).isEqualTo("stats");
        assertThat(stats.pool()).isEqualTo("default");
        assertThat(stats.length()).isEqualTo(6);
        assertThat(stats.deadLetters()).isZero();
        assertThat(stats.groups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("readers");
            assertThat(g.lag()).isEqualTo(2);
            assertThat(g.pending()).isEqualTo(2);
            assertThat(g.oldestPendingAgeMillis()).isGreaterThanOrEqualTo(0);
            assertThat(g.consumers()).extracting(StreamStats.Consumer::name).containsExactlyInAnyOrder("ok", "failing");
            assertThat(g.consumers()).filteredOn(c -> c.name().equals("failing")).singleElement()
                    .satisfies(c -> assertThat(c.pending()).isEqualTo(2));
        });
        assertThat(broker.stats()).extracting(StreamStats::stream).contains("orders", "stats", "work");
    }

    @Test
    void trimmingKeepsWhatAGroupStillNeedsUnlessToldOtherwise() {
        EventBatch batch = broker.batch();
        for (int i = 0; i < 50; i++) {
            batch.add("trimmed", (long) i);
        }
        List<String> ids = batch.publish();
        try (EventConsumer consumer = broker.consumer("trimmed", "slow", "s1",
                ConsumerOptions.DEFAULTS.withBatchSize(20).withBlock(Duration.ZERO))) {
            consumer.poll(e -> { });            // 0..19 acknowledged
            consumer.poll(e -> {                 // 20..39 delivered, 20 left pending
                if (e.body(Long.class) == 20L) {
                    throw new IllegalStateException("later");
                }
            });
        }
        // over the limit of 10, but the group still needs entry 20 (pending) and what follows
        assertThat(broker.trim("trimmed")).isEqualTo(20);
        assertThat(redis.xRange("trimmed", "-", "+", 1)).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(ids.get(20)));

        EventBatch many = broker.batch();
        for (int i = 0; i < 1_000; i++) {
            many.add("capped", (long) i);
        }
        many.publish();
        // trimUnread: the group has read nothing, the stream is cut to about 100 entries anyway
        assertThat(broker.trim("capped")).isPositive();
        assertThat(redis.xLen("capped")).isBetween(100L, 999L);
        assertThat(broker.trim("work")).isZero(); // no limit registered
    }

    private static long blockedClients() {
        for (String line : redis.info("clients").split("\r?\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()).trim());
            }
        }
        return 0;
    }
}
