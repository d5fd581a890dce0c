package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The column belongs to the non-unique MySQL index {@link #name()} at {@link #position()}
 * (1-based). Fields sharing a name form one multi-column index.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
@Repeatable(Indexes.class)
public @interface Index {

    String name();

    /** Position of this column in the index, starting at 1. */
    int position() default 1;
}
