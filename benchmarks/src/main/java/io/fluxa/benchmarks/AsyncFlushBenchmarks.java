package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code flushAsync} of one changed entity next to a raw Lettuce {@code XADD} of the same entry bytes
 * (see {@link AsyncConsumeBenchmarks} for the consumer).
 */
@State(Scope.Thread)
public class AsyncFlushBenchmarks {


    PlainUserEntity user;
    Context userContext;
    byte[] sameBytes;
    AsyncFlushConsumer consumer;
    long round;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        userContext = f.engine.newContext();
        user = PlainUserProvider.INSTANCE.mustGetById(userContext, 1);
        user.setAge(user.getAge() == 30 ? 31 : 30);
        userContext.flushAsync(false);
        List<StreamMessage<String, byte[]>> entries = f.redis.sync().xrange(f.engine.asyncFlush().streamKey(Registry.DEFAULT_POOL),
                io.lettuce.core.Range.create("-", "+"));
        sameBytes = entries.get(entries.size() - 1).getBody().get("f");
        consumer = f.engine.asyncFlush().consumer(Registry.DEFAULT_POOL,
                AsyncFlushOptions.DEFAULTS);
        consumer.drain();
    }

    @TearDown(Level.Trial)
    public void tearDown(Fixture f) {
        consumer.close();
    }

    /** Empties the streams between iterations (the producer benchmarks only add). */
    @Setup(Level.Iteration)
    public void emptyStreams(Fixture f) {
        consumer.drain();
        f.redis.sync().del("bench:raw-xadd");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PlainUserEntity fluxaFlushAsyncOne() {
        user.setAge(++round % 100);
        userContext.flushAsync(false);
        return user;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String rawXaddSameBytes(Fixture f) {
        return f.redis.sync().xadd("bench:raw-xadd", Map.of("f", sameBytes));
    }
}
