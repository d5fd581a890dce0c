package io.fluxa.spring.autoconfigure.context;

/**
 * The injected {@link io.fluxa.Context} was used on a thread with no unit of work: no HTTP request,
 * no Spring transaction, no {@link FluxaUnitOfWork @FluxaUnitOfWork} method. The message says how to
 * open one.
 */
public class NoUnitOfWorkException extends RuntimeException {

    public NoUnitOfWorkException(String message) {
        super(message);
    }
}
