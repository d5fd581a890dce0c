package io.fluxa.redis;

/**
 * Queues Redis commands and sends them in one round-trip on {@link #exec()}. Each command method
 * matches the {@link RedisPool} method of the same name and returns a {@link PipelineResult} of the
 * same type, readable after {@code exec()}. Arguments are checked when a command is queued. The
 * command methods come by family from {@link PipelineStringCommands}, {@link PipelineCollectionCommands}
 * and {@link PipelineStreamCommands}.
 *
 * <pre>{@code
 * RedisPipeline p = ctx.redisPipeline("default");
 * PipelineResult<Long> visits = p.incr("visits");
 * PipelineResult<Optional<String>> name = p.hGet("user:1", "name");
 * p.expire("visits", Duration.ofHours(1));
 * p.exec();
 * visits.get();
 * }</pre>
 *
 * <p><b>Not a transaction.</b> Redis runs the commands one after the other; another client's
 * commands may run in between, and a command that fails does not stop or undo the others.
 *
 * <p><b>How it is sent.</b> {@code exec()} writes every queued command to the pool's pipeline
 * connection — a second connection of the pool, opened on first use, whose automatic flushing is
 * off — then flushes once, so all commands leave in one write, and only then waits for the replies.
 * The ORM's shared connection is never switched to manual flushing (that would stall every other
 * thread using it). The pipeline connection is shared by all pipelines of the pool, on every thread;
 * they take turns only for the short queue-and-flush step (so one pipeline's commands stay together
 * and in order), never while waiting for replies. Pipelines of one command that {@code exec()} waits
 * for share their turn with each other; they never land inside another pipeline's batch.
 *
 * <p>A pipeline object itself is <b>not</b> thread-safe: queue and execute it on one thread. It can
 * be reused: {@code exec()} empties it, and later commands go to the next {@code exec()}.
 */
public final class RedisPipeline
        implements PipelineStringCommands, PipelineCollectionCommands, PipelineStreamCommands {

    private final PipelineBatch batch;

    RedisPipeline(LettuceRedisPool pool) {
        this.batch = new PipelineBatch(pool);
    }

    /** The pool this pipeline sends to. */
    public RedisPool pool() {
        return batch.pool();
    }

    /** Number of commands waiting for {@link #exec()}. */
    public int size() {
        return batch.size();
    }

    /**
     * Sends every queued command in one round-trip, waits for all replies and empties the pipeline.
     * Does nothing when the pipeline is empty. Each {@link PipelineResult} then holds its reply or its
     * own failure.
     *
     * @throws io.fluxa.RedisCommandException when Redis rejected any command; the others still took
     *     effect and their results are readable. The message names the pool, the failed command and
     *     its position.
     * @throws io.fluxa.PoolUnavailableException when the pool could not be reached or did not answer
     *     within its command timeout
     */
    public void exec() {
        batch.exec();
    }

    /**
     * Sends every queued command in one write, like {@link #exec()}, but returns without waiting for
     * the replies and empties the pipeline. Meant for writes whose failure only costs a later cache
     * miss (cache fills): a failed command is logged at WARN (pool, command, keys, error), never
     * thrown, and the {@link PipelineResult}s of these commands stay not done. A {@code NOSCRIPT}
     * answer to a {@link RedisScript} is still retried with the script's source.
     *
     * @throws io.fluxa.PoolUnavailableException when the commands could not even be written (pool closed)
     */
    public void execInBackground() {
        batch.execInBackground();
    }

    /** Queues one command description; every command method of the interfaces above ends here. */
    <R, T> PipelineResult<T> add(Call<R, T> call) {
        return batch.add(call);
    }
}
