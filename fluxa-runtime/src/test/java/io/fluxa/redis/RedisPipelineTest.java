package io.fluxa.redis;

import io.fluxa.Context;
import io.fluxa.RedisCommandException;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redis pipelines on a real server (the Redis database this test JVM leased): results, failures, reuse, threads, logging. */
class RedisPipelineTest extends LeasedRedisTest {

    @Test
    void runsManyCommandsInOneExecAndHandsBackTypedResults() {
        redis.set("existing", "old");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Void> set = p.set("a", "1");
        PipelineResult<Long> incr = p.incr("a");
        PipelineResult<Optional<String>> get = p.get("a");
        PipelineResult<Optional<String>> missing = p.get("missing");
        PipelineResult<Optional<String>> swapped = p.getSet("existing", "new");
        PipelineResult<Long> pushed = p.rPush("list", "x", "y", "z");
        PipelineResult<List<String>> range = p.lRange("list", 0, -1);
        PipelineResult<Long> hashed = p.hSet("h", Map.of("f1", "v1", "f2", "v2"));
        PipelineResult<Map<String, String>> hash = p.hGetAll("h");
        PipelineResult<Long> added = p.sAdd("s", "m1", "m2");
        PipelineResult<Boolean> member = p.sIsMember("s", "m2");
        PipelineResult<Boolean> zadded = p.zAdd("z", 1.5, "one");
        PipelineResult<Optional<Double>> score = p.zScore("z", "one");
        PipelineResult<String> id = p.xAdd("stream", Map.of("k", "v"));
        PipelineResult<Long> len = p.xLen("stream");
        PipelineResult<Object> script = p.eval("return #KEYS", List.of("a", "b"));
        PipelineResult<Boolean> limited = p.rateLimit("rl", 1, Duration.ofMinutes(1));
        PipelineResult<Boolean> limitedAgain = p.rateLimit("rl", 1, Duration.ofMinutes(1));
        PipelineResult<Boolean> expired = p.expire("a", Duration.ofMinutes(5));
        PipelineResult<List<String>> values = p.mGet("a", "existing", "missing");
        assertThat(p.size()).isEqualTo(20);
        assertThat(incr.isDone()).isFalse();
        assertThat(redis.exists("a")).as("nothing is sent before exec()").isZero();

        p.exec();

        assertThat(p.size()).isZero();
        assertThat(set.get()).isNull();
        assertThat(incr.get()).isEqualTo(2);
        assertThat(get.get()).hasValue("2");
        assertThat(missing.get()).isEmpty();
        assertThat(swapped.get()).hasValue("old");
        assertThat(pushed.get()).isEqualTo(3);
        assertThat(range.get()).containsExactly("x", "y", "z");
        assertThat(hashed.get()).isEqualTo(2);
        assertThat(hash.get()).containsOnly(Map.entry("f1", "v1"), Map.entry("f2", "v2"));
        assertThat(added.get()).isEqualTo(2);
        assertThat(member.get()).isTrue();
        assertThat(zadded.get()).isTrue();
        assertThat(score.get()).hasValue(1.5);
        assertThat(id.get()).matches("\\d+-\\d+");
        assertThat(len.get()).isEqualTo(1);
        assertThat(script.get()).isEqualTo(2L);
        assertThat(limited.get()).isTrue();
        assertThat(limitedAgain.get()).isFalse();
        assertThat(expired.get()).isTrue();
        assertThat(values.get()).containsExactly("2", "new", null);
        assertThat(List.of(set, incr, get, values)).allMatch(r -> r.isDone() && !r.failed());
        assertThat(redis.get("existing")).hasValue("new");
    }

