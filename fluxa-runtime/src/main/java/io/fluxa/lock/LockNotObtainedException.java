package io.fluxa.lock;

import io.fluxa.FluxaException;

/**
 * Another owner held the lock for the whole wait (or the caller did not wait), or the waiting
 * thread was interrupted. The message names the lock, the Redis pool and how long was waited.
 */
public class LockNotObtainedException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String lockName;
    private final String pool;

    public LockNotObtainedException(String lockName, String pool, String message, Throwable cause) {
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
