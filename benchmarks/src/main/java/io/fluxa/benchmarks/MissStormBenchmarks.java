package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QuerySource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Miss storms on one hot row: each operation flushes a change of the row (which drops it from the
 * local cache and leaves a tombstone in Redis), then 16 threads, released together, read it in new
 * contexts. Every thread misses its caches at once; single-flight loading should make them share
 * one MySQL query. The score is the time of one storm; the counters {@code mysqlQueries} and
 * {@code storms} (totals per iteration) give the MySQL queries per storm, and the fork prints the
 * ratio over the whole run when it ends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MissStormBenchmarks {

    static final int THREADS = 16;
    /** The hot row: a seeded id. */
    static final long HOT_ID = Fixture.ROWS;

    private final AtomicLong selects = new AtomicLong();
    private final AtomicLong allStorms = new AtomicLong();
    private final QueryLogHandler counter = event -> {
        if (event.source() == QuerySource.MYSQL) {
            selects.incrementAndGet();
        }
    };
    private ExecutorService readers;

    /** Totals per iteration, reported by JMH beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class StormCounters {
        public long mysqlQueries;
        public long storms;
    }

    @Setup(Level.Trial)
    public void start() {
        readers = Executors.newFixedThreadPool(THREADS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        readers.shutdownNow();
        long storms = allStorms.get();
        System.out.printf("%nMissStormBenchmarks: %d storms of %d threads, %d MySQL queries, %.3f per storm%n",
                storms, THREADS, selects.get(), storms == 0 ? 0.0 : (double) selects.get() / storms);
    }

    /** The hot row has {@code @LocalCache} only: the 16 threads miss the local cache and go to MySQL. */
    @Benchmark
    public long fluxaLocalMissStorm16Threads(Fixture f, StormCounters counters) {
        Context change = f.engine.newContext();
        LocalUserEntity row = LocalUserProvider.INSTANCE.mustGetById(change, HOT_ID);
        row.setBalance(row.getBalance() + 1);
        change.flush();
        return storm(counters, id -> LocalUserProvider.INSTANCE.mustGetById(reader(f), id));
    }

    /** The hot row has {@code @RedisCache} only: the 16 threads miss Redis (a tombstone) and go to MySQL. */
    @Benchmark
    public long fluxaRedisMissStorm16Threads(Fixture f, StormCounters counters) {
        Context change = f.engine.newContext();
        RedisUserEntity row = RedisUserProvider.INSTANCE.mustGetById(change, HOT_ID);
        row.setBalance(row.getBalance() + 1);
        change.flush();
        return storm(counters, id -> RedisUserProvider.INSTANCE.mustGetById(reader(f), id));
    }

    /** A new context whose MySQL queries are counted. */
    private Context reader(Fixture f) {
        Context context = f.engine.newContext();
        context.registerQueryLogger(counter, true, false, false);
        return context;
    }

    /** Releases {@value #THREADS} reads of the hot row at once; returns the MySQL queries they caused. */
    long storm(StormCounters counters, LongFunction<Object> read) {
        long before = selects.get();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> reads = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            reads.add(readers.submit(() -> {
                go.await();
                return read.apply(HOT_ID);
            }));
        }
        go.countDown();
        for (Future<Object> r : reads) {
            try {
                if (r.get() == null) {
                    throw new IllegalStateException("the hot row " + HOT_ID + " was not found");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        long queries = selects.get() - before;
        counters.mysqlQueries += queries;
        counters.storms++;
        allStorms.incrementAndGet();
        return queries;
    }
}
