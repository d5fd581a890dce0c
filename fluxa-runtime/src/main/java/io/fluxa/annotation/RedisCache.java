package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Caches the entity's rows in a Redis pool, read before MySQL. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface RedisCache {

    /** The Redis pool code. */
    String pool() default "default";

    /** Expiry of cached rows in seconds; 0 keeps them until they change. */
    int ttlSeconds() default 0;
}
