package io.fluxa.annotation;

/** Size class of a {@code byte[]} column. Without {@link Blob} a {@code byte[]} is a {@code blob} (64 KiB). */
public enum BlobSize {
    /** {@code mediumblob}, up to 16 MiB. */
    MEDIUM,
    /** {@code longblob}, up to 4 GiB. */
    LONG
}
