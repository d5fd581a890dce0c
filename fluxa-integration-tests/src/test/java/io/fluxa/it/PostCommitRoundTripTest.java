package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.search.RedisSearchWhere;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.OfferEntity;
import io.fluxa.it.model.entities.OfferProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.StreamEntry;
import io.fluxa.stream.DirtyAction;
import io.fluxa.stream.DirtyEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After the commit, a flush's row cache writes, search index update and dirty-stream events leave in
 * one pipeline: one Redis round trip per pool. {@code Offer} has all three.
 */
class PostCommitRoundTripTest extends OrmTestBase {

    private static final OfferProvider OFFERS = OfferProvider.INSTANCE;

    @Test
    void cacheSearchIndexAndDirtyEventsTravelInOneRoundTrip() {
        RedisPool redis = runtime.engine().redis("default");
        long eventsBefore = streamLength(redis);
        Context ctx = context();
        List<OfferEntity> offers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OfferEntity offer = OFFERS.newEntity(ctx);
            offer.setTitle("offer " + i);
            offer.setPrice(100 + i);
            offers.add(offer);
        }
        QueryCounter counter = count(ctx);
        ctx.flush();

        List<QueryEvent> afterCommit = afterCommit(counter);
        assertThat(afterCommit).as("Redis events after the COMMIT: one pipeline").singleElement()
                .satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("PIPELINE");
                    assertThat(e.pool()).isEqualTo("default");
                    assertThat(e.error()).isNull();
                    // 3 row invalidations, 1 search script for the table, 3 × XADD
                    assertThat(e.query()).startsWith("PIPELINE x7:")
                            .contains("invalidate-row", "search-index-update", "XADD OfferEvents");
                });

        // and each write took effect
        assertThat(streamLength(redis) - eventsBefore).isEqualTo(3);
        assertThat(OFFERS.redisSearchIds(context(), RedisSearchWhere.gte("Price", 101L), null))
                .contains(offers.get(1).getId(), offers.get(2).getId()).doesNotContain(offers.get(0).getId());
        runtime.sql("UPDATE `offers` SET `Title` = 'changed behind the cache'");
        runtime.local().clear();
        assertThat(OFFERS.mustGetById(freshContext(), offers.get(0).getId()).getTitle())
                .as("the flush invalidated the Redis row: the read goes to MySQL").isEqualTo("changed behind the cache");

        // an update: the same single pipeline
        OfferEntity cheaper = offers.get(2);
        cheaper.setPrice(50);
        counter.reset();
        ctx.flush();
        assertThat(afterCommit(counter)).singleElement().satisfies(e -> assertThat(e.query())
                .contains("invalidate-row", "search-index-update", "XADD OfferEvents"));
        assertThat(lastAction(redis)).isEqualTo(DirtyAction.UPDATE.name());
        assertThat(OFFERS.redisSearchIds(context(), RedisSearchWhere.gte("Price", 101L), null))
                .contains(offers.get(1).getId()).doesNotContain(offers.get(0).getId(), cheaper.getId());
    }

    @Test
    void aFailedFlushSendsNothingToRedisAfterTheRollback() {
        Context setup = context();
        CategoryEntity taken = CategoryProvider.INSTANCE.newEntity(setup);
        taken.setCode("rt-dup");
        taken.setName("Taken");
        setup.flush();
        RedisPool redis = runtime.engine().redis("default");
        long eventsBefore = streamLength(redis);

        Context ctx = context();
        OfferEntity offer = OFFERS.newEntity(ctx);
        offer.setTitle("never committed");
        offer.setPrice(999);
        CategoryEntity duplicate = CategoryProvider.INSTANCE.newEntity(ctx);
        duplicate.setCode("rt-dup");
        duplicate.setName("Duplicate");
        QueryCounter counter = count(ctx);
        assertThatThrownBy(ctx::flush).isInstanceOf(DuplicateKeyException.class);

        assertThat(counter.events(QuerySource.REDIS)).as("no post-commit pipeline").noneMatch(e -> e.query()
                .contains("XADD") || e.query().contains("search-index-update") || e.operation().equals("PIPELINE"));
        assertThat(streamLength(redis)).isEqualTo(eventsBefore);
        assertThat(OFFERS.redisSearchIds(context(), RedisSearchWhere.gte("Price", 999L), null)).isEmpty();

        duplicate.setCode("rt-ok");
        ctx.flush();
        assertThat(streamLength(redis)).isEqualTo(eventsBefore + 1);
        assertThat(lastAction(redis)).isEqualTo(DirtyAction.INSERT.name());
    }

    /** The Redis events logged after the flush's last SQL statement (its COMMIT, or its only statement). */
    private static List<QueryEvent> afterCommit(QueryCounter counter) {
        List<QueryEvent> events = counter.events(); // in the order they were reported
        int lastSql = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).source() == QuerySource.MYSQL) {
                lastSql = i;
            }
        }
        assertThat(lastSql).as("the flush ran SQL").isNotNegative();
        return events.subList(lastSql + 1, events.size()).stream().filter(e -> e.source() == QuerySource.REDIS)
                .toList();
    }

    private static String lastAction(RedisPool redis) {
        List<StreamEntry> entries = redis.xRange("OfferEvents", "-", "+");
        return entries.get(entries.size() - 1).fields().get("h:" + DirtyEvent.ACTION_HEADER);
    }

    private static long streamLength(RedisPool redis) {
        return redis.exists("OfferEvents") == 0 ? 0 : redis.xLen("OfferEvents");
    }
}
