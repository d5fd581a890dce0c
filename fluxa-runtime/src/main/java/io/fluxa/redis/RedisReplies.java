package io.fluxa.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of raw Lettuce replies (with Fluxa's {@code byte[]} values) that have no typed model, such as
 * {@code XINFO}: the one place for it, used by the Redis layer and the stream broker.
 */
public final class RedisReplies {

    private RedisReplies() {
    }

    /** The reply with every bulk string decoded as UTF-8, lists and maps decoded element by element. */
    public static Object plain(Object reply) {
        if (reply instanceof byte[] bytes) {
            return Args.text(bytes);
        }
        if (reply instanceof Collection<?> items) {
            List<Object> result = new ArrayList<>(items.size());
            for (Object item : items) {
                result.add(plain(item));
            }
            return result;
        }
        if (reply instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(plain(k), plain(v)));
            return result;
        }
        return reply;
    }

    /** An {@code XINFO} reply (a flat name/value list, or a map under RESP3) as a map of plain values. */
    public static Map<String, Object> pairs(Object reply) {
        Object plain = plain(reply);
        Map<String, Object> result = new LinkedHashMap<>();
        if (plain instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
        } else if (plain instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                result.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return result;
    }
}
