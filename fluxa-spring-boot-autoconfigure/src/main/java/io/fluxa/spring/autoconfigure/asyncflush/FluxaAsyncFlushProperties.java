package io.fluxa.spring.autoconfigure.asyncflush;

import io.fluxa.async.AsyncFlushOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The consumers that apply what {@code Context.flushAsync} enqueued ({@code fluxa.async-flush.*}).
 *
 * @param enabled Whether consumers start with the application (they need the Redis pool 'default').
 * @param pools MySQL pools whose streams are consumed; empty for every pool.
 * @param consumersPerPool Consumers started per pool. One holds the pool's lease and applies entries;
 *     the others are hot standbys that take over when it stops.
 * @param batchSize Entries applied in one MySQL transaction.
 * @param block How long one read waits for new entries.
 * @param retryBackoff The first wait after a transient failure (lost connection, deadlock, lock wait
 *     timeout); it doubles up to max-retry-backoff.
 * @param maxRetryBackoff The longest wait between retries.
 * @param leaseTtl How long a consumer's lease lasts without a refresh; a standby takes over at most
 *     this long after the active consumer died.
 * @param statsRefresh How old the lag statistics behind the fluxa.async.flush.lag gauges may be
 *     before a scrape reads them again.
 */
@ConfigurationProperties("fluxa.async-flush")
public record FluxaAsyncFlushProperties(
        @DefaultValue("true") boolean enabled,
        List<String> pools,
        @DefaultValue("1") int consumersPerPool,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration block,
        @DefaultValue("100ms") Duration retryBackoff,
        @DefaultValue("10s") Duration maxRetryBackoff,
        @DefaultValue("10s") Duration leaseTtl,
        @DefaultValue("10s") Duration statsRefresh) {

    public FluxaAsyncFlushProperties {
        pools = pools == null ? List.of() : List.copyOf(pools);
        if (consumersPerPool < 1) {
            throw new IllegalArgumentException("fluxa.async-flush.consumers-per-pool is " + consumersPerPool
                    + "; expected at least 1 (use fluxa.async-flush.enabled=false to start none)");
        }
    }

    AsyncFlushOptions options() {
        return new AsyncFlushOptions(batchSize, block, retryBackoff, maxRetryBackoff, leaseTtl);
    }
}
