package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.cache.LocalRows;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The post-commit step that tells the other application instances which rows of {@code @LocalCache}
 * entities this flush inserted, updated or deleted: one message per flush on the engine's
 * {@link LocalCacheChannel}, sent after the cache step wrote Redis, so a node that drops the rows
 * refills them with the new values.
 *
 * <p>It also settles this process's own local rows once more now that Redis holds the new values:
 * the cache step changed them before its Redis writes were sent, so a read in between could have
 * stored the old row it found in Redis.
 */
public final class LocalCacheBroadcast implements PostCommitStep {

    private final Supplier<LocalCacheChannel> channel;

    /** @param channel the engine's channel, or null while it has none */
    public LocalCacheBroadcast(Supplier<LocalCacheChannel> channel) {
        this.channel = channel;
    }

    @Override
    public void afterCommit(Context context, FlushPlan plan, Object prepared) {
        LocalCacheChannel target = channel.get();
        Map<String, List<Long>> idsByTable = new LinkedHashMap<>();
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            if (type.localPool() == null) {
                continue;
            }
            settleLocally(context, type, table);
            List<Long> ids = new ArrayList<>(table.inserts().size() + table.updates().size() + table.deletes().size());
            add(ids, table.inserts());
            add(ids, table.updates());
            add(ids, table.deletes());
            if (!ids.isEmpty()) {
                idsByTable.computeIfAbsent(type.table(), t -> new ArrayList<>()).addAll(ids);
            }
        }
        if (target != null) {
            target.publish(idsByTable);
        }
    }

    private static void settleLocally(Context context, EntityType type, FlushPlan.TableWork table) {
        LocalCache local = LocalRows.of(context, type);
        for (EntityState entity : table.inserts()) {
            LocalRows.settle(local, type, entity.id(), entity.loaded());
        }
        for (EntityState entity : table.updates()) {
            LocalRows.remove(local, type, entity.id());
        }
        for (EntityState entity : table.deletes()) {
            LocalRows.settle(local, type, entity.id(), ContextCache.NOT_FOUND);
        }
    }

    private static void add(List<Long> ids, List<EntityState> entities) {
        for (EntityState entity : entities) {
            ids.add(entity.id());
        }
    }
}
