package io.fluxa;

/**
 * Root of every exception Fluxa throws. All Fluxa exceptions are unchecked.
 */
public class FluxaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FluxaException(String message) {
        super(message);
    }

    public FluxaException(String message, Throwable cause) {
        super(message, cause);
    }
}
