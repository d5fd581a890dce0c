package io.fluxa.spring.autoconfigure.stream;

import org.springframework.aot.hint.annotation.Reflective;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles the events of a Fluxa stream, read through a consumer group. The
 * method takes one parameter: an {@link io.fluxa.stream.Event}, a {@link io.fluxa.stream.DirtyEvent}
 * (for {@code @DirtyStream} streams), or the body type (e.g. {@code Map}, {@code String}, or a type
 * with a registered {@link io.fluxa.stream.EventCodec}).
 *
 * <pre>{@code
 * @FluxaStreamListener(stream = "ProductEvents", group = "category-counter", concurrency = 2)
 * void onProductChange(DirtyEvent change) { … }
 * }</pre>
 *
 * <p>Returning normally acknowledges the event; an exception leaves it pending, to be retried after
 * the claim idle time and dead-lettered after the last allowed delivery. Listener containers start
 * with the application context and stop with it, finishing and acknowledging the batch in hand.
 * {@code stream} and {@code group} may use {@code ${…}} placeholders.
 *
 * <p>Meta-annotated with {@link Reflective}, so Spring AOT registers the reflection hint a native
 * image needs to invoke the method.
 */
@Documented
@Reflective
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FluxaStreamListener {

    /** The registered stream to read. */
    String stream();

    /** The consumer group; created at the start of the stream when it does not exist. */
    String group();

    /** How many consumers (each on a thread of its own) read for this method. */
    int concurrency() default 1;

    /** Events per read; 0 uses {@code fluxa.streams.listeners.batch-size}. */
    int batchSize() default 0;

    /** Deliveries before an event is dead-lettered; 0 uses {@code fluxa.streams.listeners.max-deliveries}. */
    int maxDeliveries() default 0;

    /** Idle time before a pending event is claimed, e.g. {@code "30s"}; empty uses {@code fluxa.streams.listeners.claim-idle}. */
    String claimIdle() default "";
}
