package io.fluxa.stream;

/** What a flush did to an entity, as carried by a dirty-stream event. */
public enum DirtyAction {
    /** A new row; published to streams whose ops include {@code I}. */
    INSERT,
    /** Changed columns; published to streams whose ops include {@code U} (filtered by triggers, when the stream has some). */
    UPDATE,
    /** The row was removed; published to streams whose ops include {@code D}. */
    DELETE,
    /** The row was marked deleted ({@code fakeDelete}); published to streams whose ops include {@code D}. */
    SOFT_DELETE
}
