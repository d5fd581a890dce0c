package io.fluxa.benchmarks;

import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The local-cache and Redis reads of {@link ReadBenchmarks} from 16 threads at once, each in a new
 * context, each thread cycling through the seeded ids from its own random start. JMH reports the
 * average time of one call on one thread; the throughput of all threads is 16 divided by it, so the
 * scaling over one thread is {@code 16 × (one-thread time) / (16-thread time)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ConcurrentReadBenchmarks {

    static final int THREADS = 16;

    private long cursor = ThreadLocalRandom.current().nextLong(1, Fixture.ROWS + 1);

    /** This thread's next seeded id. */
    long nextId() {
        cursor = cursor == Fixture.ROWS ? 1 : cursor + 1;
        return cursor;
    }

    @Benchmark
    @Threads(THREADS)
    public LocalUserEntity fluxaGetByIdLocalHit16Threads(Fixture f) {
        return LocalUserProvider.INSTANCE.mustGetById(f.engine.newContext(), nextId());
    }

    @Benchmark
    @Threads(THREADS)
    public UserRow rawCaffeineGet16Threads(Fixture f) {
        return f.caffeine.getIfPresent(nextId());
    }

    @Benchmark
    @Threads(THREADS)
    public RedisUserEntity fluxaGetByIdRedisHit16Threads(Fixture f) {
        return RedisUserProvider.INSTANCE.mustGetById(f.engine.newContext(), nextId());
    }

    @Benchmark
    @Threads(THREADS)
    public UserRow rawLettuceGet16Threads(Fixture f) {
        return UserRow.unpack(f.redis.sync().get("raw:user:" + nextId()));
    }

    @Benchmark
    @Threads(THREADS)
    public UserRow rawLettuceHGetAll16Threads(Fixture f) {
        long id = nextId();
        return UserRow.unpackFields(id, f.redis.sync().hgetall(Fixture.RAW_HASH_PREFIX + id));
    }
}
