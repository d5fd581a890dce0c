package io.fluxa.lock;

/**
 * A lock stopped being held before its owner released it: it expired, another owner took it, or an
 * automatic refresh failed. Work done under the lock since then was not protected by it; the
 * fencing {@link Lock#token() token} lets the protected resource reject such late writes.
 */
public class LockLostException extends LockException {

    private static final long serialVersionUID = 1L;

    public LockLostException(String lockName, String pool, String message, Throwable cause) {
        super(lockName, pool, message, cause);
    }
}
