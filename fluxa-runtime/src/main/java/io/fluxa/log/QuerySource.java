package io.fluxa.log;

/** Where a logged query ran. */
public enum QuerySource {
    MYSQL, REDIS, LOCAL_CACHE
}
