package io.fluxa.log;

/** A handler and the sources it wants. */
public record QueryLogRegistration(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache) {

    public boolean wants(QuerySource source) {
        return switch (source) {
            case MYSQL -> mysql;
            case REDIS -> redis;
            case LOCAL_CACHE -> localCache;
        };
    }
}
