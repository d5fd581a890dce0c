package io.fluxa.redis;

/** Queues Redis commands and sends them in one round-trip on {@code exec()}. */
public interface RedisPipeline {
}
