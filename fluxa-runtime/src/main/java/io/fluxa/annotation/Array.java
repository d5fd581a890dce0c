package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores the field {@link #value()} times as numbered columns: {@code @Array(3) String alias}
 * becomes {@code Alias1}, {@code Alias2}, {@code Alias3}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Array {

    /** Number of columns, at least 1. */
    int value();
}
