package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The column belongs to the unique index {@link #name()} at {@link #position()} (1-based). Fields
 * sharing a name form one multi-column index. Repeatable: a column can be in several indexes.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
@Repeatable(Uniques.class)
public @interface Unique {

    /** The index name, also the MySQL index name and the generated {@code getByIndex<Name>} suffix. */
    String name();

    /** Position of this column in the index, starting at 1. */
    int position() default 1;

    /** Look the index up through Redis before MySQL. */
    boolean cached() default false;
}
