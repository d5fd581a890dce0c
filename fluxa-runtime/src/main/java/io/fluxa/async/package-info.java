/**
 * Async flush: {@code Context.flushAsync} writes a flush's operations to a Redis stream per MySQL
 * pool ({@link io.fluxa.async.AsyncFlush}), and an {@link io.fluxa.async.AsyncFlushConsumer} applies
 * them to MySQL in stream order with an exactly-once effect (the last applied entry id is stored in
 * the same MySQL transaction). See docs/async-flush.md.
 */
package io.fluxa.async;
