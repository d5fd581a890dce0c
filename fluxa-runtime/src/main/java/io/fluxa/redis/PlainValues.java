package io.fluxa.redis;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MessagePack encoding of the values {@link RedisPool#getOrLoad} stores: {@code null}, strings,
 * booleans, whole and decimal numbers, {@code BigDecimal} (as its text), {@code byte[]}, and lists
 * and string-keyed maps of these, nested. Decoding converts to the type the caller asks for.
 */
final class PlainValues {

    static final String SUPPORTED = "String, Boolean, Long, Integer, Short, Byte, Double, Float, BigDecimal, "
            + "byte[], List and Map<String, ?> of those, or Object";

    private PlainValues() {
    }

    /** A small first buffer: most values are a few bytes, and msgpack's default allocates 8 KiB per value. */
    private static final MessagePack.PackerConfig SMALL_PACKER = new MessagePack.PackerConfig().withBufferSize(256);

    static boolean supports(Class<?> type) {
        return type == Object.class || type == String.class || type == Boolean.class || type == Long.class
                || type == Integer.class || type == Short.class || type == Byte.class || type == Double.class
                || type == Float.class || type == BigDecimal.class || type == byte[].class || type == List.class
                || type == Map.class;
    }

    static byte[] encode(Object value) {
        try (MessageBufferPacker packer = SMALL_PACKER.newBufferPacker()) {
            pack(packer, value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value, e); // in-memory: never happens
        }
    }

    private static void pack(MessageBufferPacker packer, Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof String s) {
            packer.packString(s);
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            packer.packLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            packer.packDouble(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal d) {
            packer.packString(d.toPlainString());
        } else if (value instanceof BigInteger i) {
            packer.packBigInteger(i);
        } else if (value instanceof byte[] bytes) {
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (value instanceof Collection<?> items) {
            packer.packArrayHeader(items.size());
            for (Object item : items) {
                pack(packer, item);
            }
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("getOrLoad stores maps with String keys only, got key "
                            + e.getKey());
                }
                packer.packString(key);
                pack(packer, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("getOrLoad cannot store a " + value.getClass().getName()
                    + "; it stores " + SUPPORTED + " (encode other types yourself, e.g. as a JSON String)");
        }
    }

    /**
     * The stored value as {@code type}.
     *
     * @throws IllegalArgumentException when the stored value does not fit {@code type} (it was stored
     *     by code expecting another type)
     */
    static <T> T decode(byte[] bytes, Class<T> type) {
        Value value;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            value = unpacker.unpackValue();
            if (unpacker.hasNext()) {
                throw new IllegalArgumentException("not one MessagePack value: bytes follow it");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a MessagePack value", e);
        }
        return convert(value, type);
    }

    private static <T> T convert(Value value, Class<T> type) {
        if (value.isNilValue()) {
            return null;
        }
        Object plain = plain(value);
        if (type == Object.class || type.isInstance(plain)) {
            return type.cast(plain);
        }
        if (plain instanceof Long l) {
            if (type == Integer.class && l == l.intValue()) {
                return type.cast(l.intValue());
            }
            if (type == Short.class && l == l.shortValue()) {
                return type.cast(l.shortValue());
            }
            if (type == Byte.class && l == l.byteValue()) {
                return type.cast(l.byteValue());
            }
        }
        if (plain instanceof Double d && type == Float.class) {
            return type.cast(d.floatValue());
        }
        if (plain instanceof String s && type == BigDecimal.class) {
            try {
                return type.cast(new BigDecimal(s));
            } catch (NumberFormatException e) {
                // falls through to the mismatch below
            }
        }
        throw new IllegalArgumentException("the stored value is a " + plain.getClass().getSimpleName()
                + ", not a " + type.getSimpleName());
    }

    private static Object plain(Value value) {
        return switch (value.getValueType()) {
            case NIL -> null;
            case BOOLEAN -> value.asBooleanValue().getBoolean();
            case INTEGER -> value.asIntegerValue().isInLongRange() ? (Object) value.asIntegerValue().toLong()
                    : value.asIntegerValue().toBigInteger();
            case FLOAT -> value.asFloatValue().toDouble();
            case STRING -> value.asStringValue().asString();
            case BINARY -> value.asBinaryValue().asByteArray();
            case ARRAY -> {
                ArrayValue array = value.asArrayValue();
                List<Object> list = new ArrayList<>(array.size());
                for (Value item : array) {
                    list.add(plain(item));
                }
                yield list;
            }
            case MAP -> {
                MapValue map = value.asMapValue();
                Map<String, Object> result = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : map.entrySet()) {
                    result.put(e.getKey().toString(), plain(e.getValue()));
                }
                yield result;
            }
            case EXTENSION -> value.asExtensionValue().getData();
        };
    }
}
