package io.fluxa.redis;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.lettuce.core.metrics.DefaultCommandLatencyCollector;
import io.lettuce.core.metrics.DefaultCommandLatencyCollectorOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Per-pool Redis settings against the real server: command and connect timeouts (from options, the
 * config map and {@code ?timeout=}), a frozen or silent server failing within the bound, key
 * prefixes, address forms, and authentication failures worded as such.
 */
class RedisPoolSettingsTest {

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void poolsDefaultToTwoSecondTimeoutsAndNoPrefix() {
        Engine engine = new Registry().registerRedis("default", RedisCommandsTest.REDIS_ADDRESS, null).validate();
        try {
            RedisPool redis = engine.redis("default");
            assertThat(redis.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(redis.keyPrefix()).isEmpty();
            assertThat(redis.connection().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        } finally {
            engine.close();
        }
    }

    @Test
    void lettucesOwnLatencyCollectorIsOffUnlessACustomizerSetsARecorder() {
        Engine plain = new Registry().registerRedis("default", RedisCommandsTest.REDIS_ADDRESS, null).validate();
        Engine customized = new Registry().registerRedis("default", RedisCommandsTest.REDIS_ADDRESS, null)
                .customizeRedisClientResources((pool, builder) -> builder.commandLatencyRecorder(
                        new DefaultCommandLatencyCollector(DefaultCommandLatencyCollectorOptions.create())))
                .validate();
        try {
            plain.redis("default").set("k", "v");
            assertThat(((LettuceRedisPool) plain.redis("default")).clientResources().commandLatencyRecorder()
                    .isEnabled()).as("no per-command timing on the event loop by default").isFalse();
            assertThat(((LettuceRedisPool) customized.redis("default")).clientResources().commandLatencyRecorder()
                    .isEnabled()).as("a customizer's recorder wins").isTrue();
            assertThat(customized.redis("default").get("k")).contains("v");
            plain.redis("default").del("k");
        } finally {
            plain.close();
            customized.close();
        }
    }

    @Test
    void timeoutsAndPrefixComeFromTheConfigMapOptionsAndTheAddress() {
        Engine engine = new Registry().initByConfig(map(
                        "a", map("redis", map("address", RedisCommandsTest.REDIS_ADDRESS, "timeout", "750ms",
                                "connect-timeout", "3s", "key-prefix", "shop:")),
                        "b", map("redis", "redis://" + RedisCommandsTest.REDIS + "/" + RedisCommandsTest.DB
                                + "?timeout=5s"),
                        "c", map("redis", RedisCommandsTest.REDIS_ADDRESS + "?timeout=300ms")))
                .registerRedis("d", RedisCommandsTest.REDIS_ADDRESS + "?timeout=9s", new Registry.RedisOptions(null,
                        null,
                        null, Duration.ofMillis(1500), Duration.ofSeconds(1), "app1:"))
                .validate();
        try {
            assertThat(engine.redis("a").commandTimeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(engine.redis("a").keyPrefix()).isEqualTo("shop:");
            assertThat(engine.redis("b").commandTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(engine.redis("c").commandTimeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(engine.redis("d").commandTimeout()).as("options win over the address").isEqualTo(
                    Duration.ofMillis(1500));
            assertThat(engine.redis("d").keyPrefix()).isEqualTo("app1:");
            engine.redis("a").set("k", "v");
            assertThat(engine.redis("b").get("k")).as("the prefix is for Fluxa's own keys, not raw commands")
                    .contains("v");
            engine.redis("a").del("k");
        } finally {
            engine.close();
        }
    }

    @Test
    void badSettingsNameTheirProperty() {
        assertThatThrownBy(() -> new Registry().initByConfig(map("p", map("redis", map("address", "h:1",
                "timeout", "0s")))))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.p.redis.timeout: PT0S is too short");
        assertThatThrownBy(() -> new Registry().initByConfig(map("p", map("redis", map("address", "h:1",
                "key-prefix", "my app")))))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.p.redis.key-prefix: 'my app' contains a space");
        assertThatThrownBy(() -> new Registry().registerRedis("p", "h:1", new Registry.RedisOptions(null, null, null,
                null, null, "{tag}")))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("key-prefix: '{tag}' contains '{'");
        assertThatThrownBy(() -> new Registry().registerRedis("p", "h:1?timeout=soon", null))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessage("fluxa.pools.p.redis: 'h:1?timeout=soon' has an invalid timeout 'soon'; expected e.g. "
                        + "500ms, 2s or 1m");
        assertThatThrownBy(() -> new Registry().registerRedis("p", "h:1?db=2", null))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("unknown parameter 'db'; expected user, password or timeout");
    }

    @Test
    void aFrozenServerFailsCommandsAndPipelinesWithinTheTimeoutNamingThePool() throws Exception {
        try (FreezableProxy proxy = FreezableProxy.toTestRedis()) {
            Engine engine = new Registry()
                    .registerRedis("frozen", proxy.address() + ":" + RedisCommandsTest.DB + "?timeout=200ms", null)
                    .validate();
            try {
                RedisPool redis = engine.redis("frozen");
                redis.set("k", "v");
                proxy.freeze();
                assertThatThrownBy(() -> redis.get("k"))
                        .isInstanceOfSatisfying(PoolUnavailableException.class,
                                e -> assertThat(e.pool()).isEqualTo("frozen"))
                        .hasMessageContaining("Redis pool 'frozen' did not answer GET k within PT0.2S");
                // the timeout opened the pool's circuit breaker: later commands fail at once, same exception
                assertThat(redis.circuitBreaker().isOpen()).isTrue();
                assertThat(redis.isAvailable()).isFalse();
                RedisPipeline p = redis.pipeline();
                PipelineResult<Long> incr = p.incr("n");
                assertThatThrownBy(p::exec).isInstanceOf(PoolUnavailableException.class)
                        .hasMessageContaining("Redis pool 'frozen'");
                assertThat(incr.failed()).isTrue();
                assertThatThrownBy(() -> redis.eval(RedisScript.of("one", "return 1"), List.of()))
                        .isInstanceOf(PoolUnavailableException.class);
                assertThat(redis.circuitBreaker().rejectedCommands()).isGreaterThanOrEqualTo(2);
                proxy.thaw();
                // the breaker's own PING closes it once the server answers again
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    while (!redis.isAvailable()) {
                        Thread.sleep(10);
                    }
                });
                redis.del("k", "n");
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void aLostServerFailsCommandsWithPoolUnavailableNamingThePool() throws Exception {
        FreezableProxy proxy = FreezableProxy.toTestRedis();
        Engine engine = new Registry()
                .registerRedis("gone", proxy.address() + ":" + RedisCommandsTest.DB + "?timeout=300ms", null).validate();
        try {
            RedisPool redis = engine.redis("gone");
            redis.set("k", "v");
            proxy.close(); // the server and every connection to it disappear
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> redis.get("k"))
                        .isInstanceOfSatisfying(PoolUnavailableException.class,
                                e -> assertThat(e.pool()).isEqualTo("gone"))
                        .hasMessageStartingWith("Redis pool 'gone' ");
            }
        } finally {
            engine.close();
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheStartWithinTheTimeout() throws Exception {
        try (FreezableProxy silent = FreezableProxy.silent()) {
            assertThatThrownBy(() -> new Registry().registerRedis("mute", silent.address() + "?timeout=300ms", null)
                    .validate())
                    .isInstanceOfSatisfying(PoolUnavailableException.class, e -> assertThat(e.pool()).isEqualTo("mute"))
                    .hasMessageStartingWith("Redis pool 'mute' is unreachable at " + silent.address() + "/0");
        }
    }

    @Test
    void aWrongUsernameOrPasswordIsReportedAsAnAuthenticationFailure() {
        assertThatThrownBy(() -> new Registry()
                .registerRedis("secure",
                        "redis://fluxa_nobody:wrong@" + RedisCommandsTest.REDIS + "/" + RedisCommandsTest.DB,
                        null)
                .validate())
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> assertThat(e.pool()).isEqualTo("secure"))
                .hasMessageStartingWith("Redis pool 'secure' at " + RedisCommandsTest.REDIS + "/" + RedisCommandsTest.DB
                        + ": authentication failed (WRONGPASS")
                .hasMessageEndingWith("Check the username and password of fluxa.pools.secure.redis (user/password "
                        + "settings, or user:password@ in the URI).")
                .hasMessageNotContaining("unreachable");
        assertThatThrownBy(() -> new Registry()
                .registerRedis("secure", RedisCommandsTest.REDIS_ADDRESS + "?user=fluxa_nobody&password=wrong", null)
                .validate())
                .hasMessageContaining("authentication failed");
    }

    @Test
    void aUnixSocketWithoutNettysNativeTransportSaysWhatToAddOrUse() {
        assertThatThrownBy(() -> new Registry().registerRedis("local", "/tmp/fluxa-no-such-redis.sock:2", null)
                .validate())
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> assertThat(e.pool()).isEqualTo("local"))
                .hasMessageStartingWith("Redis pool 'local' cannot use the Unix socket /tmp/fluxa-no-such-redis.sock: ")
                .hasMessageContaining("io.netty:netty-transport-native-epoll with classifier linux-x86_64")
                .hasMessageContaining("or connect with host:port instead");
    }

    @Test
    void upstreamAddressFormsParse() {
        assertThat(RedisAddress.parse("cache:6380:2?user=app&password=p%40ss&timeout=500ms"))
                .isEqualTo(new RedisAddress("cache", 6380, 2, "app", "p@ss", false, null, List.of(), null,
                        Duration.ofMillis(500)));
        RedisAddress socket = RedisAddress.parse("/var/run/redis/redis.sock:3");
        assertThat(socket.socket()).isEqualTo("/var/run/redis/redis.sock");
        assertThat(socket.database()).isEqualTo(3);
        assertThat(socket.describe()).isEqualTo("unix:/var/run/redis/redis.sock/3");
        assertThat(socket.toRedisUri().getSocket()).isEqualTo("/var/run/redis/redis.sock");
        assertThat(RedisAddress.parse("/tmp/redis.sock").database()).isZero();
        assertThat(RedisAddress.parse("redis://h:1/2").timeout()).isNull();
        assertThat(RedisAddress.parse("redis://h:1/2?timeout=5s").timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RedisAddress.parse("redis-socket:///tmp/r.sock?database=4").socket()).isEqualTo("/tmp/r.sock");
    }
}
