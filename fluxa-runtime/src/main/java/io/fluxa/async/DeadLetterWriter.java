package io.fluxa.async;

import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dead-letter stream of one pool's async flushes: writing, listing and re-driving entries. */
final class DeadLetterWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
    static final String SOURCE = "dl:source";
    static final String ERROR = "dl:error";
    static final String OPERATIONS = "dl:operations";
    static final String TIME = "dl:time";
    static final String ATTEMPTS = "dl:attempts";

    private final RedisPool redis;
    private final String pool;
    private final String stream;
    private final String dead;

    DeadLetterWriter(RedisPool redis, MySqlPool pool) {
        this.redis = redis;
        this.pool = pool.code();
        this.stream = AsyncKeys.stream(redis, pool);
        this.dead = AsyncKeys.deadLetters(redis, pool);
    }

    /**
     * Adds a rejected entry (with the error, its operations and how many attempts failed: 1 for a
     * permanent failure) to the dead letters.
     */
    void write(AsyncApplier.Raw raw, AsyncEntry entry, RuntimeException error, int attempts) {
        String operations = entry == null ? "(the entry could not be decoded)" : operations(entry);
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put(AsyncKeys.BODY, raw.body());
        fields.put(SOURCE, utf8(raw.id()));
        fields.put(ERROR, utf8(String.valueOf(error.getMessage())));
        fields.put(OPERATIONS, utf8(operations));
        fields.put(TIME, utf8(Long.toString(System.currentTimeMillis())));
        fields.put(ATTEMPTS, utf8(Integer.toString(attempts)));
        redis.submit("XADD", dead, lettuce -> lettuce.xadd(dead, fields)).await();
        LOG.warn("async flush entry {} of MySQL pool '{}' ({}) was refused by MySQL and moved to {}: {}", raw.id(),
                pool, operations, dead, error.getMessage());
    }

    static String operations(AsyncEntry entry) {
        StringBuilder text = new StringBuilder();
        for (AsyncEntry.Op op : entry.ops()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(op.action().name()).append(' ').append(op.entity()).append(' ').append(op.id());
        }
        return text.toString();
    }

    List<AsyncFlush.DeadLetter> list(int limit) {
        List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", dead,
                lettuce -> lettuce.xrange(dead, Range.create("-", "+"), Limit.from(limit))).await();
        List<AsyncFlush.DeadLetter> letters = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> m : entries) {
            Map<String, byte[]> f = m.getBody();
            letters.add(new AsyncFlush.DeadLetter(pool, m.getId(), text(f.get(SOURCE)), text(f.get(ERROR)),
                    text(f.get(OPERATIONS)), Long.parseLong(text(f.get(TIME))),
                    f.containsKey(ATTEMPTS) ? Integer.parseInt(text(f.get(ATTEMPTS))) : 1));
        }
        return letters;
    }

    long count() {
        return redis.submit("XLEN", dead, lettuce -> lettuce.xlen(dead)).await();
    }

    /**
     * Appends the entry to the end of the pool's stream again (added first, removed from the dead
     * letters after, so it is never lost). It applies after the entries already in the stream.
     */
    boolean redrive(String deadLetterId) {
        List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", dead,
                lettuce -> lettuce.xrange(dead, Range.create(deadLetterId, deadLetterId), Limit.from(1))).await();
        if (entries.isEmpty()) {
            return false;
        }
        byte[] body = entries.get(0).getBody().get(AsyncKeys.BODY);
        redis.submit("XADD", stream, lettuce -> lettuce.xadd(stream, Map.of(AsyncKeys.BODY, body))).await();
        redis.submit("XDEL", dead, lettuce -> lettuce.xdel(dead, deadLetterId)).await();
        return true;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
