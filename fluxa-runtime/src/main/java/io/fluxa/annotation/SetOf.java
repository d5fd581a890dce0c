package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code String} field holding any combination of {@link #values()}: MySQL {@code set('a','b')};
 * the generated accessor uses an {@code EnumSet} of a generated Java enum. Shared by name like {@link Enum}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface SetOf {

    /** Allowed values in order; empty to reuse the values declared under {@link #name()}. */
    String[] value() default {};

    /** Allowed values in order; empty to reuse the values declared under {@link #name()}. */
    String[] values() default {};

    /** The shared name and generated Java enum name; empty means entity name + field name. */
    String name() default "";
}
