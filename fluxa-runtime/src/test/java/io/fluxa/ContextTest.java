package io.fluxa;

import io.fluxa.cache.ContextCache;
import io.fluxa.cache.TtlContextCache;
import io.fluxa.row.Flushable;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Context bookkeeping that needs no server: tracking, cache settings, metadata, loggers, clone. */
class ContextTest {

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = new Registry().registerLocalCache("default", 10).validate();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final class Change implements Flushable {
    }

    @Test
    void tracksEachEntityOnceUntilClearFlush() {
        Context ctx = engine.newContext();
        assertThat(ctx.engine()).isSameAs(engine);
        Change a = new Change();
        ctx.track(a);
        ctx.track(a);
        ctx.track(new Change());
        assertThat(ctx.pendingChanges()).isEqualTo(2);
        ctx.clearFlush();
        assertThat(ctx.pendingChanges()).isZero();
        ctx.flush();
        ctx.flushAsync(true);
        assertThatThrownBy(() -> ctx.track(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void contextCacheIsOnWithOneSecondTtlUntilChanged() {
        Context ctx = engine.newContext();
        assertThat(ctx.contextCache().enabled()).isTrue();
        assertThat(((TtlContextCache) ctx.contextCache()).ttl()).isEqualTo(Duration.ofSeconds(1));
        ctx.setContextCacheTtl(Duration.ofSeconds(30));
        assertThat(((TtlContextCache) ctx.contextCache()).ttl()).isEqualTo(Duration.ofSeconds(30));
        ctx.contextCache().put("User", 1, ContextCache.NOT_FOUND);
        ctx.disableContextCache();
        assertThat(ctx.contextCache().enabled()).isFalse();
        assertThat(ctx.contextCache().get("User", 1)).isNull();
        assertThatThrownBy(() -> ctx.setContextCacheTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.newContext().contextCache()).as("every context has its own").isNotSameAs(ctx.contextCache());
    }

    @Test
    void metadataIsAReadOnlyViewAndNullRemoves() {
        Context ctx = engine.newContext();
        ctx.setMetaData("user", "7");
        ctx.setMetaData("request", "r-1");
        assertThat(ctx.getMetaData("user")).isEqualTo("7");
        assertThat(ctx.metaData()).containsOnlyKeys("user", "request");
        ctx.setMetaData("request", null);
        assertThat(ctx.metaData()).containsOnlyKeys("user");
        assertThat(ctx.getMetaData("missing")).isNull();
        assertThatThrownBy(() -> ctx.metaData().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ctx.setMetaData(null, "v")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void queryLoggerIsNoneUntilSomebodyListens() {
        Context ctx = engine.newContext();
        assertThat(ctx.queryLogger()).isSameAs(QueryLogger.NONE);
        ctx.enableQueryDebug(false, false, true);
        assertThat(ctx.queryLogger().enabled(QuerySource.LOCAL_CACHE)).isTrue();
        assertThat(ctx.queryLogger().enabled(QuerySource.MYSQL)).isFalse();

        Context all = engine.newContext();
        all.enableQueryDebug();
        for (QuerySource source : QuerySource.values()) {
            assertThat(all.queryLogger().enabled(source)).isTrue();
        }
    }

    @Test
    void engineLevelHandlersReachEveryContextAndItsClones() {
        List<QueryEvent> events = new ArrayList<>();
        try (Engine logged = new Registry().registerLocalCache("default", 0)
                .addQueryLogHandler(events::add, false, false, true).validate()) {
            Context ctx = logged.newContext();
            assertThat(ctx.queryLogger().enabled(QuerySource.LOCAL_CACHE)).isTrue();
            assertThat(ctx.queryLogger().enabled(QuerySource.MYSQL)).isFalse();
            ctx.setMetaData("tenant", "a");
            ctx.queryLogger().log(QuerySource.LOCAL_CACHE, "default", "GET", "User 1", System.nanoTime(), true, null);
            Context copy = ctx.clone();
            copy.setMetaData("tenant", "b");
            copy.queryLogger().log(QuerySource.LOCAL_CACHE, "default", "GET", "User 2", System.nanoTime(), true, null);
            assertThat(events).extracting(e -> e.query() + "@" + e.metaData().get("tenant"))
                    .containsExactly("User 1@a", "User 2@b");
        }
    }

    @Test
    void cloneCopiesSettingsButNotTrackedChangesOrCachedRows() {
        Context ctx = engine.newContext();
        ctx.track(new Change());
        ctx.setContextCacheTtl(Duration.ofSeconds(9));
        ctx.contextCache().put("User", 1, "row");
        ctx.enableQueryDebug(true, false, false);
        ctx.setMetaData("user", "7");
        Context copy = ctx.clone();
        assertThat(copy).isNotSameAs(ctx);
        assertThat(copy.pendingChanges()).isZero();
        assertThat(copy.getMetaData("user")).isEqualTo("7");
        assertThat(((TtlContextCache) copy.contextCache()).ttl()).isEqualTo(Duration.ofSeconds(9));
        assertThat(copy.contextCache().get("User", 1)).isNull();
        assertThat(copy.queryLogger().enabled(QuerySource.MYSQL)).isTrue();
        copy.setMetaData("user", "8");
        assertThat(ctx.getMetaData("user")).isEqualTo("7");
    }

    @Test
    void poolsOfTheContext() {
        Context ctx = engine.newContext();
        assertThat(ctx.localCache("default")).isSameAs(engine.localCache("default"));
        assertThatThrownBy(() -> ctx.db("default")).isInstanceOf(PoolUnavailableException.class)
                .hasMessage("no MySQL pool 'default' is registered");
        assertThatThrownBy(() -> ctx.redis("default")).isInstanceOf(PoolUnavailableException.class)
                .hasMessage("no Redis pool 'default' is registered");
        assertThatThrownBy(() -> ctx.databasePipeline("x")).isInstanceOf(PoolUnavailableException.class);
        assertThatThrownBy(() -> ctx.redisPipeline("x")).isInstanceOf(PoolUnavailableException.class);
        assertThatThrownBy(() -> ctx.localCache("other")).isInstanceOf(PoolUnavailableException.class)
                .hasMessage("no local cache pool 'other' is registered; registered: default");
    }
}
