package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Caches the entity's rows in an in-process local cache pool, read before Redis and MySQL. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface LocalCache {

    /** The local cache pool code. */
    String pool() default "default";

    /** Maximum number of cached rows of this entity; 0 means unlimited. */
    int size() default 0;
}
