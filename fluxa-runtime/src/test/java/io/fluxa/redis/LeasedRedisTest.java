package io.fluxa.redis;

import io.fluxa.Engine;
import io.fluxa.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the Redis tests that need nothing but the Redis pool {@code default}: an engine on the Redis
 * database this test JVM leased ({@link RedisCommandsTest#REDIS_ADDRESS}), emptied before every test.
 * Test classes run one after another, so the subclasses share these fields in turn.
 */
abstract class LeasedRedisTest {

    static Engine engine;
    static RedisPool redis;

    @BeforeAll
    static void startEngine() {
        engine = new Registry().registerRedis("default", RedisCommandsTest.REDIS_ADDRESS, null).validate();
        redis = engine.redis("default");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushDb();
    }
}
