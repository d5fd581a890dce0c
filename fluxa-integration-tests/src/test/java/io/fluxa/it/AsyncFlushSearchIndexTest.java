package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.RedisCommandException;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.ListingEntity;
import io.fluxa.it.model.entities.ListingProvider;
import io.fluxa.it.model.entities.enums.ListingStatus;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import io.fluxa.search.RedisSearchWhere;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code flushAsync(true)} writes the new values through to the Redis search index too, in the same
 * pipeline as the stream entry: a search right after finds inserts, updates and deletes before MySQL
 * has them. Once the consumer applied (or refused) the entries, the index holds what MySQL holds.
 */
class AsyncFlushSearchIndexTest extends OrmTestBase {

    private static final ListingProvider LISTINGS = ListingProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;

    /** Each test starts with an empty stream and no dead letters. */
    @BeforeEach
    void emptyStream() {
        runtime.emptyAsyncFlushStream(POOL);
    }

    /** Applies what the stream holds; returns the entries applied. */
    private int drain() {
        try (AsyncFlushConsumer consumer = runtime.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS)) {
            return consumer.drain();
        }
    }

    private static ListingEntity listing(Context ctx, String code, String brand, long rank) {
        ListingEntity e = LISTINGS.newEntity(ctx);
        e.setCode(code);
        e.setBrand(brand);
        e.setRank(rank);
        e.setStatus(ListingStatus.LIVE);
        return e;
    }

    private List<Long> byBrand(String brand) {
        return LISTINGS.redisSearchIds(context(), RedisSearchWhere.eq("Brand", brand), null);
    }

    @Test
    void immediateInsertsUpdatesAndDeletesAreSearchableAtOnceAndMatchMySqlOnceApplied() {
        Context setup = context();
        ListingEntity kept = listing(setup, "sKept", "kept", 1);
        ListingEntity doomed = listing(setup, "sDoomed", "doomed", 2);
        ListingEntity later = listing(setup, "sLater", "later", 3);
        setup.flush();
        assertThat(byBrand("kept")).containsExactly(kept.getId()); // the first search builds the index

        Context ctx = context();
        ListingEntity added = listing(ctx, "sAdded", "added", 4);
        LISTINGS.mustGetById(ctx, kept.getId()).setBrand("renamed");
        LISTINGS.mustGetById(ctx, doomed.getId()).delete(); // a soft delete
        ctx.flushAsync(true);
        // a second immediate flush of one of those rows, and a deferred one
        Context again = context();
        LISTINGS.mustGetById(again, kept.getId()).setRank(7);
        again.flushAsync(true);
        Context deferred = context();
        LISTINGS.mustGetById(deferred, later.getId()).setBrand("deferred");
        deferred.flushAsync(false);

        Map<Long, String> before = mysql("SELECT ID, Brand FROM listings WHERE FakeDelete = 0");
        assertThat(before).doesNotContainKey(added.getId()).containsEntry(kept.getId(), "kept")
                .containsKey(doomed.getId()).containsEntry(later.getId(), "later");
        // the search index shows the immediate flushes at once, the deferred one not yet
        assertThat(byBrand("added")).containsExactly(added.getId());
        assertThat(byBrand("renamed")).containsExactly(kept.getId());
        assertThat(byBrand("kept")).isEmpty();
        assertThat(byBrand("doomed")).isEmpty();
        assertThat(LISTINGS.redisSearchIds(context(), RedisSearchWhere.eq("Rank", 7L), null))
                .containsExactly(kept.getId());
        assertThat(byBrand("later")).containsExactly(later.getId());
        assertThat(byBrand("deferred")).isEmpty();

        assertThat(drain()).isEqualTo(3);
        Map<Long, String> after = mysql("SELECT ID, Brand FROM listings WHERE FakeDelete = 0");
        assertThat(after).containsEntry(added.getId(), "added").containsEntry(kept.getId(), "renamed")
                .doesNotContainKey(doomed.getId()).containsEntry(later.getId(), "deferred");
        assertSearchMatchesMySql();
    }

    @Test
    void refusedImmediateInsertAndUpdateLeaveTheSearchIndexAsMySqlHasIt() {
        Context setup = context();
        ListingEntity holder = listing(setup, "sTaken", "holder", 11);
        ListingEntity other = listing(setup, "sOther", "other", 12);
        setup.flush();
        assertThat(byBrand("other")).containsExactly(other.getId());

        Context insert = context();
        ListingEntity refused = listing(insert, "sTaken", "refusedNew", 13); // MySQL refuses the duplicate code
        insert.flushAsync(true);
        Context update = context();
        ListingEntity changed = LISTINGS.mustGetById(update, other.getId());
        changed.setCode("sTaken"); // refused too
        changed.setBrand("refusedChange");
        changed.setRank(14);
        update.flushAsync(true);
        // read-your-writes before MySQL decided
        assertThat(byBrand("refusedNew")).containsExactly(refused.getId());
        assertThat(byBrand("refusedChange")).containsExactly(other.getId());
        assertThat(byBrand("other")).isEmpty();

        assertThat(drain()).isZero();
        List<AsyncFlush.DeadLetter> letters = runtime.engine().asyncFlush().deadLetters(POOL, 10);
        assertThat(letters).extracting(AsyncFlush.DeadLetter::operations)
                .containsExactly("INSERT Listing " + refused.getId(), "UPDATE Listing " + other.getId());
        // the refused values left the index, the row MySQL kept is back
        assertThat(byBrand("refusedNew")).isEmpty();
        assertThat(byBrand("refusedChange")).isEmpty();
        assertThat(byBrand("other")).containsExactly(other.getId());
        assertThat(byBrand("holder")).containsExactly(holder.getId());
        assertThat(LISTINGS.redisSearchIds(context(), RedisSearchWhere.eq("Rank", 14L), null)).isEmpty();
        assertSearchMatchesMySql();
    }

    @Test
    void theIndexWritesTravelInTheEntrysPipelineBeforeTheXadd() {
        Context setup = context();
        ListingEntity row = listing(setup, "sTrip", "trip", 21);
        setup.flush();
        assertThat(byBrand("trip")).containsExactly(row.getId());

        Context ctx = context();
        LISTINGS.mustGetById(ctx, row.getId()).setBrand("oneTrip");
        QueryCounter counter = count(ctx);
        ctx.flushAsync(true);
        assertThat(counter.events(QuerySource.REDIS)).as("Redis round trips of flushAsync(true)").singleElement()
                .satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("PIPELINE");
                    assertThat(e.query()).contains("search-index-update").contains("XADD");
                    assertThat(e.query().indexOf("search-index-update")).as("the index write goes first")
                            .isLessThan(e.query().indexOf("XADD"));
                });
        assertThat(byBrand("oneTrip")).containsExactly(row.getId());
        assertThat(drain()).isEqualTo(1);
        assertSearchMatchesMySql();
    }

    @Test
    void aRefusedXaddReindexesTheWrittenThroughRowsFromMySql() {
        Context setup = context();
        ListingEntity stored = listing(setup, "sXadd", "xaddOld", 31);
        setup.flush();
        assertThat(byBrand("xaddOld")).containsExactly(stored.getId());

        Context ctx = context();
        ListingEntity added = listing(ctx, "sXaddNew", "xaddNew", 32);
        LISTINGS.mustGetById(ctx, stored.getId()).setBrand("xaddChanged");
        String stream = runtime.engine().asyncFlush().streamKey(POOL);
        runtime.redisConnection().sync().set(stream, "not a stream".getBytes(StandardCharsets.UTF_8));
        try {
            // the index script runs, then Redis refuses the XADD (WRONGTYPE)
            assertThatThrownBy(() -> ctx.flushAsync(true)).isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("XADD");
        } finally {
            runtime.redisConnection().sync().del(stream);
        }
        assertThat(byBrand("xaddNew")).as("the insert never reached MySQL").isEmpty();
        assertThat(byBrand("xaddChanged")).isEmpty();
        assertThat(byBrand("xaddOld")).containsExactly(stored.getId());
        assertSearchMatchesMySql();

        ctx.flushAsync(true); // still dirty: sent again
        assertThat(byBrand("xaddNew")).containsExactly(added.getId());
        assertThat(drain()).isEqualTo(1);
        assertThat(byBrand("xaddChanged")).containsExactly(stored.getId());
        assertSearchMatchesMySql();
    }

    /** Every live row of MySQL is in the index, under its brand and its rank, and nothing else is. */
    private void assertSearchMatchesMySql() {
        Map<Long, String> brands = mysql("SELECT ID, Brand FROM listings WHERE FakeDelete = 0");
        Map<Long, String> ranks = mysql("SELECT ID, Rank FROM listings WHERE FakeDelete = 0");
        assertThat(new TreeSet<>(LISTINGS.redisSearchIds(context(), RedisSearchWhere.all(), null)))
                .isEqualTo(new TreeSet<>(brands.keySet()));
        for (String brand : new TreeSet<>(brands.values())) {
            assertThat(new TreeSet<>(byBrand(brand))).as("brand %s", brand).isEqualTo(idsOf(brands, brand));
        }
        for (String rank : new TreeSet<>(ranks.values())) {
            assertThat(new TreeSet<>(LISTINGS.redisSearchIds(context(),
                    RedisSearchWhere.eq("Rank", Long.parseLong(rank)), null)))
                    .as("rank %s", rank).isEqualTo(idsOf(ranks, rank));
        }
    }

    private static Set<Long> idsOf(Map<Long, String> values, String value) {
        Set<Long> ids = new TreeSet<>();
        values.forEach((id, v) -> {
            if (v.equals(value)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Map<Long, String> mysql(String sql) {
        return runtime.mysqlMap(sql);
    }
}
