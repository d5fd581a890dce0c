package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a change event to the Redis stream {@link #name()} whenever an entity is inserted,
 * updated or deleted (selected by {@link #ops()}). Repeatable: one entity can feed several streams.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@Repeatable(DirtyStreams.class)
public @interface DirtyStream {

    /** The stream name. */
    String name();

    /** The Redis pool; empty means the pool the stream is registered on. */
    String pool() default "";

    /** Which operations publish: any of {@code I} (insert), {@code U} (update), {@code D} (delete). */
    String ops() default "IUD";
}
