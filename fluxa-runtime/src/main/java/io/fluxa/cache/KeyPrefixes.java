package io.fluxa.cache;

import io.fluxa.redis.RedisPool;

/** The key prefix of a Redis pool, put in front of every key Fluxa owns on it. */
final class KeyPrefixes {

    private KeyPrefixes() {
    }

    static String of(RedisPool pool) {
        return "";
    }
}
