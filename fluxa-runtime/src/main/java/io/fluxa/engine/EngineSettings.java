package io.fluxa.engine;

import io.fluxa.EntityModel;
import io.fluxa.LocalCacheInvalidation;
import io.fluxa.Registry;
import io.fluxa.log.QueryLogRegistration;
import io.fluxa.redis.RedisAddress;
import io.fluxa.redis.RedisPoolSettings;
import io.fluxa.stream.EventCodec;
import io.fluxa.stream.StreamOptions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Everything a {@link Registry} collected, handed to {@link EngineImpl#start} by
 * {@link Registry#validate()}. Copied on creation, so later registry calls do not reach the engine.
 */
public record EngineSettings(Map<String, MySqlPool> mysqlPools, Map<String, RedisAddress> redisPools,
        Map<String, RedisPoolSettings> redisPoolSettings, Map<String, Long> localCaches, Map<String, String> streams, List<EntityModel> models,
        Map<String, Object> options, List<QueryLogRegistration> queryLogHandlers,
        Map<String, StreamOptions> streamOptions, Map<Class<?>, EventCodec<?>> eventCodecs,
        LocalCacheInvalidation localCacheInvalidation, Instrumentation instrumentation, int idBlockSize) {

    /**
     * One registered MySQL pool: either a URL and credentials for a pool of Fluxa's own, or a
     * {@code dataSource} the application owns (then {@code url}, {@code user} and {@code password} are null).
     */
    public record MySqlPool(String code, String url, String user, String password, Registry.MySqlOptions options,
            DataSource dataSource) {
    }

    public EngineSettings(Collection<MySqlPool> mysqlPools, Map<String, RedisAddress> redisPools,
            Map<String, RedisPoolSettings> redisPoolSettings, Map<String, Long> localCaches,
            Map<String, String> streams, List<EntityModel> models, Map<String, Object> options,
            List<QueryLogRegistration> queryLogHandlers, Map<String, StreamOptions> streamOptions,
            Map<Class<?>, EventCodec<?>> eventCodecs, LocalCacheInvalidation localCacheInvalidation,
            Instrumentation instrumentation, int idBlockSize) {
        this(byCode(mysqlPools), new LinkedHashMap<>(redisPools), new LinkedHashMap<>(redisPoolSettings),
                new LinkedHashMap<>(localCaches),
                new LinkedHashMap<>(streams), List.copyOf(models), new LinkedHashMap<>(options),
                List.copyOf(queryLogHandlers), new LinkedHashMap<>(streamOptions), new LinkedHashMap<>(eventCodecs),
                localCacheInvalidation, instrumentation, idBlockSize);
    }

    /** Timeouts and key prefix of a registered Redis pool. */
    public RedisPoolSettings redisSettings(String code) {
        return redisPoolSettings.getOrDefault(code, RedisPoolSettings.DEFAULTS);
    }

    private static Map<String, MySqlPool> byCode(Collection<MySqlPool> pools) {
        Map<String, MySqlPool> byCode = new LinkedHashMap<>();
        for (MySqlPool pool : pools) {
            byCode.put(pool.code(), pool);
        }
        return byCode;
    }
}
