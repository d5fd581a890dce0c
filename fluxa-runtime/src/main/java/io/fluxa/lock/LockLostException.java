package io.fluxa.lock;

import io.fluxa.FluxaException;

/**
 * A lock stopped being held before its owner released it: it expired, another owner took it, or an
 * automatic refresh failed. Work done under the lock since then was not protected by it; the
 * fencing {@link Lock#token() token} lets the protected resource reject such late writes.
 */
public class LockLostException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String lockName;
    private final String pool;

    public LockLostException(String lockName, String pool, String message, Throwable cause) {
        super(message, cause);
        this.lockName = lockName;
        this.pool = pool;
    }

    /** The name passed to {@code obtain}. */
    public String lockName() {
        return lockName;
    }

    /** The code of the Redis pool that held the lock. */
    public String pool() {
        return pool;
    }
}
