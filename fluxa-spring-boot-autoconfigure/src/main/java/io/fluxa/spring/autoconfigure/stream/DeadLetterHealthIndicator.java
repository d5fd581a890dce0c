package io.fluxa.spring.autoconfigure.stream;

import io.fluxa.stream.EventBroker;
import io.fluxa.stream.StreamStats;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OUT_OF_SERVICE while any registered stream has dead letters (events that failed their last allowed
 * delivery and wait for somebody to look at them), UP otherwise. Opt-in:
 * {@code fluxa.streams.health.dead-letters=true}.
 */
public class DeadLetterHealthIndicator extends AbstractHealthIndicator {

    private final EventBroker broker;

    public DeadLetterHealthIndicator(EventBroker broker) {
        super("Fluxa stream dead-letter check failed");
        this.broker = broker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        for (StreamStats stats : broker.stats()) {
            if (stats.deadLetters() > 0) {
                deadLetters.put(stats.stream(), stats.deadLetters());
            }
        }
        if (deadLetters.isEmpty()) {
            builder.up();
        } else {
            builder.status(Status.OUT_OF_SERVICE).withDetail("deadLetters", deadLetters)
                    .withDetail("hint", "inspect with EventBroker.deadLetters(stream, n); re-drive with "
                            + "EventBroker.redrive(stream, n)");
        }
    }
}
