package io.fluxa.embedded;

/** What happens to the data of the embedded servers between runs. */
public enum DataMode {

    /** Databases and Redis keys survive a restart (Redis writes an append-only file). */
    KEEP,

    /** Everything is wiped when the servers start; Redis keeps nothing on disk. */
    FRESH
}
