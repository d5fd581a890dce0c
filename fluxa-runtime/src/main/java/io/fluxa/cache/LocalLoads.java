package io.fluxa.cache;

/** The loads of {@link LocalCache#getOrLoad} in progress, for every local cache of the process. */
final class LocalLoads {

    static final SingleFlight FLIGHTS = new SingleFlight();

    /** One key of one cache (caches compare by identity). */
    record Key(LocalCache cache, Object key) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.cache == cache && k.key.equals(key);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(cache) * 31 + key.hashCode();
        }
    }

    private LocalLoads() {
    }
}
