package io.fluxa.spring.autoconfigure.logging;

import io.fluxa.Context;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the queries of Spring-created contexts at DEBUG, switched by {@code logging.level} alone:
 * {@code io.fluxa.query.mysql}, {@code io.fluxa.query.redis} and {@code io.fluxa.query.local-cache}
 * (or {@code io.fluxa.query} for all three). The levels are read when a Context is created, so a
 * change through the actuator's {@code loggers} endpoint applies from the next request on; with the
 * loggers above DEBUG no handler is attached and queries pay nothing.
 */
public final class FluxaQueryLogging implements FluxaContextCustomizer {

    /** Parent of the three query loggers. */
    public static final String LOGGER = "io.fluxa.query";

    private static final Logger MYSQL = LoggerFactory.getLogger(LOGGER + ".mysql");
    private static final Logger REDIS = LoggerFactory.getLogger(LOGGER + ".redis");
    private static final Logger LOCAL_CACHE = LoggerFactory.getLogger(LOGGER + ".local-cache");

    private static final QueryLogHandler HANDLER = FluxaQueryLogging::log;

    @Override
    public void customize(Context context) {
        boolean mysql = MYSQL.isDebugEnabled();
        boolean redis = REDIS.isDebugEnabled();
        boolean localCache = LOCAL_CACHE.isDebugEnabled();
        if (mysql || redis || localCache) {
            context.registerQueryLogger(HANDLER, mysql, redis, localCache);
        }
    }

    private static void log(QueryEvent event) {
        Logger logger = switch (event.source()) {
            case MYSQL -> MYSQL;
            case REDIS -> REDIS;
            case LOCAL_CACHE -> LOCAL_CACHE;
        };
        if (event.error() != null) {
            logger.debug("[{}] {} {} µs failed: {} ({})", event.pool(), event.operation(), event.micros(),
                    event.query(), event.error().toString());
        } else {
            logger.debug("[{}] {} {} µs{}: {}", event.pool(), event.operation(), event.micros(),
                    event.cacheMiss() ? " miss" : "", event.query());
        }
    }
}
