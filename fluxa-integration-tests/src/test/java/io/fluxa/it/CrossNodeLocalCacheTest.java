package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.engine.EngineImpl;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.it.support.TwoNodeTestBase;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.LettuceRedisPool;
import io.fluxa.redis.RedisSubscription;
import io.fluxa.test.Poll;
import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several engines on one MySQL database and one Redis database act as application instances
 * ("nodes"): a flush on one node drops the changed rows from every other node's local cache.
 */
class CrossNodeLocalCacheTest extends TwoNodeTestBase {

    static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;

    static long newCategory(Context ctx, String name) {
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode("x" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        c.setName(name);
        ctx.flush();
        return c.getId();
    }

    static Context fresh(OrmTestRuntime node) {
        Context ctx = node.newContext();
        ctx.disableContextCache();
        return ctx;
    }

    static String name(OrmTestRuntime node, long id) {
        return CATEGORIES.getById(fresh(node), id).map(CategoryEntity::getName).orElse(null);
    }

    static LocalCacheChannel channel(OrmTestRuntime node) {
        return ((EngineImpl) node.engine()).localCacheChannel();
    }

    /**
     * Polls {@code condition} ({@link Poll#until}). Both nodes live in this JVM and share its per-row
     * generations, so a node's fill can be refused once because the other node just processed an
     * invalidation of the same row; a retried read then stores it (separate processes do not affect
     * each other this way).
     */
    static boolean eventually(BooleanSupplier condition) {
        return Poll.until(condition);
    }

    /** Whether a read of category {@code id} on {@code node} is answered by its local cache alone. */
    static boolean servedLocally(OrmTestRuntime node, long id) {
        return servedLocally(node, ctx -> CATEGORIES.getById(ctx, id));
    }

    /** Whether {@code read} (one row by id) in a new context of {@code node} is answered by its local cache alone. */
    static boolean servedLocally(OrmTestRuntime node, java.util.function.Consumer<Context> read) {
        Context ctx = fresh(node);
        QueryCounter counter = new QueryCounter();
        ctx.registerQueryLogger(counter, true, true, true);
        read.accept(ctx);
        return counter.redis() == 0 && counter.mysql() == 0 && counter.count(QuerySource.LOCAL_CACHE) == 1;
    }

    @Test
    void bothNodesRunTheChannelOnTheDefaultRedisPool() {
        assertThat(channel(runtime)).isNotNull();
        assertThat(channel(runtime).pool()).isEqualTo("default");
        assertThat(channel(runtime).channel()).isEqualTo(channel(nodeB).channel())
                .isEqualTo("fluxa:{local-cache}:" + runtime.engine().redis("default").database());
        assertThat(channel(runtime).tables()).contains("categories", "kinds");
        assertThat(eventually(() -> channel(runtime).isOpen() && channel(nodeB).isOpen())).isTrue();
    }

    @Test
    void anUpdateOnOneNodeReachesTheLocalCacheOfTheOther() {
        long id = newCategory(runtime.newContext(), "Before");
        assertThat(name(runtime, id)).isEqualTo("Before");
        assertThat(eventually(() -> servedLocally(runtime, id))).as("node A holds the row locally").isTrue();

        Context onB = nodeB.newContext();
        CATEGORIES.mustGetById(onB, id).setName("After");
        onB.flush();

        assertThat(eventually(() -> "After".equals(name(runtime, id)))).as("node A reads B's change").isTrue();
    }

    @Test
    void aDeleteAndAnInsertWithAChosenIdReachTheOtherNode() {
        long id = newCategory(runtime.newContext(), "Doomed");
        assertThat(name(runtime, id)).isEqualTo("Doomed");
        Context onB = nodeB.newContext();
        CATEGORIES.mustGetById(onB, id).delete();
        onB.flush();
        assertThat(eventually(() -> name(runtime, id) == null)).as("node A sees the delete").isTrue();

        long chosen = id + 1_000_000;
        assertThat(name(runtime, chosen)).isNull(); // node A caches "not found"
        Context insert = nodeB.newContext();
        CategoryEntity back = CATEGORIES.newEntity(insert, chosen);
        back.setCode("ch" + (chosen % 100_000));
        back.setName("Chosen");
        insert.flush();
        assertThat(eventually(() -> "Chosen".equals(name(runtime, chosen)))).as("node A drops its not-found marker")
                .isTrue();
    }

    @Test
    void aFlushPublishesOneMessageWithEveryChangedRowAndTheSenderIgnoresIt() {
        List<Long> ids = new ArrayList<>();
        Context setup = runtime.newContext();
        for (int i = 0; i < 5; i++) {
            ids.add(newCategory(setup, "Batch " + i));
        }
        List<String> messages = new CopyOnWriteArrayList<>();
        LettuceRedisPool pool = (LettuceRedisPool) runtime.engine().redis("default");
        try (RedisSubscription listener = pool.subscribe(channel(runtime).channel(), "test-listener",
                new RedisSubscription.Listener() {
                    @Override
                    public void message(byte[] message) {
                        messages.add(new String(message, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void subscribed() {
                    }

                    @Override
                    public void lost() {
                    }
                })) {
            for (long id : ids) {
                assertThat(name(runtime, id)).startsWith("Batch");
                assertThat(name(nodeB, id)).startsWith("Batch");
            }
            Context onB = nodeB.newContext();
            for (long id : ids) {
                CATEGORIES.mustGetById(onB, id).setName("Renamed " + id);
            }
            onB.flush();
            assertThat(eventually(() -> !messages.isEmpty())).isTrue();
            for (long id : ids) {
                assertThat(eventually(() -> ("Renamed " + id).equals(name(runtime, id)))).isTrue();
                // the sender dropped the rows in its own flush and ignores its own message: it refilled
                // them once and keeps serving them locally
                assertThat(name(nodeB, id)).isEqualTo("Renamed " + id);
                assertThat(eventually(() -> servedLocally(nodeB, id))).isTrue();
            }
        }
        assertThat(messages).hasSize(1);
        String[] lines = messages.get(0).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("categories\t");
        assertThat(lines[1].substring("categories\t".length()).split(",")).hasSize(5);
    }

    @Test
    void aNodeThatLosesTheChannelDropsItsRowsAndSubscribesAgain() {
        long id = newCategory(runtime.newContext(), "Kept");
        assertThat(eventually(() -> channel(runtime).isOpen())).isTrue();
        assertThat(name(runtime, id)).isEqualTo("Kept");
        assertThat(eventually(() -> servedLocally(runtime, id))).isTrue();
        LocalCache categories = runtime.local().forEntity("categories");
        assertThat(categories.usage().used()).isPositive();

        RedisCommands<String, byte[]> admin = nodeB.redisConnection().sync();
        long killed = admin.clientKill(KillArgs.Builder.id(clientId(admin, channel(runtime).clientName())));
        assertThat(killed).isEqualTo(1);

        assertThat(eventually(() -> categories.usage().used() == 0))
                .as("the node dropped its cached rows when its subscription dropped").isTrue();
        assertThat(eventually(() -> channel(runtime).isOpen() && clientIdOrZero(admin,
                channel(runtime).clientName()) != 0)).as("Lettuce reconnected and subscribed again").isTrue();

        assertThat(name(runtime, id)).isEqualTo("Kept");
        assertThat(eventually(() -> servedLocally(runtime, id))).as("rows are stored again once subscribed").isTrue();
        Context onB = nodeB.newContext();
        CATEGORIES.mustGetById(onB, id).setName("Changed after reconnect");
        onB.flush();
        assertThat(eventually(() -> "Changed after reconnect".equals(name(runtime, id)))).isTrue();
    }

    static long clientId(RedisCommands<String, byte[]> admin, String name) {
        long id = clientIdOrZero(admin, name);
        assertThat(id).as("a connection named %s", name).isPositive();
        return id;
    }

    static long clientIdOrZero(RedisCommands<String, byte[]> admin, String name) {
        for (String line : admin.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) {
                        return Long.parseLong(field.substring(3));
                    }
                }
            }
        }
        return 0;
    }

}
