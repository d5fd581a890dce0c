package io.fluxa.lock;

/**
 * Another owner held the lock for the whole wait (or the caller did not wait), or the waiting
 * thread was interrupted. The message names the lock, the Redis pool and how long was waited.
 */
public class LockNotObtainedException extends LockException {

    private static final long serialVersionUID = 1L;

    public LockNotObtainedException(String lockName, String pool, String message, Throwable cause) {
        super(lockName, pool, message, cause);
    }
}
