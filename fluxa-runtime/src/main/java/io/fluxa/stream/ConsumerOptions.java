package io.fluxa.stream;

import java.time.Duration;

/**
 * How an {@link EventConsumer} reads.
 *
 * @param batchSize the most events one read returns (and one handler batch holds)
 * @param block how long a read waits for new events when there are none; {@link Duration#ZERO} to
 *     return at once. Blocking reads use a connection of the consumer's own, and wait at most a
 *     quarter second less than the pool's command timeout (default 2 s), whatever is set here.
 * @param claimIdle events pending longer than this with another consumer (that crashed, or whose
 *     handler failed) are claimed by this one ({@code XAUTOCLAIM}); it is also the delay before a
 *     failed event is tried again
 * @param maxDeliveries an event delivered this many times without success goes to the dead-letter
 *     stream on its next claim instead of to the handler
 */
public record ConsumerOptions(int batchSize, Duration block, Duration claimIdle, int maxDeliveries) {

    /** 100 events, block 2 s, claim after 30 s, dead-letter after 5 deliveries. */
    public static final ConsumerOptions DEFAULTS = new ConsumerOptions(100, Duration.ofSeconds(2),
            Duration.ofSeconds(30), 5);

    public ConsumerOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; expected at least 1");
        }
        if (block == null || block.isNegative()) {
            throw new IllegalArgumentException("block is " + block + "; expected zero or a positive duration");
        }
        if (claimIdle == null || claimIdle.toMillis() < 1) {
            throw new IllegalArgumentException("claimIdle is " + claimIdle + "; expected at least 1 ms");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries is " + maxDeliveries + "; expected at least 1");
        }
    }

    public ConsumerOptions withBatchSize(int size) {
        return new ConsumerOptions(size, block, claimIdle, maxDeliveries);
    }

    public ConsumerOptions withBlock(Duration wait) {
        return new ConsumerOptions(batchSize, wait, claimIdle, maxDeliveries);
    }

    public ConsumerOptions withClaimIdle(Duration idle) {
        return new ConsumerOptions(batchSize, block, idle, maxDeliveries);
    }

    public ConsumerOptions withMaxDeliveries(int deliveries) {
        return new ConsumerOptions(batchSize, block, claimIdle, deliveries);
    }
}
