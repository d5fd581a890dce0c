package io.fluxa;

/**
 * A registry or pool configuration problem. The message names the pool and the key, and says what
 * is expected.
 */
public class FluxaConfigException extends FluxaException {

    private static final long serialVersionUID = 1L;

    public FluxaConfigException(String message) {
        super(message);
    }

    public FluxaConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
