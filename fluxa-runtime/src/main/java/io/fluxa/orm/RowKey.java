package io.fluxa.orm;

/** Local cache key of one row: the provider (by identity) and the id. */
record RowKey(EntityProvider<?> provider, long id) {

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && k.provider == provider && k.id == id;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(provider) * 31 + Long.hashCode(id);
    }
}
