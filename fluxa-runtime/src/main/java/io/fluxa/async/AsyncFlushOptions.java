package io.fluxa.async;

import java.time.Duration;

/**
 * How an {@link AsyncFlushConsumer} works.
 *
 * @param batchSize entries read and applied in one MySQL transaction
 * @param block how long one read waits for new entries
 * @param retryBackoff the first wait after a transient failure; it doubles up to {@code maxRetryBackoff}
 * @param maxRetryBackoff the longest wait between retries
 * @param leaseTtl how long the consumer's lease lasts without a refresh (it is refreshed while it runs)
 * @param deadLetterThreshold after how many failed attempts of an entry with a failure of the entry
 *     itself (lock wait timeout, deadlock, statement timeout) the entry goes to the dead letters;
 *     0 never (such entries are retried until they apply). Lost connections never count.
 */
public record AsyncFlushOptions(int batchSize, Duration block, Duration retryBackoff, Duration maxRetryBackoff,
                                Duration leaseTtl, int deadLetterThreshold) {

    public static final AsyncFlushOptions DEFAULTS = new AsyncFlushOptions(500, Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(10), 0);

    public AsyncFlushOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; expected at least 1");
        }
        check(block, "block", true);
        check(retryBackoff, "retryBackoff", false);
        check(maxRetryBackoff, "maxRetryBackoff", false);
        check(leaseTtl, "leaseTtl", false);
        if (leaseTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("leaseTtl is " + leaseTtl + "; expected at least 1s");
        }
        if (deadLetterThreshold < 0) {
            throw new IllegalArgumentException("deadLetterThreshold is " + deadLetterThreshold
                    + "; expected 0 (never dead-letter on transient failures) or a positive number of attempts");
        }
    }

    /** Without a dead-letter threshold (entries failing transiently are retried until they apply). */
    public AsyncFlushOptions(int batchSize, Duration block, Duration retryBackoff, Duration maxRetryBackoff,
            Duration leaseTtl) {
        this(batchSize, block, retryBackoff, maxRetryBackoff, leaseTtl, 0);
    }

    public AsyncFlushOptions withBatchSize(int size) {
        return new AsyncFlushOptions(size, block, retryBackoff, maxRetryBackoff, leaseTtl, deadLetterThreshold);
    }

    public AsyncFlushOptions withBlock(Duration wait) {
        return new AsyncFlushOptions(batchSize, wait, retryBackoff, maxRetryBackoff, leaseTtl, deadLetterThreshold);
    }

    public AsyncFlushOptions withRetryBackoff(Duration first, Duration max) {
        return new AsyncFlushOptions(batchSize, block, first, max, leaseTtl, deadLetterThreshold);
    }

    public AsyncFlushOptions withLeaseTtl(Duration ttl) {
        return new AsyncFlushOptions(batchSize, block, retryBackoff, maxRetryBackoff, ttl, deadLetterThreshold);
    }

    /** @see #deadLetterThreshold() */
    public AsyncFlushOptions withDeadLetterThreshold(int attempts) {
        return new AsyncFlushOptions(batchSize, block, retryBackoff, maxRetryBackoff, leaseTtl, attempts);
    }

    private static void check(Duration value, String name, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a "
                    + (zeroAllowed ? "non-negative" : "positive") + " duration");
        }
    }
}
