package io.fluxa.it.faults;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.redis.RedisPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Redis frozen, killed, restarted and cut off under a running engine: reads of cached entities fall
 * back to MySQL, flushes still commit to MySQL, id allocation fails fast naming the pool, and the
 * circuit breaker closes by itself once Redis answers again.
 */
class RedisFaultsTest extends FaultTestBase {

    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;
    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private RedisPool redis;

    @Override
    String database() {
        return "fault_redis";
    }

    @BeforeEach
    void redisPool() {
        redis = engine.redis(Registry.DEFAULT_POOL);
    }

    /** Every test leaves Redis running, reachable and the breaker closed. */
    @AfterEach
    void heal() {
        servers.redis.resume();
        servers.redisProxy.restore();
        if (!servers.redis.isRunning()) {
            servers.redis.start();
        }
        awaitBreakerClosed();
    }

    @Test
    void frozenRedisReadFallsBackToMySqlAndFlushStillCommits() {
        long id = newProduct(10);
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(10.0); // cached in Redis now

        servers.redis.freeze();
        long firstNanos = System.nanoTime();
        ProductEntity first = assertTimeoutPreemptively(HANG_GUARD, () -> PRODUCTS.mustGetById(fresh(), id));
        long firstMillis = (System.nanoTime() - firstNanos) / 1_000_000;
        assertThat(first.getPrice()).isEqualTo(10.0); // from MySQL
        assertThat(redis.circuitBreaker().isOpen()).isTrue();
        assertThat(redis.isAvailable()).isFalse();

        long openNanos = System.nanoTime();
        ProductEntity second = assertTimeoutPreemptively(HANG_GUARD, () -> PRODUCTS.mustGetById(fresh(), id));
        long openMillis = (System.nanoTime() - openNanos) / 1_000_000;
        assertThat(second.getPrice()).isEqualTo(10.0);
        assertThat(redis.circuitBreaker().fallbacks()).isGreaterThanOrEqualTo(2);
        // a raw command fails at once, naming the pool, never with a Lettuce exception
        assertThatThrownBy(() -> redis.get("anything")).isInstanceOfSatisfying(PoolUnavailableException.class,
                e -> assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL));

        Context writer = engine.newContext();
        ProductEntity product = PRODUCTS.mustGetById(writer, id);
        product.setPrice(11);
        flushCommittingToMySqlOnly(writer);
        assertThat(servers.queryString("SELECT `Price` FROM `fault_redis`.`products` WHERE `ID` = " + id))
                .isEqualTo("11");
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(11.0); // still MySQL while open
        System.out.printf("FAULT-FIGURE redis-frozen first-read-ms=%d open-read-ms=%d timeout-ms=%d%n", firstMillis,
                openMillis, FaultServers.REDIS_TIMEOUT.toMillis());

        servers.redis.resume();
        awaitBreakerClosed();
    }

    @Test
    void killedAndRestartedRedisClosesTheBreakerAndReadsReturnMySqlsValues() {
        long id = newProduct(20);
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(20.0);

        servers.redis.kill();
        assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> PRODUCTS.mustGetById(fresh(), id)).getPrice())
                .isEqualTo(20.0);
        assertThat(redis.circuitBreaker().isOpen()).isTrue();
        Context writer = engine.newContext();
        PRODUCTS.mustGetById(writer, id).setPrice(21);
        flushCommittingToMySqlOnly(writer);

        servers.redis.start(); // empty: no persistence
        long closedAfter = awaitBreakerClosed();
        System.out.printf("FAULT-FIGURE redis-restarted breaker-closed-after-ms=%d%n", closedAfter);
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(21.0);
        // the repair of the flush's invalidation runs in the background (reads never wait for it, they
        // read MySQL until it ran); after it, reads use Redis again and fill the row
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (redis.cacheRepairs().pending() > 0) {
            assertThat(System.nanoTime()).as("cache repairs done within 60 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(21.0);
        assertThat(redis.keys(redis.keyPrefix() + "products:*")).isNotEmpty();
        assertThat(PRODUCTS.mustGetById(fresh(), id).getPrice()).isEqualTo(21.0);
    }

    @Test
    void idAllocationWithRedisDownFailsFastNamingThePool() {
        servers.redis.freeze();
        Context ctx = engine.newContext();
        NoteEntity note = NOTES.newEntity(ctx);
        note.setText("never written");
        // breaker still closed: the reservation waits at most the command timeout
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, ctx::flush))
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> {
                    assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL);
                    assertThat(e.getMessage()).contains("Redis pool 'default'", "notes", "nothing was written");
                });
        // breaker open now: refused at once, same exception
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, ctx::flush))
                .isInstanceOfSatisfying(PoolUnavailableException.class,
                        e -> assertThat(e.getMessage()).contains("circuit breaker", "notes"));
        System.out.printf("FAULT-FIGURE redis-down id-allocation-open-ms=%d%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(servers.queryLong("SELECT COUNT(*) FROM `fault_redis`.`notes`")).isZero();
        assertThat(note.isNew()).isTrue();

        servers.redis.resume();
        awaitBreakerClosed();
        ctx.flush(); // the same pending insert goes through now
        assertThat(servers.queryLong("SELECT COUNT(*) FROM `fault_redis`.`notes`")).isEqualTo(1);
    }

    @Test
    void connectionCutByTheNetworkIsAPoolUnavailableExceptionNamingThePool() {
        long id = newProduct(30);
        servers.redisProxy.cut();
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> redis.get("some-key")))
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> {
                    assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL);
                    assertThat(e.getMessage()).contains("Redis pool 'default'");
                });
        // cached reads still work, from MySQL
        assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> PRODUCTS.mustGetById(fresh(), id)).getPrice())
                .isEqualTo(30.0);
        servers.redisProxy.restore();
        awaitBreakerClosed();
        assertThat(redis.get("some-key")).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /**
     * Flushes while Redis is unavailable: MySQL commits; the flush either returns or reports that MySQL
     * committed and only the cache update failed (the cache repair is a separate concern).
     */
    private static void flushCommittingToMySqlOnly(Context writer) {
        try {
            assertTimeoutPreemptively(HANG_GUARD, writer::flush);
        } catch (FluxaException e) {
            assertThat(e.getMessage()).contains("committed");
        }
    }

    private long newProduct(double price) {
        Context ctx = engine.newContext();
        int n = NAMES.incrementAndGet();
        CategoryEntity category = CATEGORIES.newEntity(ctx);
        category.setCode("c" + n);
        category.setName("Category " + n);
        ProductEntity product = PRODUCTS.newEntity(ctx);
        product.setName("Product " + n);
        product.setCategory(category);
        product.setPrice(price);
        ctx.flush();
        return product.getId();
    }

    /** Waits (bounded) for the breaker's own probe to close it; returns how long that took. */
    private long awaitBreakerClosed() {
        long start = System.nanoTime();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            while (redis.circuitBreaker().isOpen()) {
                Thread.sleep(20);
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }
}
