package io.fluxa;

/**
 * Redis rejected a command: wrong data type for the key, a script error, a bad argument, an
 * unknown consumer group … The message names the pool, the command and its keys; the Lettuce
 * exception is the cause. Connection problems and timeouts are {@link PoolUnavailableException}s.
 */
public class RedisCommandException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String pool;
    private final String command;

    public RedisCommandException(String pool, String command, String message, Throwable cause) {
        super(message, cause);
        this.pool = pool;
        this.command = command;
    }

    /** The code of the Redis pool the command ran on. */
    public String pool() {
        return pool;
    }

    /** The command name, e.g. {@code LPUSH}. */
    public String command() {
        return command;
    }
}