    @Test
    void upstreamParityCommandsInAPipeline() {
        redis.zAdd("z", Map.of("low", 1.0, "high", 9.0));
        redis.sAdd("s", "a", "b", "c");
        redis.rPush("queue", "1", "2");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Boolean> set = p.hSetNX("h", "f", "first");
        PipelineResult<Boolean> again = p.hSetNX("h", "f", "second");
        PipelineResult<Long> counted = p.incrWithExpire("c", Duration.ofMinutes(1));
        PipelineResult<Long> countedMore = p.incrByWithExpire("c", 4, Duration.ofMinutes(1));
        PipelineResult<List<ScoredMember>> top = p.zRevRangeWithScores("z", 0, 0);
        PipelineResult<Set<String>> popped = p.sPop("s", 2);
        PipelineResult<Optional<String>> moved = p.lMove("queue", "done", ListSide.RIGHT, ListSide.LEFT);
        PipelineResult<Optional<String>> nothing = p.lMove("missing", "done", ListSide.LEFT, ListSide.LEFT);
        p.exec();
        assertThat(set.get()).isTrue();
        assertThat(again.get()).isFalse();
        assertThat(counted.get()).isEqualTo(1);
        assertThat(countedMore.get()).isEqualTo(5);
        assertThat(redis.ttl("c")).isPresent();
        assertThat(top.get()).containsExactly(new ScoredMember("high", 9.0));
        assertThat(popped.get()).hasSize(2).isSubsetOf("a", "b", "c");
        assertThat(moved.get()).contains("2");
        assertThat(nothing.get()).isEmpty();
        assertThat(redis.lRange("done", 0, -1)).containsExactly("2");
    }

    @Test
    void oneFailingCommandDoesNotStopTheOthers() {
        redis.set("plain", "v");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> before = p.incr("counter");
        PipelineResult<Long> wrong = p.lPush("plain", "x");
        PipelineResult<Void> after = p.set("after", "yes");
        PipelineResult<Long> wrongToo = p.sAdd("plain", "m");

        assertThatThrownBy(p::exec)
                .isInstanceOfSatisfying(RedisCommandException.class, e -> {
                    assertThat(e.pool()).isEqualTo("default");
                    assertThat(e.command()).isEqualTo("LPUSH");
                    assertThat(e.getSuppressed()).hasSize(1);
                    assertThat(e.getSuppressed()[0]).hasMessageContaining("SADD plain");
                })
                .hasMessageContaining("Redis pool 'default' pipeline: 2 of 4 commands failed")
                .hasMessageContaining("command 2")
                .hasMessageContaining("LPUSH plain")
                .hasMessageContaining("WRONGTYPE");

        assertThat(before.get()).isEqualTo(1);
        assertThat(after.get()).isNull();
        assertThat(redis.get("after")).hasValue("yes");
        assertThat(wrong.failed()).isTrue();
        assertThatThrownBy(wrong::get).isInstanceOf(RedisCommandException.class).hasMessageContaining("LPUSH plain");
        assertThatThrownBy(wrongToo::get).isInstanceOfSatisfying(RedisCommandException.class,
                e -> assertThat(e.command()).isEqualTo("SADD"));
        assertThat(p.size()).as("executed commands are not kept").isZero();
    }

    @Test
    void anEmptyPipelineDoesNothing() {
        RedisPipeline p = redis.pipeline();
        Context ctx = engine.newContext();
        List<QueryEvent> events = new ArrayList<>();
        ctx.registerQueryLogger(events::add, false, true, false);
        RedisPipeline logged = ctx.redisPipeline("default");
        p.exec();
        logged.exec();
        assertThat(p.size()).isZero();
        assertThat(events).as("an empty exec sends and logs nothing").isEmpty();
    }

    @Test
    void canBeReusedAfterExec() {
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> first = p.incr("n");
        p.exec();
        PipelineResult<Long> second = p.incr("n");
        PipelineResult<Long> third = p.incr("n");
        assertThat(p.size()).isEqualTo(2);
        assertThat(second.isDone()).isFalse();
        p.exec();
        assertThat(first.get()).as("earlier results stay readable").isEqualTo(1);
        assertThat(second.get()).isEqualTo(2);
        assertThat(third.get()).isEqualTo(3);
        p.exec();
        assertThat(redis.get("n")).as("commands are sent once").hasValue("3");
    }

