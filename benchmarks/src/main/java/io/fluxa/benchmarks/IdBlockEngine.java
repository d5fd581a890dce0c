package io.fluxa.benchmarks;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.benchmarks.model.entities.FluxaModel;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A second Fluxa engine on the {@link Fixture}'s database and Redis that reserves ids in blocks of
 * {@value #BLOCK} ({@code Registry.idBlockSize}), for the insert benchmarks' id-block variants.
 */
@State(Scope.Benchmark)
public class IdBlockEngine {

    static final int BLOCK = 1_000;

    Engine engine;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        engine = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, Fixture.SERVERS.databaseUrl(f.database),
                        Fixture.SERVERS.mysqlUser(), Fixture.SERVERS.mysqlPassword(), null)
                .registerRedis(Registry.DEFAULT_POOL, Fixture.SERVERS.redisAddress(Fixture.SERVERS.redisDatabase()), null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0)
                .registerModel(new FluxaModel())
                .idBlockSize(BLOCK)
                .validate();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
