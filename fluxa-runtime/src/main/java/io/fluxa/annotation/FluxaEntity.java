package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a definition class as an entity stored in one MySQL table. Read from source by the
 * code-generation plugin; never used at runtime.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface FluxaEntity {

    /** The MySQL table; empty means the class's simple name. */
    String table() default "";

    /** The MySQL pool code the table lives in. */
    String mysqlPool() default "default";
}