    @Test
    void sendWritesNowAndTheReturnedWaitFillsTheResults() {
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> incr = p.incr("sent");
        Runnable replies = p.send();
        assertThat(p.size()).as("the pipeline is empty once sent").isZero();
        replies.run();
        assertThat(incr.get()).isEqualTo(1L);
    }

    @Test
    void aFailedCommandOfASentPipelineIsThrownByTheWait() {
        redis.set("text", "abc");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> incr = p.incr("text");
        Runnable replies = p.send();
        assertThatThrownBy(replies::run).isInstanceOf(RedisCommandException.class);
        assertThat(incr.failed()).isTrue();
    }

    @Test
    void resultsAreNotReadableBeforeExec() {
        RedisPipeline p = redis.pipeline();
        PipelineResult<Optional<String>> get = p.get("k");
        assertThatThrownBy(get::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET k").hasMessageContaining("exec()");
        assertThat(get.failed()).isFalse();
        assertThat(get).hasToString("GET k (not executed)");
    }

    @Test
    void badArgumentsAreRejectedWhenQueued() {
        RedisPipeline p = redis.pipeline();
        p.set("ok", "1");
        assertThatThrownBy(() -> p.set(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.hMGet("h")).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.size()).isEqualTo(1);
        p.exec();
        assertThat(redis.get("ok")).hasValue("1");
    }

    @Test
    void coversEveryCommandGroup() {
        redis.xGroupCreate("st", "g", "0", true);
        redis.xAdd("st", Map.of("a", "1"));
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> dels = p.del("nothing");
        PipelineResult<Long> exists = p.exists("st");
        PipelineResult<String> type = p.type("st");
        PipelineResult<Boolean> nx = p.setNX("nx", "v", Duration.ofSeconds(30));
        PipelineResult<Optional<Duration>> ttl = p.ttl("nx");
        PipelineResult<Boolean> persisted = p.persist("nx");
        p.set("bytes", new byte[] {1, 2}, Duration.ofSeconds(30));
        PipelineResult<Optional<byte[]>> bytes = p.getBytes("bytes");
        p.mSet(Map.of("m", "1"));
        PipelineResult<Long> incrBy = p.incrBy("m", 4);
        p.lPush("l", "a", "b");
        PipelineResult<Optional<String>> lPop = p.lPop("l");
        PipelineResult<Long> lLen = p.lLen("l");
        PipelineResult<Boolean> hSet = p.hSet("h", "f", "v");
        PipelineResult<Optional<String>> hGet = p.hGet("h", "f");
        PipelineResult<Long> hIncr = p.hIncrBy("h", "n", 3);
        PipelineResult<Long> hLen = p.hLen("h");
        p.sAdd("s", "x");
        PipelineResult<java.util.Set<String>> members = p.sMembers("s");
        p.zAdd("z", Map.of("a", 1.0, "b", 2.0));
        PipelineResult<List<String>> zRange = p.zRangeByScore("z", 2, 5);
        PipelineResult<Double> zIncr = p.zIncrBy("z", 1, "a");
        PipelineResult<List<StreamEntry>> read = p.xReadGroup("st", "g", "c", 10);
        PipelineResult<StreamPending> pending = p.xPending("st", "g");
        p.exec();
        assertThat(dels.get()).isZero();
        assertThat(exists.get()).isEqualTo(1);
        assertThat(type.get()).isEqualTo("stream");
        assertThat(nx.get()).isTrue();
        assertThat(ttl.get()).isPresent();
        assertThat(persisted.get()).isTrue();
        assertThat(bytes.get()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        assertThat(incrBy.get()).isEqualTo(5);
        assertThat(lPop.get()).hasValue("b");
        assertThat(lLen.get()).isEqualTo(1);
        assertThat(hSet.get()).isTrue();
        assertThat(hGet.get()).hasValue("v");
        assertThat(hIncr.get()).isEqualTo(3);
        assertThat(hLen.get()).isEqualTo(2);
        assertThat(members.get()).containsExactly("x");
        assertThat(zRange.get()).containsExactly("b");
        assertThat(zIncr.get()).isEqualTo(2.0);
        assertThat(read.get()).hasSize(1);
        assertThat(pending.get().count()).isEqualTo(1);
    }

    @Test
    void pipelinesOnManyThreadsDoNotMixUpRepliesOrStallTheSharedConnection() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int round = 0; round < 20; round++) {
                    RedisPipeline p = redis.pipeline();
                    List<PipelineResult<Long>> results = new ArrayList<>();
                    String key = "t" + thread;
                    for (int i = 0; i < 25; i++) {
                        results.add(p.incr(key));
                    }
                    p.exec();
                    for (int i = 0; i < 25; i++) {
                        if (results.get(i).get() != round * 25L + i + 1) {
                            return false;
                        }
                    }
                    // single commands on the shared connection keep working meanwhile
                    if (!redis.get(key).equals(Optional.of(Long.toString((round + 1) * 25L)))) {
                        return false;
                    }
                }
                return true;
            });
        }
        expectAllTrueOnEightThreads(tasks);
        for (int t = 0; t < 16; t++) {
            assertThat(redis.get("t" + t)).hasValue("500");
        }
    }

    @Test
    void singleCommandPipelinesOnOtherThreadsNeverLandInsideABatch() throws Exception {
        // one-command pipelines share their turn on the pipeline connection; batches take it alone, so
        // the 25 INCRs of a batch stay together even while other threads INCR the same key
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean batches = t % 2 == 0;
            tasks.add(() -> {
                long last = 0;
                for (int round = 0; round < 25; round++) {
                    if (batches) {
                        RedisPipeline p = redis.pipeline();
                        List<PipelineResult<Long>> results = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            results.add(p.incr("mixed"));
                        }
                        p.exec();
                        for (int i = 1; i < 25; i++) {
                            if (results.get(i).get() != results.get(0).get() + i) {
                                return false;
                            }
                        }
                    } else {
                        for (int i = 0; i < 25; i++) {
                            RedisPipeline p = redis.pipeline();
                            PipelineResult<Long> result = p.incr("mixed");
                            p.exec();
                            if (result.get() <= last) {
                                return false;
                            }
                            last = result.get();
                        }
                    }
                }
                return true;
            });
        }
        expectAllTrueOnEightThreads(tasks);
        assertThat(redis.get("mixed")).hasValue(Long.toString(8 * 25 * 25L));
    }

    @Test
    void aContextPipelineIsLoggedAsOnePipelineEvent() {
        Context ctx = engine.newContext();
        List<QueryEvent> events = new ArrayList<>();
        ctx.registerQueryLogger(events::add, false, true, false);
        RedisPipeline p = ctx.redisPipeline("default");
        assertThat(p.pool().code()).isEqualTo("default");
        p.set("a", "1");
        p.get("b");
        p.hGetAll("c");
        p.exec();
        assertThat(events).hasSize(1);
        QueryEvent e = events.get(0);
        assertThat(e.source()).isEqualTo(QuerySource.REDIS);
        assertThat(e.pool()).isEqualTo("default");
        assertThat(e.operation()).isEqualTo("PIPELINE");
        assertThat(e.query()).isEqualTo("PIPELINE x3: SET a; GET b; HGETALL c");
        assertThat(e.error()).isNull();

        redis.set("str", "v");
        p.lPush("str", "x");
        assertThatThrownBy(p::exec).isInstanceOf(RedisCommandException.class);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).error()).isInstanceOf(RedisCommandException.class);
    }

    /** Runs the tasks on eight threads and expects every one to answer true within a minute. */
    private static void expectAllTrueOnEightThreads(List<Callable<Boolean>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (Callable<Boolean> task : tasks) {
                checks.add(threads.submit(task));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
