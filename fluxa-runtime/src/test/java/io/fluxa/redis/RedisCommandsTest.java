package io.fluxa.redis;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.Registry;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw Redis API on a real server (Redis db 4): every command group, errors, rate limiter, logging. */
class RedisCommandsTest {

    static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");

    private static final List<QueryEvent> ENGINE_EVENTS = new CopyOnWriteArrayList<>();
    private static Engine engine;
    private static RedisPool redis;

    @BeforeAll
    static void start() {
        engine = new Registry().registerRedis("default", REDIS + ":4", null)
                .addQueryLogHandler(ENGINE_EVENTS::add, false, true, false)
                .validate();
        redis = engine.redis("default");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void empty() {
        redis.flushDb();
        ENGINE_EVENTS.clear();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void keys() {
        redis.set("a", "1");
        redis.set("b", "2");
        redis.set("other", "3");
        assertThat(redis.exists("a", "b", "missing", "a")).isEqualTo(3);
        assertThat(redis.type("a")).isEqualTo("string");
        assertThat(redis.type("missing")).isEqualTo("none");
        assertThat(redis.ttl("a")).isEmpty();
        assertThat(redis.expire("a", Duration.ofSeconds(100))).isTrue();
        assertThat(redis.expire("missing", Duration.ofSeconds(100))).isFalse();
        assertThat(redis.ttl("a")).hasValueSatisfying(ttl -> assertThat(ttl)
                .isGreaterThan(Duration.ofSeconds(90)).isLessThanOrEqualTo(Duration.ofSeconds(100)));
        assertThat(redis.persist("a")).isTrue();
        assertThat(redis.ttl("a")).isEmpty();
        assertThat(redis.ttl("missing")).isEmpty();
        assertThat(redis.del("a", "missing")).isEqualTo(1);
        assertThat(redis.exists("a")).isZero();
        assertThat(redis.dbSize()).isEqualTo(2);
    }

    @Test
    void keysScansEveryMatchingKeyAcrossPages() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 2_500; i++) {
            many.put("scan:" + i, "v");
        }
        redis.mSet(many);
        redis.set("elsewhere", "x");
        List<String> keys = redis.keys("scan:*");
        assertThat(keys).hasSize(2_500).doesNotHaveDuplicates().containsAll(many.keySet());
        assertThat(redis.keys("nothing:*")).isEmpty();
    }

