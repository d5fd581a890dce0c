package io.fluxa.cache;

import io.fluxa.FluxaException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs at most one computation per key at a time within this process: callers that ask for a key
 * whose computation is running wait for it and share its result (or its exception) instead of
 * computing again. Used by the cache-aside {@code getOrLoad} helpers so a miss calls the loader once.
 */
public final class SingleFlight {

    private final ConcurrentHashMap<Object, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    /** The result of {@code work} for {@code key}, computed here or by the caller already computing it. */
    @SuppressWarnings("unchecked")
    public <T> T run(Object key, Supplier<? extends T> work) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return (T) await(other);
        }
        try {
            T value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private static Object await(CompletableFuture<Object> other) {
        try {
            return other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FluxaException("interrupted while waiting for another thread's load of the same key", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new FluxaException("loading failed: " + e.getCause(), e.getCause());
        }
    }
}
