package io.fluxa.stream;

import io.fluxa.redis.RedisPool;
import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The stream commands of one Redis pool, sent on its shared connection without waiting
 * ({@link RedisPool#submit}) and waited for with the pool's bound and error mapping. Several commands
 * sent before the first wait travel together (one round-trip).
 */
final class StreamRedis {

    private final RedisPool pool;

    StreamRedis(RedisPool pool) {
        this.pool = pool;
    }

    String code() {
        return pool.code();
    }

    RedisPool pool() {
        return pool;
    }

    Duration timeout() {
        return pool.commandTimeout();
    }

    /** Sends {@code send} on the pool's shared connection without waiting; see {@link RedisPool#submit}. */
    <T> SubmittedCommand<T> submit(String command, String key,
            Function<RedisAsyncCommands<String, byte[]>, RedisFuture<T>> send) {
        return pool.submit(command, key, send);
    }

    static boolean isError(Throwable e, String prefix) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof RedisCommandExecutionException && t.getMessage() != null
                    && t.getMessage().startsWith(prefix)) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A number from an {@code XINFO} field; {@code fallback} when absent or nil. */
    static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Compares two stream entry ids ({@code ms-seq}) numerically. */
    static int compareIds(String a, String b) {
        long[] x = parseId(a);
        long[] y = parseId(b);
        int c = Long.compare(x[0], y[0]);
        return c != 0 ? c : Long.compare(x[1], y[1]);
    }

    static long[] parseId(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            return new long[] {Long.parseLong(id), 0};
        }
        return new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
    }

    /** The smallest id greater than {@code id}. */
    static String nextId(String id) {
        long[] p = parseId(id);
        return p[1] == Long.MAX_VALUE ? (p[0] + 1) + "-0" : p[0] + "-" + (p[1] + 1);
    }
}
