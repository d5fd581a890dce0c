package io.fluxa.stream;

import io.fluxa.Engine;
import io.fluxa.redis.RedisPool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumer {@link KilledConsumerTest} runs in a JVM of its own and kills: it handles and
 * acknowledges its first batch, then hangs in the middle of the second (after handling a few events
 * of it, never acknowledged) and tells the test so through Redis key {@code <stream>:stuck}.
 *
 * <p>Arguments: stream, group, consumer name, batch size.
 */
public final class KilledConsumerMain {

    private KilledConsumerMain() {
    }

    public static void main(String[] args) {
        String stream = args[0];
        String group = args[1];
        String name = args[2];
        int batchSize = Integer.parseInt(args[3]);
        Engine engine = StreamTestSupport.registry().registerStream(stream, "default").validate();
        RedisPool redis = engine.redis("default");
        AtomicInteger handled = new AtomicInteger();
        EventConsumer consumer = engine.eventBroker().consumer(stream, group, name,
                ConsumerOptions.DEFAULTS.withBatchSize(batchSize).withBlock(Duration.ZERO));
        consumer.run(event -> {
            redis.sAdd(stream + ":handled-by-child", event.id());
            if (handled.incrementAndGet() == batchSize + 5) {
                redis.set(stream + ":stuck", "1");
                while (true) {
                    LockSupport.park(); // hang mid-batch until killed
                }
            }
        });
    }
}
