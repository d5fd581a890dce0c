package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@code double} field stored exactly as {@code decimal(precision, scale)}. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Decimal {

    /** Total digits, 1..65. */
    int precision();

    /** Digits after the decimal point, 0..30 and not more than {@link #precision()}. */
    int scale();
}
