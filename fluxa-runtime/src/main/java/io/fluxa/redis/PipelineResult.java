package io.fluxa.redis;

import io.fluxa.FluxaException;

/**
 * The reply to one command of a {@link RedisPipeline}, readable once the pipeline was executed.
 *
 * @param <T> the same type the matching {@link RedisPool} method returns ({@code Void} for commands
 *     that return nothing)
 */
public final class PipelineResult<T> {

    /** The queued call, described only when a message needs it (never on the success path). */
    private final Call<?, T> command;
    private boolean done;
    private T value;
    private FluxaException error;

    PipelineResult(Call<?, T> command) {
        this.command = command;
    }

    /**
     * The reply.
     *
     * @throws IllegalStateException when the pipeline has not been executed yet
     * @throws FluxaException this command's own failure ({@link io.fluxa.RedisCommandException} when
     *     Redis rejected it)
     */
    public T get() {
        if (!done) {
            throw new IllegalStateException("the result of " + command.describe()
                    + " is not there yet: call exec() on the pipeline first");
        }
        if (error != null) {
            throw error;
        }
        return value;
    }

    /** True once the pipeline was executed (whether this command succeeded or not). */
    public boolean isDone() {
        return done;
    }

    /** True when the pipeline was executed and this command failed. */
    public boolean failed() {
        return done && error != null;
    }

    void succeed(T reply) {
        value = reply;
        done = true;
    }

    void fail(FluxaException failure) {
        error = failure;
        done = true;
    }

    @Override
    public String toString() {
        return command.describe() + (!done ? " (not executed)" : error != null ? " failed: " + error.getMessage()
                : " = " + value);
    }
}
