package io.fluxa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A change of this field publishes an update event to the named dirty streams of the entity, even
 * when the stream's {@code ops} do not include {@code U}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface DirtyStreamTrigger {

    /** Names of {@link DirtyStream}s declared on the entity. */
    String[] value();
}
