package io.fluxa.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Argument checks and reply conversions shared by every command description. */
final class Args {

    static final String[] NO_KEYS = new String[0];

    private Args() {
    }

    // ---- argument checks ---------------------------------------------------------------------------

    static String key(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a Redis key must not be null");
        }
        return key;
    }

    static String field(String field) {
        if (field == null) {
            throw new IllegalArgumentException("a hash or stream field name must not be null");
        }
        return field;
    }

    static void value(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a Redis value must not be null; use del(key) to remove a key");
        }
    }

    static String name(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a stream " + what + " name must not be empty");
        }
        return name;
    }

    static String id(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("stream " + what + " must not be empty; use \"-\", \"+\", \"$\", "
                    + "\"0\", \">\" or an entry id");
        }
        return id;
    }

    static String[] keys(String command, String[] keys) {
        return each(command, keys, "key", Args::key);
    }

    static String[] fields(String command, String[] fields) {
        return each(command, fields, "field", Args::field);
    }

    static String[] ids(String command, String[] ids) {
        return each(command, ids, "entry id", id -> id(id, "entry id"));
    }

    /** A copy of a non-empty argument array whose every element passed {@code check}. */
    static String[] each(String command, String[] items, String what, UnaryOperator<String> check) {
        if (items == null || items.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one " + what);
        }
        for (String item : items) {
            check.apply(item);
        }
        return items.clone();
    }

    static byte[][] values(String command, String[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one value");
        }
        return values(values);
    }

    static byte[][] values(String[] values) {
        byte[][] encoded = new byte[values == null ? 0 : values.length][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = bytes(values[i]);
        }
        return encoded;
    }

    static String[] scriptKeys(List<String> keys) {
        if (keys == null) {
            return NO_KEYS;
        }
        String[] k = keys.toArray(NO_KEYS);
        for (String key : k) {
            key(key);
        }
        return k;
    }

    static long positiveMillis(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.toMillis() == 0) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + duration);
        }
        return duration.toMillis();
    }

    // ---- conversions -------------------------------------------------------------------------------

    static byte[] bytes(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a Redis value must not be null; use del(key) to remove a key");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    static long count(Long value) {
        return value == null ? 0 : value;
    }

    static List<String> texts(List<byte[]> values) {
        List<String> result = new ArrayList<>(values.size());
        for (byte[] value : values) {
            result.add(text(value));
        }
        return result;
    }

    static Map<String, String> textMap(Map<String, byte[]> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, text(v)));
        return result;
    }

    static List<String> values(List<KeyValue<String, byte[]>> values) {
        List<String> result = new ArrayList<>(values.size());
        for (KeyValue<String, byte[]> kv : values) {
            result.add(kv.hasValue() ? text(kv.getValue()) : null);
        }
        return result;
    }

    static Set<String> textSet(Set<byte[]> members) {
        Set<String> result = new LinkedHashSet<>();
        for (byte[] member : members) {
            result.add(text(member));
        }
        return result;
    }

    static List<ScoredMember> scored(List<ScoredValue<byte[]>> values) {
        List<ScoredMember> result = new ArrayList<>(values.size());
        for (ScoredValue<byte[]> value : values) {
            result.add(new ScoredMember(text(value.getValue()), value.getScore()));
        }
        return result;
    }

    static List<StreamEntry> entries(List<StreamMessage<String, byte[]>> messages) {
        List<StreamEntry> result = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> message : messages) {
            result.add(new StreamEntry(message.getId(), message.getBody() == null ? Map.of()
                    : textMap(message.getBody())));
        }
        return result;
    }

    static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    static String entryId(Object entry) {
        if (entry instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.get(0));
        }
        return null;
    }
}
