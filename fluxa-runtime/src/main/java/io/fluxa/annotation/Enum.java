package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code String} field holding one of {@link #values()}: MySQL {@code enum('a','b')} and a
 * generated Java enum. Enums are shared across entities by {@link #name()}: declare the values once
 * and write only the name elsewhere.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Enum {

    /** Allowed values in order; empty to reuse the values declared under {@link #name()}. */
    String[] value() default {};

    /** Allowed values in order; empty to reuse the values declared under {@link #name()}. */
    String[] values() default {};

    /** The shared name and generated Java enum name; empty means entity name + field name, e.g. {@code UserStatus}. */
    String name() default "";
}
