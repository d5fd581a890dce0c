package io.fluxa.lock;

import io.fluxa.FluxaException;

/** A distributed lock could not be obtained or was lost; names the lock and its Redis pool. */
public abstract class LockException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String lockName;
    private final String pool;

    protected LockException(String lockName, String pool, String message, Throwable cause) {
        super(message, cause);
        this.lockName = lockName;
        this.pool = pool;
    }

    /** The name passed to {@code obtain}. */
    public String lockName() {
        return lockName;
    }

    /** The code of the Redis pool that holds the lock. */
    public String pool() {
        return pool;
    }
}
