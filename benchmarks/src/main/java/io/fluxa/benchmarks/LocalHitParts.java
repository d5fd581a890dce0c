package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalRows;
import io.fluxa.row.EntityType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The steps of {@link ReadBenchmarks#fluxaGetByIdLocalHit} measured apart, to see where a local-cache
 * hit spends its time next to {@link ReadBenchmarks#rawCaffeineGet}: creating the context, the lookup
 * in the local cache alone (its key does not escape, so the JIT normally allocates nothing), and the
 * lookup plus turning the row into an entity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LocalHitParts {

    EntityType type;
    /** One context for the steps that need one but should not measure creating it. */
    Context shared;
    LocalCache local;

    @Setup
    public void setUp(Fixture f) {
        type = EntityType.ofOrNull(LocalUserProvider.INSTANCE.schema());
        shared = f.engine.newContext();
        local = LocalRows.of(shared, type);
    }

    @Benchmark
    public Context newContext(Fixture f) {
        return f.engine.newContext();
    }

    /** The cached row array, as the hit path looks it up. */
    @Benchmark
    public Object localCacheLookup(Fixture f) {
        return LocalRows.get(local, type, f.nextId());
    }

    /** The lookup and the new entity around the row (the context cache is left out). */
    @Benchmark
    public Object localCacheLookupAndEntity(Fixture f) {
        long id = f.nextId();
        return type.create(shared, id, (Object[]) LocalRows.get(local, type, id), false).entity();
    }
}
