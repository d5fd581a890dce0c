package io.fluxa.redis;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands queued in one {@link RedisPipeline} and how they are sent: written to the pool's
 * pipeline connection in one flush, then each reply awaited (or, in the background, left to arrive),
 * failures gathered into one exception and the batch logged as one {@code PIPELINE} event.
 */
final class PipelineBatch {

    private static final int MAX_LOGGED_COMMANDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RedisPipeline.class);

    private final LettuceRedisPool pool;
    /** The commands queued since the last send; null while there are none (made on the first add). */
    private List<Queued<?, ?>> queued;

    PipelineBatch(LettuceRedisPool pool) {
        this.pool = pool;
    }

    LettuceRedisPool pool() {
        return pool;
    }

    int size() {
        return queued == null ? 0 : queued.size();
    }

    /** See {@link RedisPipeline#exec()}: {@link #send()} and its wait, without the wait's closure. */
    void exec() {
        if (queued == null) {
            return;
        }
        List<Queued<?, ?>> batch = drain();
        boolean log = pool.logging();
        long start = log ? System.nanoTime() : 0L;
        await(batch, log, start, writeAwaited(batch));
    }

    /** See {@link RedisPipeline#send()}. */
    Runnable send() {
        if (queued == null) {
            return () -> { };
        }
        List<Queued<?, ?>> batch = drain();
        boolean log = pool.logging();
        long start = log ? System.nanoTime() : 0L;
        RuntimeException writeFailure = writeAwaited(batch);
        return () -> await(batch, log, start, writeFailure);
    }

    /** Writes a batch whose replies the caller waits for; the failure to write it, or null. */
    private RuntimeException writeAwaited(List<Queued<?, ?>> batch) {
        try {
            write(batch, batch.size() == 1); // the caller runs the wait: one command is awaited
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Waits for every reply of a written batch (or fails them all with {@code writeFailure}), then logs it. */
    private void await(List<Queued<?, ?>> batch, boolean log, long start, RuntimeException writeFailure) {
        FluxaException failure;
        try {
            if (writeFailure != null) {
                throw writeFailure;
            }
            long deadline = pool.deadline();
            for (Queued<?, ?> q : batch) {
                q.complete(pool, deadline);
            }
            failure = failure(batch);
        } catch (RuntimeException e) {
            failure = e instanceof FluxaException fluxa ? fluxa : new PoolUnavailableException(pool.code(),
                    "Redis pool '" + pool.code() + "' pipeline of " + batch.size() + " commands failed: " + e, e);
            for (Queued<?, ?> q : batch) {
                q.abandon(failure);
            }
        }
        if (log) {
            pool.log("PIPELINE", describe(batch), start, false, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** See {@link RedisPipeline#execInBackground()}. */
    void execInBackground() {
        if (queued == null) {
            return;
        }
        List<Queued<?, ?>> batch = drain();
        boolean log = pool.logging();
        long start = log ? System.nanoTime() : 0L;
        try {
            write(batch, false);
        } catch (RuntimeException e) {
            FluxaException failure = e instanceof FluxaException fluxa ? fluxa : new PoolUnavailableException(
                    pool.code(), "Redis pool '" + pool.code() + "' pipeline of " + batch.size()
                    + " commands could not be sent: " + e, e);
            if (log) {
                pool.log("PIPELINE", describe(batch), start, false, failure);
            }
            throw failure;
        }
        for (Queued<?, ?> q : batch) {
            q.completeInBackground(pool);
        }
        if (log) {
            pool.log("PIPELINE", describe(batch), start, false, null);
        }
    }

    /** The queued commands, handed over whole, leaving the pipeline empty for reuse. */
    private List<Queued<?, ?>> drain() {
        List<Queued<?, ?>> batch = queued;
        queued = null;
        return batch;
    }

    /**
     * Writes the whole batch to the pipeline connection in one flush; {@code oneAwaited}: a single
     * command whose reply {@link #exec} waits for (see {@link LettuceRedisPool#writePipelined}).
     */
    private void write(List<Queued<?, ?>> batch, boolean oneAwaited) {
        pool.writePipelined(async -> {
            for (Queued<?, ?> q : batch) {
                q.send(pool, async);
            }
        }, oneAwaited);
    }

    private FluxaException failure(List<Queued<?, ?>> batch) {
        FluxaException first = null;
        int firstIndex = 0;
        int failed = 0;
        for (int i = 0; i < batch.size(); i++) {
            FluxaException error = batch.get(i).error;
            if (error != null) {
                failed++;
                if (first == null) {
                    first = error;
                    firstIndex = i;
                }
            }
        }
        if (first == null) {
            return null;
        }
        String message = "Redis pool '" + pool.code() + "' pipeline: " + failed + " of " + batch.size()
                + " commands failed, the others took effect (a pipeline is not a transaction); command "
                + (firstIndex + 1) + ": " + first.getMessage();
        FluxaException wrapped;
        if (first instanceof RedisCommandException rejected) {
            wrapped = new RedisCommandException(pool.code(), rejected.command(), message, first);
        } else if (first instanceof PoolUnavailableException) {
            wrapped = new PoolUnavailableException(pool.code(), message, first);
        } else {
            wrapped = new FluxaException(message, first);
        }
        for (Queued<?, ?> q : batch) {
            if (q.error != null && q.error != first) {
                wrapped.addSuppressed(q.error);
            }
        }
        return wrapped;
    }

    private static String describe(List<Queued<?, ?>> batch) {
        StringBuilder text = new StringBuilder("PIPELINE x").append(batch.size()).append(':');
        int shown = Math.min(batch.size(), MAX_LOGGED_COMMANDS);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? " " : "; ").append(batch.get(i).call.describe());
        }
        if (batch.size() > shown) {
            text.append("; …");
        }
        return text.toString();
    }

    <R, T> PipelineResult<T> add(Call<R, T> call) {
        Queued<R, T> q = new Queued<>(call);
        if (queued == null) {
            queued = new ArrayList<>(4);
        }
        queued.add(q);
        return q.result;
    }

    /** One queued command, its future once sent, and the result handle given to the caller. */
    private static final class Queued<R, T> {
        private final Call<R, T> call;
        private final PipelineResult<T> result;
        private RedisFuture<R> future;
        private FluxaException error;

        Queued(Call<R, T> call) {
            this.call = call;
            this.result = new PipelineResult<>(call);
        }

        void send(LettuceRedisPool pool, RedisAsyncCommands<String, byte[]> async) {
            try {
                future = pool.send(call, async);
            } catch (FluxaException e) {
                error = e;
            }
        }

        void complete(LettuceRedisPool pool, long deadline) {
            if (error == null) {
                try {
                    result.succeed(pool.await(call, future, deadline));
                    return;
                } catch (FluxaException e) {
                    error = e;
                }
            }
            result.fail(error);
        }

        void completeInBackground(LettuceRedisPool pool) {
            if (error != null) {
                warn(pool, error);
                return;
            }
            background(pool, call, future);
        }

        private static <R, T> void background(LettuceRedisPool pool, Call<R, T> call, RedisFuture<R> future) {
            future.whenComplete((reply, cause) -> {
                if (cause == null) {
                    try {
                        call.read(reply);
                    } catch (RuntimeException e) {
                        warn(pool, pool.failure(call, e));
                    }
                    return;
                }
                Call<R, T> retry = cause instanceof RedisCommandExecutionException rejected
                        ? call.retryFor(rejected) : null;
                if (retry != null) {
                    try {
                        background(pool, retry, pool.send(retry, pool.connection().async()));
                    } catch (FluxaException e) {
                        warn(pool, e);
                    }
                } else if (!(cause instanceof RedisCommandExecutionException rejected && call.expected(rejected))) {
                    warn(pool, pool.failure(call, cause));
                }
            });
        }

        private static void warn(LettuceRedisPool pool, FluxaException failure) {
            LOG.warn("Redis pool '{}': a command sent in the background failed: {}", pool.code(),
                    failure.getMessage());
        }

        void abandon(FluxaException failure) {
            if (!result.isDone()) {
                error = failure;
                result.fail(failure);
            }
        }
    }

}
