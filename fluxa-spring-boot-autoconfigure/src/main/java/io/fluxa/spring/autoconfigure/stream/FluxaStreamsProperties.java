package io.fluxa.spring.autoconfigure.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Streams, their listeners and their health ({@code fluxa.streams.*}).
 *
 * @param definitions Streams with consumer groups or a length limit, by stream name. A stream listed
 *     here must not also be listed under fluxa.pools.*.streams.
 * @param listeners The containers that run @FluxaStreamListener methods.
 * @param trimInterval How often streams with a max-length are trimmed; 0 turns trimming off.
 * @param health The optional dead-letter health indicator.
 * @param gaugeRefresh How old the stream statistics behind the fluxa.streams gauges may be before a
 *     scrape reads them again from Redis.
 */
@ConfigurationProperties("fluxa.streams")
public record FluxaStreamsProperties(
        Map<String, Definition> definitions,
        @DefaultValue Listeners listeners,
        @DefaultValue("60s") Duration trimInterval,
        @DefaultValue Health health,
        @DefaultValue("10s") Duration gaugeRefresh) {

    public FluxaStreamsProperties {
        definitions = definitions == null ? Map.of() : Map.copyOf(definitions);
    }

    /**
     * One stream.
     *
     * @param pool Redis pool the stream lives on.
     * @param groups Consumer groups created at start-up (at the beginning of the stream).
     * @param maxLength Approximate length trimming keeps the stream at; 0 for no limit.
     * @param trimUnread Whether trimming may drop entries a group has not read or acknowledged yet.
     *     False keeps them, so the stream can outgrow max-length while a group lags.
     */
    public record Definition(
            @DefaultValue("default") String pool,
            List<String> groups,
            @DefaultValue("0") long maxLength,
            @DefaultValue("false") boolean trimUnread) {

        public Definition {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * Listener containers.
     *
     * @param enabled Whether @FluxaStreamListener methods are run.
     * @param batchSize Events one read returns, unless the annotation sets batchSize.
     * @param block How long a read waits for new events (on a connection of the consumer's own).
     * @param claimIdle Idle time after which an event pending with another consumer (crashed, or whose
     *     handler failed) is claimed and delivered again.
     * @param maxDeliveries Deliveries after which a failing event goes to the dead-letter stream.
     * @param shutdownTimeout How long stopping the context waits for the batches in hand.
     */
    public record Listeners(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") int batchSize,
            @DefaultValue("2s") Duration block,
            @DefaultValue("30s") Duration claimIdle,
            @DefaultValue("5") int maxDeliveries,
            @DefaultValue("30s") Duration shutdownTimeout) {
    }

    /**
     * Stream health.
     *
     * @param deadLetters Whether a non-empty dead-letter stream turns the fluxaStreams health indicator
     *     OUT_OF_SERVICE.
     */
    public record Health(@DefaultValue("false") boolean deadLetters) {
    }
}
