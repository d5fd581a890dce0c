package io.fluxa;

/**
 * A pool could not be reached (connection refused, authentication failed, server too old) or a pool
 * code is not registered.
 */
public class PoolUnavailableException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String pool;

    public PoolUnavailableException(String pool, String message) {
        super(message);
        this.pool = pool;
    }

    public PoolUnavailableException(String pool, String message, Throwable cause) {
        super(message, cause);
        this.pool = pool;
    }

    /** The code of the pool that failed. */
    public String pool() {
        return pool;
    }
}
