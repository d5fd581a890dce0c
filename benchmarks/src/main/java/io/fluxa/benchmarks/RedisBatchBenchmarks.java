package io.fluxa.benchmarks;

import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code getByIds} of {@code ids} rows served by the Redis tier (a new context, so neither the context
 * nor a local cache answers) next to its floor: the same number of {@code GET}s of msgpack-packed rows
 * (the command Fluxa sends since row layout 4), or of {@code HGETALL}s of hashes with one msgpack value
 * per column (layout 3), queued on a Lettuce connection with automatic flushing off, written in one
 * {@code flushCommands}, every reply awaited and decoded by hand.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RedisBatchBenchmarks {

    @Param({"100", "1000"})
    public int ids;

    private long[] batch;

    @Setup(Level.Iteration)
    public void nextBatch(Fixture f) {
        batch = new long[ids];
        for (int i = 0; i < ids; i++) {
            batch[i] = f.nextId();
        }
    }

    @Benchmark
    public List<RedisUserEntity> fluxaGetByIdsRedis(Fixture f) {
        return RedisUserProvider.INSTANCE.getByIds(f.engine.newContext(), batch);
    }

    @Benchmark
    public List<UserRow> rawLettuceGetOneFlush(Fixture f)
            throws InterruptedException, ExecutionException, TimeoutException {
        RedisAsyncCommands<String, byte[]> async = f.redisManualFlush.async();
        List<RedisFuture<byte[]>> replies = new ArrayList<>(batch.length);
        for (long id : batch) {
            replies.add(async.get("raw:user:" + id));
        }
        f.redisManualFlush.flushCommands();
        List<UserRow> rows = new ArrayList<>(batch.length);
        for (RedisFuture<byte[]> reply : replies) {
            byte[] value = reply.get(10, TimeUnit.SECONDS);
            if (value != null) {
                rows.add(UserRow.unpack(value));
            }
        }
        return rows;
    }

    @Benchmark
    public List<UserRow> rawLettuceHGetAllOneFlush(Fixture f)
            throws InterruptedException, ExecutionException, TimeoutException {
        RedisAsyncCommands<String, byte[]> async = f.redisManualFlush.async();
        List<RedisFuture<Map<String, byte[]>>> replies = new ArrayList<>(batch.length);
        for (long id : batch) {
            replies.add(async.hgetall(Fixture.RAW_HASH_PREFIX + id));
        }
        f.redisManualFlush.flushCommands();
        List<UserRow> rows = new ArrayList<>(batch.length);
        for (int i = 0; i < batch.length; i++) {
            UserRow row = UserRow.unpackFields(batch[i], replies.get(i).get(10, TimeUnit.SECONDS));
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
