package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.cache.LocalCacheChannel;
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
 * refills them with the new values: the message goes out from the step's check, which runs after the
 * flush's post-commit pipelines were sent.
 */
public final class LocalCacheBroadcast implements PostCommitStep {

    private final Supplier<LocalCacheChannel> channel;

    /** @param channel the engine's channel, or null while it has none */
    public LocalCacheBroadcast(Supplier<LocalCacheChannel> channel) {
        this.channel = channel;
    }

    /** The engine's channel, or null while it has none. */
    LocalCacheChannel channel() {
        return channel.get();
    }

    @Override
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writes) {
        LocalCacheChannel target = channel.get();
        if (target == null) {
            return null;
        }
        Map<String, List<Long>> idsByTable = new LinkedHashMap<>();
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            if (type.localPool() == null) {
                continue;
            }
            List<Long> ids = new ArrayList<>(table.inserts().size() + table.updates().size() + table.deletes().size());
            add(ids, table.inserts());
            add(ids, table.updates());
            add(ids, table.deletes());
            if (!ids.isEmpty()) {
                idsByTable.computeIfAbsent(type.table(), t -> new ArrayList<>()).addAll(ids);
            }
        }
        return idsByTable.isEmpty() ? null : () -> target.publish(idsByTable);
    }

    private static void add(List<Long> ids, List<EntityState> entities) {
        for (EntityState entity : entities) {
            ids.add(entity.id());
        }
    }
}
