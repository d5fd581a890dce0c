package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.redis.RedisPool;

import java.util.ServiceLoader;

/**
 * The second application instance of {@link CrossNodeChildJvmTest}, in a JVM of its own: it caches
 * row {@code watch} locally, says so through Redis key {@code <signal>:ready}, waits until the
 * parent's rename of that row reaches its local cache, then renames row {@code change} itself and
 * writes the outcome to {@code <signal>:result}.
 *
 * <p>Arguments: JDBC URL (with database), MySQL user, MySQL password, Redis address, watch id,
 * change id, signal key.
 */
public final class CrossNodeChildMain {

    private CrossNodeChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long watch = Long.parseLong(args[4]);
        long change = Long.parseLong(args[5]);
        String signal = args[6];
        Registry registry = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, args[0], args[1], args[2], null)
                .registerRedis(Registry.DEFAULT_POOL, args[3], null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0);
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            registry.registerModel(model);
        }
        CategoryProvider categories = CategoryProvider.INSTANCE;
        try (Engine engine = registry.validate()) {
            RedisPool redis = engine.redis(Registry.DEFAULT_POOL);
            String before = name(engine, categories, watch);
            redis.set(signal + ":ready", before);
            long end = System.nanoTime() + 30_000_000_000L;
            String seen = before;
            while (!"from-parent".equals(seen) && System.nanoTime() < end) {
                Thread.sleep(10);
                seen = name(engine, categories, watch);
            }
            if (!"from-parent".equals(seen)) {
                redis.set(signal + ":result", "still reading '" + seen + "' after 30 s");
                return;
            }
            Context ctx = engine.newContext();
            categories.mustGetById(ctx, change).setName("from-child");
            ctx.flush();
            redis.set(signal + ":result", "ok");
        }
    }

    private static String name(Engine engine, CategoryProvider categories, long id) {
        Context ctx = engine.newContext();
        ctx.disableContextCache();
        return categories.getById(ctx, id).map(CategoryEntity::getName).orElse(null);
    }
}
