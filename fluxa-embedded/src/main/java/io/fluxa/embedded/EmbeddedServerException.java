package io.fluxa.embedded;

/**
 * An embedded server could not be started or used. The message says what failed and what to do
 * instead (install a library, use system services, pick another directory).
 */
public class EmbeddedServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedServerException(String message) {
        super(message);
    }

    public EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
