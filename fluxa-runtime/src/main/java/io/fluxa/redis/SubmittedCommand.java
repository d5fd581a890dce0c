package io.fluxa.redis;

import io.fluxa.FluxaException;
import io.lettuce.core.RedisFuture;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A command sent with {@link RedisPool#submit} whose reply has not been waited for yet. Waiting maps
 * failures as every command of the pool does: a rejected command becomes
 * {@link io.fluxa.RedisCommandException}, a lost connection or no answer in time
 * {@link io.fluxa.PoolUnavailableException}, both naming the pool and the command. Several commands
 * submitted before the first wait travel together, which is the point of submitting them. Once the
 * reply or the failure is here, every wait gives that same outcome. One thread waits for a command.
 *
 * @param <R> the reply's type, as Lettuce returns it
 */
public final class SubmittedCommand<R> {

    private final LettuceRedisPool pool;
    private final Call<R, R> call;
    private final RedisFuture<R> future;
    private final long start;
    private boolean logged;
    /** Set once the reply or the command's failure was read: later waits give the same outcome. */
    private boolean settled;
    private R reply;
    private RuntimeException failure;

    SubmittedCommand(LettuceRedisPool pool, Call<R, R> call, RedisFuture<R> future, long start) {
        this.pool = pool;
        this.call = call;
        this.future = future;
        this.start = start;
    }

    /** Waits for the reply, at most the pool's {@linkplain RedisPool#commandTimeout() command timeout}. */
    public R await() {
        return await(pool.commandTimeout());
    }

    /**
     * Waits for the reply at most {@code timeout} (counted from now): longer than the command timeout
     * for a command that blocks on the server, such as {@code XREADGROUP … BLOCK}.
     */
    public R await(Duration timeout) {
        if (settled) {
            if (failure != null) {
                throw failure;
            }
            return reply;
        }
        try {
            reply = pool.await(call, future, System.nanoTime() + timeout.toNanos(), timeout);
            settled = true;
            log(null);
            return reply;
        } catch (RuntimeException e) {
            if (future.isDone()) { // not a wait that ran out: the failure is the command's, counted once
                failure = e;
                settled = true;
            }
            log(e);
            throw e;
        }
    }

    /** Whether the reply (or the failure) is here, so {@link #await()} returns without waiting. */
    public boolean isDone() {
        return future.isDone();
    }

    /**
     * The reply when it is here within {@code wait}; null when it is not, or when the command failed
     * ({@link #await()} throws that failure).
     */
    public R replyWithin(Duration wait) {
        try {
            return future.isDone() ? future.toCompletableFuture().getNow(null)
                    : future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * For a command nobody waits for: {@code handler} gets its failure, mapped as {@link #await()} would
     * map it, on the connection's I/O thread (keep it short). A reply is dropped.
     */
    public void whenFailed(Consumer<? super FluxaException> handler) {
        future.whenComplete((reply, error) -> {
            if (error != null) {
                boolean wrapped = error instanceof CompletionException || error instanceof ExecutionException;
                handler.accept(pool.failure(call, wrapped && error.getCause() != null ? error.getCause() : error));
            }
        });
    }

    private void log(Throwable error) {
        if (!logged && start != 0L) {
            logged = true;
            pool.log(call.command(), call.describe(), start, false, error);
        }
    }
}
