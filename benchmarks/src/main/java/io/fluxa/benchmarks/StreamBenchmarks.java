package io.fluxa.benchmarks;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.stream.ConsumerOptions;
import io.fluxa.stream.EventBatch;
import io.fluxa.stream.EventConsumer;
import io.fluxa.stream.StreamOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event broker next to raw Lettuce doing the same work on Redis database 15: publishing 1 000
 * events ({@code EventBatch} vs {@code XADD} sent without waiting, then all replies awaited), and
 * consuming 1 000 events through a group ({@code EventConsumer.poll} vs {@code XREADGROUP} +
 * {@code XACK} per batch of 100). Bodies are the same msgpack-encoded long on both sides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class StreamBenchmarks {

    static final int EVENTS = 1_000;
    static final int BATCH = 100;
    static final int REDIS_DB = 15;

    Engine engine;
    RedisClient client;
    StatefulRedisConnection<String, byte[]> raw;
    EventConsumer consumer;
    long round;

    @Setup(Level.Trial)
    public void setUp() {
        String address = System.getenv().getOrDefault("FLUXA_TEST_REDIS", "127.0.0.1:6379");
        engine = new Registry().registerRedis(Registry.DEFAULT_POOL, address + ":" + REDIS_DB, null)
                .registerStream("bench-fluxa", Registry.DEFAULT_POOL, StreamOptions.groups("g"))
                .registerStream("bench-raw", Registry.DEFAULT_POOL, StreamOptions.groups("g"))
                .validate();
        String[] hostPort = address.split(":");
        client = RedisClient.create(RedisURI.builder().withHost(hostPort[0]).withPort(Integer.parseInt(hostPort[1]))
                .withDatabase(REDIS_DB).build());
        raw = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        consumer = engine.eventBroker().consumer("bench-fluxa", "g", "c",
                ConsumerOptions.DEFAULTS.withBatchSize(BATCH).withBlock(Duration.ZERO));
    }

    /** Fresh streams with {@value #EVENTS} unread events each before every consume invocation. */
    @Setup(Level.Invocation)
    public void fill() {
        raw.sync().del("bench-fluxa", "bench-raw");
        raw.sync().xgroupCreate(XReadArgs.StreamOffset.from("bench-fluxa", "0"), "g",
                io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
        raw.sync().xgroupCreate(XReadArgs.StreamOffset.from("bench-raw", "0"), "g",
                io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
        RedisAsyncCommands<String, byte[]> async = raw.async();
        List<RedisFuture<String>> futures = new ArrayList<>(2 * EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            futures.add(async.xadd("bench-fluxa", Map.of("body", pack(i))));
            futures.add(async.xadd("bench-raw", Map.of("body", pack(i))));
        }
        for (RedisFuture<String> f : futures) {
            f.toCompletableFuture().join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        consumer.close();
        raw.sync().del("bench-fluxa", "bench-raw");
        raw.close();
        client.shutdown();
        engine.close();
    }

    @Benchmark
    public List<String> fluxaPublish1000() {
        EventBatch batch = engine.eventBroker().batch();
        for (int i = 0; i < EVENTS; i++) {
            batch.add("bench-fluxa", (long) i);
        }
        return batch.publish();
    }

    @Benchmark
    public List<String> rawXaddPipeline1000() {
        RedisAsyncCommands<String, byte[]> async = raw.async();
        List<RedisFuture<String>> futures = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            futures.add(async.xadd("bench-raw", Map.of("body", pack(i))));
        }
        List<String> ids = new ArrayList<>(EVENTS);
        for (RedisFuture<String> f : futures) {
            ids.add(f.toCompletableFuture().join());
        }
        return ids;
    }

    @Benchmark
    public long fluxaConsume1000() {
        long[] sum = {0};
        int handled = 0;
        while (handled < EVENTS) {
            handled += consumer.poll(e -> sum[0] += e.body(Long.class));
        }
        return sum[0];
    }

    @Benchmark
    public long rawReadGroupAck1000() throws IOException {
        long sum = 0;
        int handled = 0;
        @SuppressWarnings({"unchecked", "rawtypes"})
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[] {
                XReadArgs.StreamOffset.lastConsumed("bench-raw")};
        while (handled < EVENTS) {
            List<StreamMessage<String, byte[]>> batch = raw.sync().xreadgroup(Consumer.from("g", "c"),
                    XReadArgs.Builder.count(BATCH), offsets);
            String[] ids = new String[batch.size()];
            for (int i = 0; i < ids.length; i++) {
                StreamMessage<String, byte[]> m = batch.get(i);
                try (var unpacker = MessagePack.newDefaultUnpacker(m.getBody().get("body"))) {
                    sum += unpacker.unpackLong();
                }
                ids[i] = m.getId();
            }
            raw.sync().xack("bench-raw", "g", ids);
            handled += ids.length;
        }
        return sum;
    }

    private static byte[] pack(long value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packLong(value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
