package io.fluxa.spring.autoconfigure.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as one Fluxa unit of work: a new {@link io.fluxa.Context} is opened when the
 * method starts, the injected {@code Context} resolves to it on the method's thread, and it is
 * flushed when the method returns. If the method throws, its changes are dropped and the exception
 * propagates. A method called while a unit of work is already open on the thread joins it (the
 * outermost one flushes). Meant for work outside HTTP requests: {@code @Scheduled} jobs,
 * {@code @EventListener}s and message listeners, {@code @Async} methods.
 *
 * <p>On a class, applies to every method called through the proxy. Works on Spring beans called through their proxy,
 * like {@code @Transactional}: a call from inside the same object is not intercepted (use
 * {@link FluxaUnitOfWorkTemplate} there).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface FluxaUnitOfWork {
}