    @Test
    void strings() {
        assertThat(redis.get("s")).isEmpty();
        redis.set("s", "héllo ✓");
        assertThat(redis.get("s")).hasValue("héllo ✓");
        assertThat(redis.getBytes("s")).hasValueSatisfying(b ->
                assertThat(b).isEqualTo("héllo ✓".getBytes(StandardCharsets.UTF_8)));
        redis.set("raw", new byte[] {0, (byte) 0xff, 7});
        assertThat(redis.getBytes("raw")).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 0xff, 7));
        redis.set("ttl", "v", Duration.ofSeconds(50));
        redis.set("rawTtl", new byte[] {1}, Duration.ofSeconds(50));
        assertThat(redis.ttl("ttl")).isPresent();
        assertThat(redis.ttl("rawTtl")).isPresent();

        assertThat(redis.setNX("nx", "first")).isTrue();
        assertThat(redis.setNX("nx", "second")).isFalse();
        assertThat(redis.get("nx")).hasValue("first");
        assertThat(redis.setNX("nxTtl", "v", Duration.ofSeconds(30))).isTrue();
        assertThat(redis.setNX("nxTtl", "w", Duration.ofSeconds(30))).isFalse();
        assertThat(redis.ttl("nxTtl")).isPresent();

        assertThat(redis.getSet("gs", "one")).isEmpty();
        assertThat(redis.getSet("gs", "two")).hasValue("one");
        assertThat(redis.get("gs")).hasValue("two");

        Map<String, String> values = new LinkedHashMap<>();
        values.put("m1", "x");
        values.put("m2", "y");
        redis.mSet(values);
        assertThat(redis.mGet("m1", "nope", "m2")).containsExactly("x", null, "y");

        assertThat(redis.incr("n")).isEqualTo(1);
        assertThat(redis.incrBy("n", 10)).isEqualTo(11);
        assertThat(redis.incrBy("n", -20)).isEqualTo(-9);
        assertThat(redis.get("n")).hasValue("-9");
    }

    @Test
    void lists() {
        assertThat(redis.rPush("l", "b", "c")).isEqualTo(2);
        assertThat(redis.lPush("l", "a", "z")).isEqualTo(4);      // z, a, b, c
        assertThat(redis.lRange("l", 0, -1)).containsExactly("z", "a", "b", "c");
        assertThat(redis.lLen("l")).isEqualTo(4);
        assertThat(redis.lIndex("l", -1)).hasValue("c");
        assertThat(redis.lIndex("l", 99)).isEmpty();
        redis.lSet("l", 1, "A");
        assertThat(redis.lPop("l")).hasValue("z");
        assertThat(redis.rPop("l")).hasValue("c");
        assertThat(redis.lRange("l", 0, -1)).containsExactly("A", "b");
        redis.rPush("l", "b", "x", "b");
        assertThat(redis.lRem("l", 0, "b")).isEqualTo(3);
        assertThat(redis.lRange("l", 0, -1)).containsExactly("A", "x");
        redis.lTrim("l", 1, -1);
        assertThat(redis.lRange("l", 0, -1)).containsExactly("x");
        assertThat(redis.lPop("empty")).isEmpty();
        assertThat(redis.rPop("empty")).isEmpty();
        assertThat(redis.lRange("empty", 0, -1)).isEmpty();
        assertThat(redis.lLen("empty")).isZero();
    }

    @Test
    void hashes() {
        assertThat(redis.hSet("h", "name", "Ann")).isTrue();
        assertThat(redis.hSet("h", "name", "Anna")).isFalse();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("city", "Oslo");
        fields.put("name", "Anne");
        assertThat(redis.hSet("h", fields)).isEqualTo(1);
        assertThat(redis.hSet("h", "bin", new byte[] {9, 8})).isTrue();
        assertThat(redis.hGet("h", "name")).hasValue("Anne");
        assertThat(redis.hGet("h", "nope")).isEmpty();
        assertThat(redis.hGetBytes("h", "bin")).hasValueSatisfying(b -> assertThat(b).containsExactly(9, 8));
        assertThat(redis.hMGet("h", "city", "nope", "name")).containsExactly("Oslo", null, "Anne");
        assertThat(redis.hIncrBy("h", "visits", 5)).isEqualTo(5);
        assertThat(redis.hIncrBy("h", "visits", 2)).isEqualTo(7);
        assertThat(redis.hLen("h")).isEqualTo(4);
        assertThat(redis.hExists("h", "city")).isTrue();
        assertThat(redis.hDel("h", "bin", "city", "nope")).isEqualTo(2);
        assertThat(redis.hGetAll("h")).containsOnly(Map.entry("name", "Anne"), Map.entry("visits", "7"));
        assertThat(redis.hExists("h", "city")).isFalse();
        assertThat(redis.hGetAll("missing")).isEmpty();
    }

    @Test
    void sets() {
        assertThat(redis.sAdd("s", "a", "b", "c", "a")).isEqualTo(3);
        assertThat(redis.sAdd("s", "c", "d")).isEqualTo(1);
        assertThat(redis.sMembers("s")).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(redis.sIsMember("s", "b")).isTrue();
        assertThat(redis.sIsMember("s", "z")).isFalse();
        assertThat(redis.sRem("s", "a", "z")).isEqualTo(1);
        assertThat(redis.sCard("s")).isEqualTo(3);
        Optional<String> popped = redis.sPop("s");
        assertThat(popped).hasValueSatisfying(v -> assertThat(v).isIn("b", "c", "d"));
        assertThat(redis.sMembers("s")).hasSize(2).doesNotContain(popped.get());
        assertThat(redis.sPop("missing")).isEmpty();
        assertThat(redis.sMembers("missing")).isEmpty();
    }

    @Test
    void sortedSets() {
        assertThat(redis.zAdd("z", 2, "two")).isTrue();
        assertThat(redis.zAdd("z", 2.5, "two")).isFalse();
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("one", 1.0);
        scores.put("three", 3.0);
        scores.put("two", 2.0);
        assertThat(redis.zAdd("z", scores)).isEqualTo(2);
        assertThat(redis.zScore("z", "two")).hasValue(2.0);
        assertThat(redis.zScore("z", "nope")).isEmpty();
        assertThat(redis.zRange("z", 0, -1)).containsExactly("one", "two", "three");
        assertThat(redis.zRevRange("z", 0, 1)).containsExactly("three", "two");
        assertThat(redis.zRangeWithScores("z", 0, 0)).containsExactly(new ScoredMember("one", 1.0));
        assertThat(redis.zRangeByScore("z", 1.5, 3)).containsExactly("two", "three");
        assertThat(redis.zRangeByScore("z", 0, 10, 1, 1)).containsExactly("two");
        assertThat(redis.zCount("z", 2, 3)).isEqualTo(2);
        assertThat(redis.zIncrBy("z", 5, "one")).isEqualTo(6.0);
        assertThat(redis.zRange("z", -1, -1)).containsExactly("one");
        assertThat(redis.zRem("z", "one", "nope")).isEqualTo(1);
        assertThat(redis.zCard("z")).isEqualTo(2);
        assertThat(redis.zRange("missing", 0, -1)).isEmpty();
    }

    @Test
    void streams() {
        assertThat(redis.xGroupCreate("events", "workers", "0", true)).as("created with mkStream").isTrue();
        assertThat(redis.xGroupCreate("events", "workers", "0", true)).as("already there").isFalse();
        String first = redis.xAdd("events", Map.of("type", "created", "id", "1"));
        String second = redis.xAdd("events", Map.of("type", "updated"));
        String third = redis.xAdd("events", Map.of("type", "deleted"));
        assertThat(first).matches("\\d+-\\d+");
        assertThat(redis.xLen("events")).isEqualTo(3);

        List<StreamEntry> all = redis.xRange("events", "-", "+");
        assertThat(all).extracting(StreamEntry::id).containsExactly(first, second, third);
        assertThat(all.get(0).fields()).containsOnly(Map.entry("type", "created"), Map.entry("id", "1"));
        assertThat(redis.xRange("events", second, "+", 1)).extracting(StreamEntry::id).containsExactly(second);

        List<StreamEntry> read = redis.xReadGroup("events", "workers", "w1", 2);
        assertThat(read).extracting(StreamEntry::id).containsExactly(first, second);
        assertThat(redis.xReadGroup("events", "workers", "w2", 10)).extracting(StreamEntry::id).containsExactly(third);
        assertThat(redis.xReadGroup("events", "workers", "w2", 10)).as("nothing new").isEmpty();
        assertThat(redis.xReadGroup("events", "workers", "w1", "0", 10)).as("w1's own pending entries")
                .extracting(StreamEntry::id).containsExactly(first, second);

        StreamPending pending = redis.xPending("events", "workers");
        assertThat(pending.count()).isEqualTo(3);
        assertThat(pending.lowestId()).isEqualTo(first);
        assertThat(pending.highestId()).isEqualTo(third);
        assertThat(pending.consumers()).containsOnly(Map.entry("w1", 2L), Map.entry("w2", 1L));

        assertThat(redis.xAck("events", "workers", first, second)).isEqualTo(2);
        assertThat(redis.xPending("events", "workers").count()).isEqualTo(1);

        List<StreamGroupInfo> groups = redis.xInfoGroups("events");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).isEqualTo(new StreamGroupInfo("workers", 2, 1, third));
        StreamInfo info = redis.xInfoStream("events");
        assertThat(info).isEqualTo(new StreamInfo(3, 1, third, first, third));

        assertThat(redis.xDel("events", first, "1-1")).isEqualTo(1);
        assertThat(redis.xTrim("events", 1)).isEqualTo(1);
        assertThat(redis.xRange("events", "-", "+")).extracting(StreamEntry::id).containsExactly(third);
        assertThat(redis.xGroupDestroy("events", "workers")).isTrue();
        assertThat(redis.xGroupDestroy("events", "workers")).isFalse();
        assertThat(redis.xInfoGroups("events")).isEmpty();

        redis.xAdd("empty", Map.of("k", "v"));
        redis.xTrim("empty", 0);
        StreamInfo empty = redis.xInfoStream("empty");
        assertThat(empty.length()).isZero();
        assertThat(empty.firstEntryId()).isNull();
        assertThat(redis.xGroupCreate("empty", "g", "$", false)).isTrue();
        StreamPending none = redis.xPending("empty", "g");
        assertThat(none.count()).isZero();
        assertThat(none.lowestId()).isNull();
        assertThat(none.consumers()).isEmpty();
    }

    @Test
    void scripts() {
        assertThat(redis.eval("return 42", List.of())).isEqualTo(42L);
        assertThat(redis.eval("return redis.call('SET', KEYS[1], ARGV[1])", List.of("k"), "välue"))
                .isEqualTo("OK");
        assertThat(redis.get("k")).hasValue("välue");
        assertThat(redis.eval("return redis.call('GET', KEYS[1])", List.of("k"))).isEqualTo("välue");
        assertThat(redis.eval("return {1, 'two', {3, {}}, {{4}}, 5}", null))
                .isEqualTo(List.of(1L, "two", List.of(3L, List.of()), List.of(List.of(4L)), 5L));
        assertThat(redis.eval("return {42}", List.of())).isEqualTo(List.of(42L));
        assertThat(redis.eval("return 'x'", List.of())).isEqualTo("x");
        assertThat(redis.eval("return 2.9", List.of())).isEqualTo(2L);
        assertThat(redis.eval("return nil", List.of())).isNull();
        assertThat(redis.eval("return false", List.of())).isNull();
        assertThat(redis.eval("return true", List.of())).isEqualTo(1L);
        assertThat(redis.eval("return {1, nil, 3}", List.of())).isEqualTo(List.of(1L));
        assertThat(redis.eval("return redis.call('HGETALL', KEYS[1])", List.of("none"))).isEqualTo(List.of());
        assertThat(redis.eval("return ARGV", List.of(), "a", "b")).isEqualTo(List.of("a", "b"));

        String sha = redis.scriptLoad("return ARGV[1] .. ARGV[2]");
        assertThat(sha).hasSize(40);
        assertThat(redis.scriptExists(sha)).isTrue();
        assertThat(redis.scriptExists("0".repeat(40))).isFalse();
        assertThat(redis.evalSha(sha, List.of(), "a", "b")).isEqualTo("ab");
    }

    @Test
    void upstreamParityCommands() {
        assertThat(redis.hSetNX("h", "f", "first")).isTrue();
        assertThat(redis.hSetNX("h", "f", "second")).as("the field exists").isFalse();
        assertThat(redis.hGet("h", "f")).contains("first");

        assertThat(redis.incrWithExpire("visits", Duration.ofMinutes(10))).isEqualTo(1);
        Duration ttl = redis.ttl("visits").orElseThrow();
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(redis.incrByWithExpire("visits", 5, Duration.ofHours(5))).isEqualTo(6);
        assertThat(redis.ttl("visits").orElseThrow()).as("later increments keep the first expiry")
                .isLessThanOrEqualTo(Duration.ofMinutes(10));
        redis.set("forever", "41");
        assertThat(redis.incrWithExpire("forever", Duration.ofMinutes(1))).isEqualTo(42);
        assertThat(redis.ttl("forever")).as("a counter without expiry gets one").isPresent();

        redis.zAdd("z", Map.of("low", 1.0, "mid", 5.0, "high", 9.5));
        assertThat(redis.zRevRangeWithScores("z", 0, 1)).containsExactly(new ScoredMember("high", 9.5),
                new ScoredMember("mid", 5.0));
        assertThat(redis.zRevRangeWithScores("missing", 0, -1)).isEmpty();

        redis.sAdd("s", "a", "b", "c", "d");
        Set<String> popped = redis.sPop("s", 3);
        assertThat(popped).hasSize(3).isSubsetOf("a", "b", "c", "d");
        assertThat(redis.sPop("s", 10)).hasSize(1).doesNotContainAnyElementsOf(popped);
        assertThat(redis.sPop("s", 2)).isEmpty();
        assertThat(redis.sPop("missing", 2)).isEmpty();

        redis.rPush("queue", "1", "2", "3");
        assertThat(redis.lMove("queue", "done", ListSide.LEFT, ListSide.RIGHT)).contains("1");
        assertThat(redis.lMove("queue", "done", ListSide.RIGHT, ListSide.LEFT)).contains("3");
        assertThat(redis.lRange("done", 0, -1)).containsExactly("3", "1");
        assertThat(redis.lMove("queue", "queue", ListSide.LEFT, ListSide.RIGHT)).as("rotation").contains("2");
        assertThat(redis.lMove("empty", "done", ListSide.LEFT, ListSide.LEFT)).isEmpty();

        assertThatThrownBy(() -> redis.sPop("s", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPOP count must be at least 1");
        assertThatThrownBy(() -> redis.incrWithExpire("visits", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> redis.hSetNX("h", null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> redis.lMove("queue", "done", null, ListSide.LEFT))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> redis.incrWithExpire("h", Duration.ofSeconds(1)))
                .isInstanceOf(RedisCommandException.class).hasMessageContaining("incr-with-expire h");
    }

    @Test
    void serverInfo() {
        assertThat(redis.info("server")).contains("redis_version:" + redis.serverVersion());
        assertThat(redis.info()).contains("# Server").contains("# Keyspace");
        redis.set("x", "1");
        assertThat(redis.dbSize()).isEqualTo(1);
        redis.flushDb();
        assertThat(redis.dbSize()).isZero();
    }

    @Nested
    class RateLimiter {

        @Test
        void allowsUpToTheLimitPerKeyThenRejects() {
            List<Boolean> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(redis.rateLimit("rl:login:ann", 3, Duration.ofMinutes(1)));
            }
            assertThat(answers).containsExactly(true, true, true, false, false);
            assertThat(redis.rateLimit("rl:login:bob", 3, Duration.ofMinutes(1))).as("another key").isTrue();
            assertThat(redis.zCard("rl:login:ann")).as("rejected requests are not counted").isEqualTo(3);
            assertThat(redis.ttl("rl:login:ann")).hasValueSatisfying(ttl ->
                    assertThat(ttl).isLessThanOrEqualTo(Duration.ofMinutes(1)));
        }

        @Test
        void theWindowSlides() {
            Duration window = Duration.ofMinutes(1);
            assertThat(redis.rateLimit("rl:slide", 2, window)).isTrue();
            assertThat(redis.rateLimit("rl:slide", 2, window)).isTrue();
            assertThat(redis.rateLimit("rl:slide", 2, window)).isFalse();
            // Age the recorded requests instead of sleeping: each is a member scored with the server
            // time (ms) it was allowed at, so moving the scores back a window plus a second is what
            // the clock would have done.
            for (String member : redis.zRange("rl:slide", 0, -1)) {
                redis.zIncrBy("rl:slide", -(window.toMillis() + 1_000), member);
            }
            assertThat(redis.rateLimit("rl:slide", 2, window)).as("old requests left the window").isTrue();
            assertThat(redis.zCard("rl:slide")).as("the aged requests were dropped").isEqualTo(1);
        }

        @Test
        void isAtomicUnderConcurrency() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    answers.add(pool.submit(() -> redis.rateLimit("rl:burst", 25, Duration.ofMinutes(1))));
                }
                long allowed = 0;
                for (Future<Boolean> answer : answers) {
                    allowed += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(allowed).isEqualTo(25);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void rejectsNonsenseArguments() {
            assertThatThrownBy(() -> redis.rateLimit("k", 0, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> redis.rateLimit("k", 1, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        }
    }

    @Nested
    class Errors {

        @Test
        void wrongTypeNamesPoolCommandAndKey() {
            redis.set("plain", "v");
            assertThatThrownBy(() -> redis.lPush("plain", "x"))
                    .isInstanceOfSatisfying(RedisCommandException.class, e -> {
                        assertThat(e.pool()).isEqualTo("default");
                        assertThat(e.command()).isEqualTo("LPUSH");
                    })
                    .hasMessageContaining("Redis pool 'default'")
                    .hasMessageContaining("LPUSH plain")
                    .hasMessageContaining("WRONGTYPE")
                    .hasMessageContaining("holds another data type")
                    .hasCauseInstanceOf(io.lettuce.core.RedisCommandExecutionException.class);
            assertThatThrownBy(() -> redis.hGetAll("plain")).isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("HGETALL plain");
            assertThat(redis.get("plain")).as("the connection still works").hasValue("v");
        }

        @Test
        void serverErrorsAreRedisCommandExceptions() {
            redis.rPush("l", "a");
            assertThatThrownBy(() -> redis.lSet("l", 5, "x")).isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("LSET l").hasMessageContaining("index out of range");
            assertThatThrownBy(() -> redis.eval("return redis.call('NOPE')", List.of("k")))
                    .isInstanceOfSatisfying(RedisCommandException.class, e -> assertThat(e.command()).isEqualTo("EVAL"));
            assertThatThrownBy(() -> redis.evalSha("0".repeat(40), List.of()))
                    .isInstanceOf(RedisCommandException.class).hasMessageContaining("NOSCRIPT");
            assertThatThrownBy(() -> redis.xReadGroup("nostream", "nogroup", "c", 1))
                    .isInstanceOf(RedisCommandException.class).hasMessageContaining("XREADGROUP nostream");
            redis.set("n", "not a number");
            assertThatThrownBy(() -> redis.incr("n")).isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("INCRBY n");
        }

        @Test
        void badArgumentsFailBeforeAnythingIsSent() {
            assertThatThrownBy(() -> redis.get(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key must not be null");
            assertThatThrownBy(() -> redis.set("k", (String) null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("del(key)");
            assertThatThrownBy(() -> redis.del()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DEL needs at least one key");
            assertThatThrownBy(() -> redis.lPush("k")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.hSet("k", Map.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.expire("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.xRange("s", "", "+")).isInstanceOf(IllegalArgumentException.class);
            assertThat(redis.dbSize()).isZero();
        }

        @Test
        void aClosedPoolIsUnavailable() {
            Engine other = new Registry().registerRedis("spare", REDIS + ":4", null).validate();
            RedisPool spare = other.redis("spare");
            other.close();
            assertThatThrownBy(() -> spare.get("k"))
                    .isInstanceOfSatisfying(PoolUnavailableException.class, e -> assertThat(e.pool()).isEqualTo("spare"))
                    .hasMessageContaining("Redis pool 'spare'").hasMessageContaining("GET k");
            RedisPipeline pipeline = spare.pipeline();
            PipelineResult<Long> result = pipeline.incr("k");
            assertThatThrownBy(pipeline::exec).isInstanceOf(PoolUnavailableException.class)
                    .hasMessageContaining("Redis pool 'spare'");
            assertThat(result.failed()).isTrue();
        }
    }

    @Nested
    class QueryLogging {

        @Test
        void commandsThroughAContextAreLoggedWithPoolOperationAndMissFlag() {
            Context ctx = engine.newContext();
            ctx.setMetaData("job", "import");
            List<QueryEvent> events = new ArrayList<>();
            ctx.registerQueryLogger(events::add, false, true, false);
            RedisPool pool = ctx.redis("default");
            pool.set("user:1", "Ann");
            pool.get("user:1");
            pool.get("user:2");
            pool.hGetAll("nothing");
            pool.lPush("list", "a");

            assertThat(events).extracting(QueryEvent::operation).containsExactly("SET", "GET", "GET", "HGETALL", "LPUSH");
            assertThat(events).extracting(QueryEvent::query)
                    .containsExactly("SET user:1", "GET user:1", "GET user:2", "HGETALL nothing", "LPUSH list");
            assertThat(events).extracting(QueryEvent::cacheMiss).containsExactly(false, false, true, true, false);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo(QuerySource.REDIS);
                assertThat(e.pool()).isEqualTo("default");
                assertThat(e.error()).isNull();
                assertThat(e.micros()).isNotNegative();
                assertThat(e.metaData()).containsEntry("job", "import");
            });
            assertThat(events.get(0).query()).as("values are never logged").doesNotContain("Ann");
        }

        @Test
        void failuresAreLoggedWithTheirError() {
            Context ctx = engine.newContext();
            List<QueryEvent> events = new ArrayList<>();
            ctx.registerQueryLogger(events::add, false, true, false);
            ctx.redis("default").set("k", "v");
            assertThatThrownBy(() -> ctx.redis("default").sAdd("k", "m")).isInstanceOf(RedisCommandException.class);
            assertThat(events).hasSize(2);
            assertThat(events.get(1).operation()).isEqualTo("SADD");
            assertThat(events.get(1).error()).isInstanceOf(RedisCommandException.class);
        }

        @Test
        void aContextThatDoesNotListenForRedisLogsNothingOfItsOwn() {
            Context ctx = engine.newContext();
            List<QueryEvent> events = new ArrayList<>();
            ctx.registerQueryLogger(events::add, true, false, true);
            ctx.redis("default").set("k", "v");
            assertThat(events).isEmpty();
        }

        @Test
        void engineLevelHandlersSeeEngineAndContextCommands() {
            redis.mGet("a", "b");
            engine.newContext().redis("default").incr("counter");
            assertThat(ENGINE_EVENTS).extracting(QueryEvent::query).containsExactly("MGET a b", "INCRBY counter");
            assertThat(ENGINE_EVENTS.get(0).cacheMiss()).isTrue();
        }

        @Test
        void manyKeysAreShortenedInTheLog() {
            String[] keys = IntStream.range(0, 25).mapToObj(i -> "k" + i).toArray(String[]::new);
            redis.del(keys);
            String query = ENGINE_EVENTS.get(0).query();
            assertThat(query).startsWith("DEL k0 k1").contains("k9").doesNotContain("k10").endsWith("(25 keys)");
        }
    }
}
