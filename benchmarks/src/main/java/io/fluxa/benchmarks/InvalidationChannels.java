package io.fluxa.benchmarks;

import io.lettuce.core.ClientOptions;
import io.fluxa.redis.RedisAddress;
import io.fluxa.test.FluxaTestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compares the two ways of telling other nodes that rows changed (docs/caching.md, "Several
 * application instances"): one pub/sub message per flush, or RESP3 client-side tracking in
 * broadcast mode, where Redis itself sends an invalidation for every written key under a prefix.
 * For flushes of 1 and of 20 rows it prints the latency from sending the flush's Redis writes to the
 * other node knowing about every row (median and 99th percentile) and how many messages that node
 * received per flush.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.fluxa.benchmarks.InvalidationChannels}, on a
 * Redis database of its own from the test servers ({@link FluxaTestServers}); a measurement, never
 * run as a test.
 */
public final class InvalidationChannels {

    private static final int FLUSHES = 2_000;

    private InvalidationChannels() {
    }

    public static void main(String[] args) throws Exception {
        FluxaTestServers servers = FluxaTestServers.fromEnvironment();
        RedisURI uri = RedisAddress.parse(servers.redisAddress(servers.redisDatabase())).toRedisUri();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> writer = client.connect()) {
            for (int rows : new int[] {1, 20}) {
                report("pub/sub, 1 message per flush", rows, pubSub(client, writer.async(), rows));
                report("client tracking BCAST", rows, tracking(client, uri, writer.async(), rows));
            }
        } finally {
            client.shutdown();
        }
    }

    private static void report(String how, int rows, long[][] result) {
        long[] latencies = result[0];
        Arrays.sort(latencies);
        System.out.printf("%-32s rows/flush=%2d  p50=%4d us  p99=%5d us  messages/flush=%.1f%n", how, rows,
                latencies[latencies.length / 2] / 1_000, latencies[latencies.length * 99 / 100] / 1_000,
                result[1][0] / (double) FLUSHES);
    }

    /** The writer writes the rows' hashes, then publishes their ids in one message. */
    private static long[][] pubSub(RedisClient client, RedisAsyncCommands<String, String> writer, int rows)
            throws Exception {
        AtomicReference<CountDownLatch> arrived = new AtomicReference<>();
        AtomicInteger messages = new AtomicInteger();
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.incrementAndGet();
                    arrived.get().countDown();
                }
            });
            subscriber.sync().subscribe("measure:{local-cache}");
            long[] latencies = new long[FLUSHES];
            for (int f = 0; f < FLUSHES; f++) {
                CountDownLatch latch = new CountDownLatch(1);
                arrived.set(latch);
                long start = System.nanoTime();
                StringBuilder ids = new StringBuilder("node\nrows\t");
                for (int r = 0; r < rows; r++) {
                    writer.hset("measure:row:" + r, Map.of("1", "v" + f));
                    ids.append(r == 0 ? "" : ",").append(r);
                }
                writer.publish("measure:{local-cache}", ids.toString());
                latch.await(5, TimeUnit.SECONDS);
                latencies[f] = System.nanoTime() - start;
            }
            return new long[][] {latencies, {messages.get()}};
        }
    }

    /** The writer writes the rows' hashes; Redis sends the tracking node one invalidation per key. */
    private static long[][] tracking(RedisClient client, RedisURI uri, RedisAsyncCommands<String, String> writer,
            int rows) throws Exception {
        RedisClient resp3 = RedisClient.create(client.getResources(), uri);
        resp3.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        AtomicReference<CountDownLatch> arrived = new AtomicReference<>();
        AtomicInteger messages = new AtomicInteger();
        try (StatefulRedisConnection<String, String> tracker = resp3.connect()) {
            tracker.addListener(push -> {
                if ("invalidate".equals(push.getType())) {
                    messages.incrementAndGet();
                    List<Object> content = new ArrayList<>(push.getContent());
                    Object keys = content.size() > 1 ? content.get(1) : null;
                    int count = keys instanceof List<?> list ? list.size() : 1;
                    for (int i = 0; i < count; i++) {
                        arrived.get().countDown();
                    }
                }
            });
            tracker.sync().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes("measure:row:"));
            long[] latencies = new long[FLUSHES];
            for (int f = 0; f < FLUSHES; f++) {
                CountDownLatch latch = new CountDownLatch(rows);
                arrived.set(latch);
                long start = System.nanoTime();
                for (int r = 0; r < rows; r++) {
                    writer.hset("measure:row:" + r, Map.of("1", "v" + f));
                }
                latch.await(5, TimeUnit.SECONDS);
                latencies[f] = System.nanoTime() - start;
            }
            return new long[][] {latencies, {messages.get()}};
        } finally {
            resp3.shutdown();
        }
    }
}
