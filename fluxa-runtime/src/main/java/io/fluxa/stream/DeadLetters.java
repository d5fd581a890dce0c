package io.fluxa.stream;

import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moving events to {@code <stream>:dead-letter}, listing and re-driving them. A dead letter keeps the
 * original fields (body, headers) and adds {@code dl:*} fields: source id, group, consumer, delivery
 * count, last error and time. Moving writes the dead letter first and acknowledges the source entry
 * after, so a crash in between can at worst leave a duplicate dead letter, never lose the event.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String NO_ERROR = "no handler error was recorded (the consumers that held it stopped"
            + " or crashed before finishing it)";

    private final RedisEventBroker broker;

    DeadLetters(RedisEventBroker broker) {
        this.broker = broker;
    }

    void move(StreamRedis redis, String stream, String group, String consumer,
            List<StreamMessage<String, byte[]>> messages, Map<String, Long> deliveries) {
        String errorsKey = EventConsumer.errorsKey(stream, group);
        String[] ids = messages.stream().map(StreamMessage::getId).toArray(String[]::new);
        List<KeyValue<String, byte[]>> errors = redis.submit("HMGET", errorsKey, lettuce -> lettuce.hmget(errorsKey, ids))
                .await();
        String deadStream = EventBroker.deadLetterStream(stream);
        List<SubmittedCommand<String>> adds = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, byte[]> m = messages.get(i);
            String error = errors.get(i).hasValue() ? StreamRedis.text(errors.get(i).getValue()) : NO_ERROR;
            // the claim that brought it here counted as a delivery, but no handler saw it
            long count = deliveries.getOrDefault(m.getId(), 1L) - 1;
            Map<String, byte[]> fields = new LinkedHashMap<>(m.getBody());
            fields.put(StreamEntries.DL_SOURCE_ID, StreamRedis.utf8(m.getId()));
            fields.put(StreamEntries.DL_GROUP, StreamRedis.utf8(group));
            fields.put(StreamEntries.DL_CONSUMER, StreamRedis.utf8(consumer));
            fields.put(StreamEntries.DL_DELIVERIES, StreamRedis.utf8(Long.toString(count)));
            fields.put(StreamEntries.DL_ERROR, StreamRedis.utf8(error));
            fields.put(StreamEntries.DL_TIME, StreamRedis.utf8(Long.toString(now)));
            adds.add(redis.submit("XADD", deadStream, lettuce -> lettuce.xadd(deadStream, fields)));
            LOG.warn("event {} of stream {} moved to {} after {} deliveries to group {}: {}", m.getId(), stream,
                    deadStream, count, group, error);
        }
        for (SubmittedCommand<String> add : adds) {
            add.await();
        }
        SubmittedCommand<Long> ack = redis.submit("XACK", stream, lettuce -> lettuce.xack(stream, group, ids));
        SubmittedCommand<Long> forget = redis.submit("HDEL", errorsKey, lettuce -> lettuce.hdel(errorsKey, ids));
        ack.await();
        forget.await();
        broker.counters().add(StreamCounters.Kind.DEAD_LETTERED, stream, group, messages.size());
    }

    List<DeadLetter> list(String stream, StreamRedis redis, int limit) {
        checkLimit(limit);
        String deadStream = EventBroker.deadLetterStream(stream);
        List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", deadStream,
                lettuce -> lettuce.xrange(deadStream, Range.create("-", "+"), Limit.from(limit))).await();
        List<DeadLetter> letters = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> m : entries) {
            letters.add(letter(stream, m));
        }
        return letters;
    }

    private DeadLetter letter(String stream, StreamMessage<String, byte[]> m) {
        Map<String, byte[]> f = m.getBody();
        Event event = StreamEntries.event(stream, text(f, StreamEntries.DL_SOURCE_ID), f,
                StreamRedis.number(text(f, StreamEntries.DL_DELIVERIES), 0), broker.values());
        return new DeadLetter(m.getId(), event, text(f, StreamEntries.DL_GROUP), text(f, StreamEntries.DL_CONSUMER),
                StreamRedis.number(text(f, StreamEntries.DL_DELIVERIES), 0), text(f, StreamEntries.DL_ERROR),
                StreamRedis.number(text(f, StreamEntries.DL_TIME), 0));
    }

    int redrive(String stream, StreamRedis redis, int limit) {
        checkLimit(limit);
        String deadStream = EventBroker.deadLetterStream(stream);
        List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", deadStream,
                lettuce -> lettuce.xrange(deadStream, Range.create("-", "+"), Limit.from(limit))).await();
        for (StreamMessage<String, byte[]> m : entries) {
            redrive(stream, redis, m);
        }
        return entries.size();
    }

    boolean redrive(String stream, StreamRedis redis, String deadLetterId) {
        String deadStream = EventBroker.deadLetterStream(stream);
        List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", deadStream,
                lettuce -> lettuce.xrange(deadStream, Range.create(deadLetterId, deadLetterId), Limit.from(1))).await();
        if (entries.isEmpty()) {
            return false;
        }
        redrive(stream, redis, entries.get(0));
        return true;
    }

    /** Appends the original event again (added first, removed from the dead letters after: never lost). */
    private void redrive(String stream, StreamRedis redis, StreamMessage<String, byte[]> m) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : m.getBody().entrySet()) {
            if (!f.getKey().startsWith("dl:")) {
                fields.put(f.getKey(), f.getValue());
            }
        }
        byte[] source = m.getBody().get(StreamEntries.DL_SOURCE_ID);
        if (source != null) {
            fields.put(StreamEntries.HEADER_PREFIX + StreamEntries.REDRIVEN_FROM, source);
        }
        String deadStream = EventBroker.deadLetterStream(stream);
        redis.submit("XADD", stream, lettuce -> lettuce.xadd(stream, fields)).await();
        broker.counters().add(StreamCounters.Kind.PUBLISHED, stream, null, 1);
        redis.submit("XDEL", deadStream, lettuce -> lettuce.xdel(deadStream, m.getId())).await();
    }

    private static String text(Map<String, byte[]> fields, String name) {
        return StreamRedis.text(fields.get(name));
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit + "; expected at least 1");
        }
    }
}
