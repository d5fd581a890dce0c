package io.fluxa.stream;

import io.fluxa.FluxaConfigException;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adds the streams of {@code @DirtyStream}s to the explicitly registered ones. A dirty stream that is
 * registered keeps its registration (an annotation naming another pool is an error); otherwise it
 * lives on the annotation's pool, else the entity's Redis cache pool, else {@code default}.
 */
public final class StreamRegistrations {

    private StreamRegistrations() {
    }

    /** Stream name → Redis pool code: {@code registered} first, then the dirty streams not among them. */
    public static Map<String, String> withDirtyStreams(Map<String, String> registered,
            Collection<EntitySchema> entities, Set<String> redisPools) {
        Map<String, String> all = new LinkedHashMap<>(registered);
        Map<String, String> declaredBy = new LinkedHashMap<>();
        for (EntitySchema entity : entities) {
            for (DirtyStreamSchema stream : entity.dirtyStreams()) {
                String explicit = registered.get(stream.name());
                String pool;
                if (explicit != null) {
                    if (!stream.redisPool().isEmpty() && !stream.redisPool().equals(explicit)) {
                        throw new FluxaConfigException("entity " + entity.entityName() + ": @DirtyStream(name = \""
                                + stream.name() + "\", pool = \"" + stream.redisPool() + "\") names another pool than"
                                + " the registered stream, which lives on Redis pool '" + explicit
                                + "'; remove pool from the annotation or register the stream on '"
                                + stream.redisPool() + "'");
                    }
                    pool = explicit;
                } else if (!stream.redisPool().isEmpty()) {
                    pool = stream.redisPool();
                } else if (entity.redisCache() != null) {
                    pool = entity.redisCache().pool();
                } else {
                    pool = "default";
                }
                String earlier = all.putIfAbsent(stream.name(), pool);
                if (earlier != null && !earlier.equals(pool)) {
                    throw new FluxaConfigException("entity " + entity.entityName() + " publishes dirty stream '"
                            + stream.name() + "' on Redis pool '" + pool + "', but " + declaredBy.get(stream.name())
                            + " uses it on '" + earlier + "'; give the @DirtyStreams the same pool, or register the"
                            + " stream with Registry.registerStream");
                }
                declaredBy.putIfAbsent(stream.name(), "entity " + entity.entityName());
                if (!redisPools.contains(pool)) {
                    throw new FluxaConfigException("entity " + entity.entityName() + " publishes dirty stream '"
                            + stream.name() + "' on Redis pool '" + pool + "', which is not registered; add fluxa.pools."
                            + pool + ".redis or set @DirtyStream(pool = …)");
                }
            }
        }
        return all;
    }
}
