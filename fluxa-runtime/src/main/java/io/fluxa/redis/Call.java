package io.fluxa.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One Redis command, described once and used by both {@link LettuceRedisPool} (send, wait) and
 * {@link RedisPipeline} (send many, flush, wait): how to send it on an asynchronous Lettuce API,
 * how to turn the reply into the Java value the API returns, and how it is logged.
 *
 * @param <R> the Lettuce reply type
 * @param <T> the value the Fluxa API returns
 */
final class Call<R, T> {

    private static final int MAX_LOGGED_KEYS = 10;

    private final String command;
    private final String[] keys;
    private final Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> send;
    private final Function<? super R, ? extends T> read;
    private Predicate<? super T> miss;
    private String errorCode;
    private T errorValue;
    private String detail;
    private String retryCode;
    private Supplier<Call<R, T>> retry;

    private Call(String command, String[] keys, Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> send,
            Function<? super R, ? extends T> read) {
        this.command = command;
        this.keys = keys;
        this.send = send;
        this.read = read;
    }

    /** A command on one key. */
    static <R, T> Call<R, T> of(String command, String key, Function<RedisAsyncCommands<String, byte[]>,
            RedisFuture<R>> send, Function<? super R, ? extends T> read) {
        return new Call<>(command, new String[] {key}, send, read);
    }

    /** A command on several keys (or none: pass an empty array). */
    static <R, T> Call<R, T> of(String command, String[] keys, Function<RedisAsyncCommands<String, byte[]>,
            RedisFuture<R>> send, Function<? super R, ? extends T> read) {
        return new Call<>(command, keys, send, read);
    }

    /** Marks the command as a cache-style read: the logged event has the miss flag when {@code test} holds. */
    Call<R, T> missWhen(Predicate<? super T> test) {
        this.miss = test;
        return this;
    }

    /** A server error starting with {@code code} (e.g. {@code BUSYGROUP}) is an expected answer: {@code value}. */
    Call<R, T> onError(String code, T value) {
        this.errorCode = code;
        this.errorValue = value;
        return this;
    }

    /** A word shown after the command in logs and errors, e.g. a script's name. */
    Call<R, T> detail(String text) {
        this.detail = text;
        return this;
    }

    /**
     * A server error starting with {@code code} (e.g. {@code NOSCRIPT}) is answered by sending
     * {@code other} instead, once; its reply or error is the answer.
     */
    Call<R, T> retryOnError(String code, Supplier<Call<R, T>> other) {
        this.retryCode = code;
        this.retry = other;
        return this;
    }

    /** The call to send instead when {@code error} is the one {@link #retryOnError} names, else null. */
    Call<R, T> retryFor(RedisCommandExecutionException error) {
        return retryCode != null && error.getMessage() != null && error.getMessage().startsWith(retryCode)
                ? retry.get() : null;
    }

    String command() {
        return command;
    }

    /** The first key, or null when the command has none. */
    String key() {
        return keys.length == 0 ? null : keys[0];
    }

    RedisFuture<R> send(RedisAsyncCommands<String, byte[]> async) {
        return send.apply(async);
    }

    T read(R reply) {
        return read.apply(reply);
    }

    boolean isMiss(T value) {
        return miss != null && miss.test(value);
    }

    /** True (and {@link #errorValue()} is the answer) when {@code error} is the expected one. */
    boolean expected(RedisCommandExecutionException error) {
        return errorCode != null && error.getMessage() != null && error.getMessage().startsWith(errorCode);
    }

    T errorValue() {
        return errorValue;
    }

    /** The command and its keys, never the values: what query logs and error messages show. */
    String describe() {
        if (keys.length == 0 && detail == null) {
            return command;
        }
        StringBuilder text = new StringBuilder(command);
        if (detail != null) {
            text.append(' ').append(detail);
        }
        int shown = Math.min(keys.length, MAX_LOGGED_KEYS);
        for (int i = 0; i < shown; i++) {
            text.append(' ').append(keys[i]);
        }
        if (keys.length > shown) {
            text.append(" … (").append(keys.length).append(" keys)");
        }
        return text.toString();
    }
}
