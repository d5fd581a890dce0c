package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maximum length of a {@code String} field in characters: {@code varchar(n)} for 1..16383,
 * {@code mediumtext} for {@link #MAX}. Without it a string is {@code varchar(255)}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Length {

    /** Unlimited length: the column becomes {@code mediumtext}. */
    int MAX = -1;

    int value();
}
