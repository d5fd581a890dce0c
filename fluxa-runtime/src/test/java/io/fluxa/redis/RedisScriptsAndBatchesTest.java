package io.fluxa.redis;

import io.fluxa.Context;
import io.fluxa.RedisCommandException;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QueryLogger;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API the ORM builds on (Redis db 6): described scripts run by SHA with a NOSCRIPT fallback,
 * raw-byte hashes, batches sent in one write and waited for or left to complete in the background.
 */
class RedisScriptsAndBatchesTest extends LeasedRedisTest {

    private static final RedisScript FILL = RedisScript.of("fill", """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """);
    private static final RedisScript FAILS = RedisScript.of("fails", "return redis.error_reply('BROKEN on purpose')");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aScriptHasTheServersShaWithoutAskingTheServer() {
        assertThat(FILL.sha()).isEqualTo(redis.scriptLoad(FILL.source()));
        assertThat(FILL.name()).isEqualTo("fill");
        assertThatThrownBy(() -> RedisScript.of(" ", "return 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> RedisScript.of("empty", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'empty' has no source");
    }

    @Test
    void aScriptIsSentOnceThenRunBySha() {
        RedisScript counter = RedisScript.of("counter", "return redis.call('INCRBY', KEYS[1], ARGV[1]) -- "
                + System.nanoTime()); // unique source: never cached on this pool before
        Context ctx = engine.newContext();
        {
            List<QueryEvent> events = new ArrayList<>();
            ctx.registerQueryLogger(events::add, false, true, false);
            RedisPool logged = ctx.redis("default");
            assertThat(logged.eval(counter, List.of("n"), "2")).isEqualTo(2L);
            assertThat(logged.eval(counter, List.of("n"), utf8("3"))).isEqualTo(5L);
            assertThat(events).extracting(QueryEvent::operation).containsExactly("EVAL", "EVALSHA");
            assertThat(events).extracting(QueryEvent::query).containsExactly("EVAL counter n", "EVALSHA counter n");
        }
    }

    @Test
    void anUnknownShaFallsBackToTheSourceOnThePoolInPipelinesAndInTheBackground() {
        redis.eval(FILL, List.of("warm"), "f", "v"); // the pool now runs FILL by SHA
        redis.connection().sync().scriptFlush(); // what a restarted or failed-over server looks like

        assertThat(redis.eval(FILL, List.of("a"), utf8("f"), utf8("1"))).isEqualTo(1L);

        redis.connection().sync().scriptFlush();
        RedisPipeline p = redis.pipeline();
        PipelineResult<Object> filled = p.eval(FILL, List.of("b"), utf8("f"), utf8("2"));
        PipelineResult<Object> again = p.eval(FILL, List.of("b"), utf8("f"), utf8("3"));
        p.exec();
        assertThat(filled.get()).isEqualTo(1L);
        assertThat(again.get()).isEqualTo(0L);
        assertThat(redis.hGet("b", "f")).contains("2");

        redis.connection().sync().scriptFlush();
        RedisPipeline background = redis.pipeline();
        background.eval(FILL, List.of("c"), utf8("f"), utf8("4"));
        background.execInBackground();
        awaitField("c", "f", "4");
    }

    @Test
    void scriptErrorsAreCommandErrorsNamingPoolAndScript() {
        assertThatThrownBy(() -> redis.eval(FAILS, List.of("k")))
                .isInstanceOfSatisfying(RedisCommandException.class, e -> {
                    assertThat(e.pool()).isEqualTo("default");
                    assertThat(e.command()).isEqualTo("EVAL");
                })
                .hasMessageContaining("Redis pool 'default' rejected EVAL fails k: BROKEN on purpose");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Object> failed = p.eval(FAILS, List.of("k"));
        PipelineResult<Long> fine = p.hSetBytes("h", Map.of("f", utf8("v")));
        assertThatThrownBy(p::exec).isInstanceOf(RedisCommandException.class)
                .hasMessageContaining("1 of 2 commands failed")
                .hasMessageContaining("fails k: BROKEN on purpose");
        assertThat(failed.failed()).isTrue();
        assertThat(fine.get()).isEqualTo(1L);
    }

    @Test
    void rawByteHashesRoundTripOnThePoolAndInPipelines() {
        byte[] binary = {0, (byte) 0xff, 0x7f, (byte) 0x80};
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("a", binary);
        fields.put("b", utf8("text"));
        assertThat(redis.hSetBytes("h", fields)).isEqualTo(2L);
        Map<String, byte[]> read = redis.hGetAllBytes("h");
        assertThat(read).containsOnlyKeys("a", "b");
        assertThat(read.get("a")).isEqualTo(binary);
        assertThat(redis.hGetAllBytes("missing")).isEmpty();

        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> set = p.hSetBytes("h2", Map.of("x", binary));
        PipelineResult<Map<String, byte[]>> all = p.hGetAllBytes("h2");
        PipelineResult<Map<String, byte[]>> none = p.hGetAllBytes("missing");
        p.exec();
        assertThat(set.get()).isEqualTo(1L);
        assertThat(all.get().get("x")).isEqualTo(binary);
        assertThat(none.get()).isEmpty();

        assertThatThrownBy(() -> redis.hSetBytes("h", Map.of())).isInstanceOf(IllegalArgumentException.class);
        Map<String, byte[]> withNull = new LinkedHashMap<>();
        withNull.put("f", null);
        assertThatThrownBy(() -> p.hSetBytes("h", withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
        assertThat(p.size()).isZero();
    }

    @Test
    void numberedHashesKeepNumberedFieldsByNumberAndNamedOnesByPosition() {
        NumberedHash.Layout layout = NumberedHash.Layout.of(4, "g", "nf");
        byte[] binary = {0, (byte) 0xff, 0x7f, (byte) 0x80};
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("0", utf8("zero"));
        fields.put("3", binary);
        fields.put("g", utf8("7"));
        fields.put("4", utf8("beyond the layout"));
        fields.put("01", utf8("a leading zero is a name"));
        fields.put("other", utf8("not kept"));
        fields.put("2", new byte[0]);
        redis.hSetBytes("numbered", fields);

        NumberedHash read = redis.hGetAllNumbered("numbered", layout);
        assertThat(read.size()).isEqualTo(7);
        assertThat(read.isEmpty()).isFalse();
        assertThat(read.get(0)).isEqualTo(utf8("zero"));
        assertThat(read.get(1)).isNull();
        assertThat(read.get(2)).isEmpty();
        assertThat(read.get(3)).isEqualTo(binary);
        assertThat(read.named(0)).isEqualTo(utf8("7"));
        assertThat(read.named(1)).isNull();
        assertThat(redis.hGetAllNumbered("missing", layout).isEmpty()).isTrue();

        RedisPipeline p = redis.pipeline();
        List<PipelineResult<NumberedHash>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            p.hSetBytes("numbered:" + i, Map.of("1", utf8("row " + i), "nf", new byte[0]));
            replies.add(p.hGetAllNumbered("numbered:" + i, layout));
        }
        PipelineResult<NumberedHash> none = p.hGetAllNumbered("missing", layout);
        p.exec();
        for (int i = 0; i < 200; i++) {
            assertThat(replies.get(i).get().get(1)).isEqualTo(utf8("row " + i));
            assertThat(replies.get(i).get().named(1)).isEmpty();
        }
        assertThat(none.get().isEmpty()).isTrue();

        redis.set("plain-for-hash", "v");
        assertThatThrownBy(() -> redis.hGetAllNumbered("plain-for-hash", layout))
                .isInstanceOf(RedisCommandException.class).hasMessageContaining("WRONGTYPE");
        assertThatThrownBy(() -> NumberedHash.Layout.of(2, "g", "12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field name '12' is a number");
        assertThatThrownBy(() -> NumberedHash.Layout.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(layout.numbered()).isEqualTo(4);
        assertThat(layout.names()).containsExactly("g", "nf");
    }

    /**
     * The pools negotiate RESP3 with Redis 6 and later, where {@code HGETALL} answers with a map; older
     * servers (and proxies that speak only RESP2) answer with a flat array. The output must read both.
     */
    @Test
    void numberedHashesReadTheSameOverResp2() {
        NumberedHash.Layout layout = NumberedHash.Layout.of(3, "g");
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("2", utf8("two"));
        fields.put("g", utf8("5"));
        fields.put("0", new byte[0]);
        fields.put("9", utf8("beyond the layout"));
        redis.hSetBytes("numbered", fields);

        RedisClient client = RedisClient.create(RedisAddress.parse(RedisCommandsTest.REDIS_ADDRESS).toRedisUri());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        try (StatefulRedisConnection<String, byte[]> resp2 = client.connect(LettuceRedisPool.CODEC)) {
            assertThat(resp2.sync().clientInfo()).contains("resp=2");
            NumberedHash read = hGetAllNumbered(resp2, "numbered", layout);
            assertThat(read.size()).isEqualTo(4);
            assertThat(read.get(0)).isEmpty();
            assertThat(read.get(1)).isNull();
            assertThat(read.get(2)).isEqualTo(utf8("two"));
            assertThat(read.named(0)).isEqualTo(utf8("5"));
            assertThat(hGetAllNumbered(resp2, "missing", layout).isEmpty()).isTrue();
        } finally {
            client.shutdown();
        }
    }

    private static NumberedHash hGetAllNumbered(StatefulRedisConnection<String, byte[]> connection, String key,
            NumberedHash.Layout layout) {
        return connection.sync().dispatch(CommandType.HGETALL, new NumberedHashOutput(layout),
                new CommandArgs<>(LettuceRedisPool.CODEC).addKey(key));
    }

    @Test
    void manyReadsGoOutInOneBatchAndComeBackInOrder() {
        RedisPipeline fill = redis.pipeline();
        for (int i = 0; i < 1_000; i++) {
            fill.hSetBytes("row:" + i, Map.of("id", utf8(Integer.toString(i))));
        }
        fill.exec();
        RedisPipeline read = redis.pipeline();
        List<PipelineResult<Map<String, byte[]>>> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(read.hGetAllBytes("row:" + i));
        }
        read.exec();
        for (int i = 0; i < 1_000; i++) {
            assertThat(new String(rows.get(i).get().get("id"), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void backgroundBatchesTakeEffectWithoutWaitingAndSwallowFailures() {
        redis.set("plain", "v");
        RedisPipeline p = redis.pipeline();
        PipelineResult<Long> wrong = p.lPush("plain", "x"); // WRONGTYPE: logged, not thrown
        p.hSetBytes("later", Map.of("f", utf8("done")));
        p.execInBackground();
        assertThat(p.size()).isZero();
        awaitField("later", "f", "done");
        assertThat(wrong.isDone()).isFalse();
        assertThat(redis.get("plain")).contains("v");
    }

    @Test
    void aPoolViewWithAnotherLoggerReportsThere() {
        List<String> mine = new ArrayList<>();
        Context ctx = engine.newContext();
        {
            List<QueryEvent> contextEvents = new ArrayList<>();
            ctx.registerQueryLogger(contextEvents::add, false, true, false);
            RedisPool quiet = ctx.redis("default").withQueryLogger(QueryLogger.NONE);
            quiet.set("a", "1");
            RedisPipeline quietPipeline = quiet.pipeline();
            quietPipeline.get("a");
            quietPipeline.exec();
            assertThat(contextEvents).isEmpty();
            RedisPool collecting = redis.withQueryLogger(new QueryLogger() {
                @Override
                public boolean enabled(io.fluxa.log.QuerySource source) {
                    return true;
                }

                @Override
                public void log(io.fluxa.log.QuerySource source, String pool, String operation, String query,
                        long startNanos, boolean cacheMiss, Throwable error) {
                    mine.add(query);
                }
            });
            collecting.get("a");
            assertThat(collecting.code()).isEqualTo("default");
        }
        assertThat(mine).containsExactly("GET a");
    }

    /** Polls (bounded) until a field written by a background batch is visible. */
    private static void awaitField(String key, String field, String expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!redis.hGet(key, field).map(expected::equals).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("field " + field + " of " + key + " never became " + expected);
            }
            Thread.onSpinWait();
        }
    }
}
