package io.fluxa.cache;

/** A value stored by {@link LocalCache#getOrLoad}: the loader's result (may be null) and when it expires. */
record LoadedValue(Object value, long expiresAtNanos) {

    boolean fresh() {
        return System.nanoTime() - expiresAtNanos < 0;
    }
}
