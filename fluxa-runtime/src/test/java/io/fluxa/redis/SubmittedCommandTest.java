package io.fluxa.redis;

import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.Registry;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Commands the API does not cover, sent with {@link RedisPool#submit}: they are the pool's commands
 * (same error mapping, circuit breaker and query loggers) while the caller decides when to wait.
 */
class SubmittedCommandTest extends LeasedRedisTest {

    @Test
    void commandsSubmittedBeforeTheFirstWaitAnswerInOrderAndAreLogged() {
        List<String> logged = new CopyOnWriteArrayList<>();
        RedisPool logging = redis.withQueryLogger(new QueryLogger() {
            @Override
            public boolean enabled(QuerySource source) {
                return source == QuerySource.REDIS;
            }

            @Override
            public void log(QuerySource source, String pool, String operation, String query, long startNanos,
                    boolean cacheMiss, Throwable error) {
                logged.add(pool + " " + query + (error == null ? "" : " failed"));
            }
        });
        SubmittedCommand<String> first = logging.submit("XADD", "events",
                lettuce -> lettuce.xadd("events", Map.of("n", "1".getBytes())));
        SubmittedCommand<String> second = logging.submit("XADD", "events",
                lettuce -> lettuce.xadd("events", Map.of("n", "2".getBytes())));
        SubmittedCommand<Long> length = logging.submit("XLEN", "events", lettuce -> lettuce.xlen("events"));

        assertThat(length.await()).isEqualTo(2);
        assertThat(first.isDone()).isTrue();
        assertThat(first.await()).isLessThan(second.await()); // stream ids of the same millisecond sort too
        assertThat(length.await()).isEqualTo(2); // waiting again gives the same reply, logged once
        assertThat(logged).containsExactly("default XLEN events", "default XADD events", "default XADD events");
        assertThat(redis.submit("DBSIZE", null, lettuce -> lettuce.dbsize()).await()).isEqualTo(1);
    }

    @Test
    void aRejectedCommandIsTheUsualRedisCommandException() throws Exception {
        redis.set("plain", "v");
        SubmittedCommand<Long> wrongType = redis.submit("XLEN", "plain", lettuce -> lettuce.xlen("plain"));
        assertThatThrownBy(wrongType::await)
                .isInstanceOfSatisfying(RedisCommandException.class, e -> {
                    assertThat(e.pool()).isEqualTo("default");
                    assertThat(e.command()).isEqualTo("XLEN");
                })
                .hasMessageContaining("Redis pool 'default' rejected XLEN plain: WRONGTYPE")
                .hasMessageContaining("key 'plain' holds another data type");
        assertThat(wrongType.replyWithin(Duration.ofSeconds(1))).isNull();
        assertThat(catchThrowable(wrongType::await)).isSameAs(catchThrowable(wrongType::await));

        CompletableFuture<FluxaException> seen = new CompletableFuture<>();
        redis.submit("XLEN", "plain", lettuce -> lettuce.xlen("plain")).whenFailed(seen::complete);
        assertThat(seen.get(5, TimeUnit.SECONDS)).isInstanceOf(RedisCommandException.class)
                .hasMessageContaining("WRONGTYPE");
        // a rejection is an answer: the breaker stays closed
        assertThat(redis.isAvailable()).isTrue();

        assertThatThrownBy(() -> redis.submit(" ", "k", lettuce -> lettuce.get("k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no command name");
        assertThatThrownBy(() -> redis.submit("GET", "k", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Lettuce call");
    }

    @Test
    void aBlockingCommandOnItsOwnConnectionWaitsAsLongAsItIsToldThenFailsAndOpensTheBreaker() {
        // an engine of its own: the timeout opens its pool's circuit breaker
        try (Engine own = new Registry().registerRedis("blocking", RedisCommandsTest.REDIS_ADDRESS, null).validate()) {
            RedisPool pool = own.redis("blocking");
            try (StatefulRedisConnection<String, byte[]> connection = pool.openConnection()) {
                SubmittedCommand<?> read = pool.submit(connection, "XREAD", "quiet",
                        lettuce -> lettuce.xread(XReadArgs.Builder.block(Duration.ofSeconds(1)),
                                XReadArgs.StreamOffset.latest("quiet")));
                assertThat(read.replyWithin(Duration.ofMillis(50))).isNull(); // still blocked on the server
                assertThat(read.isDone()).isFalse();
                assertThatThrownBy(() -> read.await(Duration.ofMillis(200)))
                        .isInstanceOfSatisfying(PoolUnavailableException.class,
                                e -> assertThat(e.pool()).isEqualTo("blocking"))
                        .hasMessage("Redis pool 'blocking' did not answer XREAD quiet within PT0.2S");

                assertThat(pool.isAvailable()).isFalse();
                assertThatThrownBy(() -> pool.submit("XLEN", "quiet", lettuce -> lettuce.xlen("quiet")))
                        .isInstanceOf(PoolUnavailableException.class)
                        .hasMessageContaining("its circuit breaker has been open since")
                        .hasMessageContaining("XLEN quiet was not sent");

                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    while (!pool.isAvailable()) {
                        Thread.sleep(10); // the breaker's own PING closes it
                    }
                });
                SubmittedCommand<List<StreamMessage<String, byte[]>>> answered = pool.submit(connection, "XREAD",
                        "quiet", lettuce -> lettuce.xread(XReadArgs.Builder.block(Duration.ofMillis(100)),
                                XReadArgs.StreamOffset.latest("quiet")));
                assertThat(answered.await(Duration.ofSeconds(5))).isEmpty(); // nothing arrived in the block time
            }
        }
    }
}
