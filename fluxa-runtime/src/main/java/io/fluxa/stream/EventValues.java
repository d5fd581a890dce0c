package io.fluxa.stream;

import io.fluxa.FluxaException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The msgpack form of event values. Writes by a switch over the value's class (no reflection):
 * booleans, integers (as {@code Long} when read back), floats and doubles (as {@code Double}),
 * strings, byte arrays, lists, maps, and three java.time types as msgpack extensions — {@code Instant}
 * as the standard timestamp extension, {@code LocalDate} and {@code LocalDateTime} as Fluxa's own
 * extension types {@value #EXT_LOCAL_DATE} and {@value #EXT_LOCAL_DATE_TIME}. Anything else needs an
 * {@link EventCodec}.
 */
final class EventValues {

    static final byte EXT_LOCAL_DATE = 1;
    static final byte EXT_LOCAL_DATE_TIME = 2;

    /** Events are usually a few hundred bytes; msgpack's default first buffer is 8 KiB. */
    private static final MessagePack.PackerConfig SMALL_PACKER = new MessagePack.PackerConfig().withBufferSize(512);

    private final Map<Class<?>, EventCodec<?>> codecs;

    EventValues(Map<Class<?>, EventCodec<?>> codecs) {
        this.codecs = Map.copyOf(codecs);
    }

    byte[] encode(Object value) {
        MessageBufferPacker packer = SMALL_PACKER.newBufferPacker();
        try {
            write(packer, value, "body");
            return packer.toByteArray();
        } catch (IOException e) {
            throw new FluxaException("cannot encode an event body: " + e.getMessage(), e);
        }
    }

    Object decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return read(unpacker);
        } catch (IOException e) {
            throw new FluxaException("cannot decode an event body (" + bytes.length + " bytes of msgpack expected): "
                    + e.getMessage(), e);
        }
    }

    /** The decoded body as {@code type}: through its codec when one is registered, else a plain cast. */
    <T> T as(Object decoded, Class<T> type) {
        @SuppressWarnings("unchecked")
        EventCodec<T> codec = (EventCodec<T>) codecs.get(type);
        if (codec != null) {
            return codec.decode(decoded);
        }
        if (decoded == null || type.isInstance(decoded)) {
            return type.cast(decoded);
        }
        throw new FluxaException("event body is a " + decoded.getClass().getSimpleName() + ", not a "
                + type.getName() + "; register an EventCodec<" + type.getSimpleName()
                + "> with Registry.registerEventCodec(...) to read it as that type");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void write(MessageBufferPacker p, Object value, String path) throws IOException {
        if (value == null) {
            p.packNil();
        } else if (value instanceof String s) {
            p.packString(s);
        } else if (value instanceof Long l) {
            p.packLong(l);
        } else if (value instanceof Integer i) {
            p.packInt(i);
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value instanceof Double d) {
            p.packDouble(d);
        } else if (value instanceof Float f) {
            p.packDouble(f);
        } else if (value instanceof BigDecimal d) {
            p.packString(d.toPlainString()); // exact: a decimal travels as its text
        } else if (value instanceof Short s) {
            p.packShort(s);
        } else if (value instanceof Byte b) {
            p.packByte(b);
        } else if (value instanceof Character c) {
            p.packString(String.valueOf(c));
        } else if (value instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (value instanceof Instant t) {
            p.packTimestamp(t);
        } else if (value instanceof LocalDate d) {
            byte[] payload = ByteBuffer.allocate(8).putLong(d.toEpochDay()).array();
            p.packExtensionTypeHeader(EXT_LOCAL_DATE, payload.length);
            p.writePayload(payload);
        } else if (value instanceof LocalDateTime t) {
            byte[] payload = ByteBuffer.allocate(12).putLong(t.toEpochSecond(ZoneOffset.UTC)).putInt(t.getNano()).array();
            p.packExtensionTypeHeader(EXT_LOCAL_DATE_TIME, payload.length);
            p.writePayload(payload);
        } else if (value instanceof List<?> list) {
            p.packArrayHeader(list.size());
            for (int i = 0; i < list.size(); i++) {
                write(p, list.get(i), path + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            p.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(p, e.getKey(), path + " key");
                write(p, e.getValue(), path + "." + e.getKey());
            }
        } else {
            EventCodec codec = codecs.get(value.getClass());
            if (codec == null) {
                throw new FluxaException("cannot publish " + value.getClass().getName() + " at " + path
                        + ": the broker writes null, booleans, numbers, strings, byte[], Instant, LocalDate,"
                        + " LocalDateTime, lists and maps of those; register an EventCodec<"
                        + value.getClass().getSimpleName() + "> with Registry.registerEventCodec(...)");
            }
            write(p, codec.encode(value), path);
        }
    }

    private static Object read(MessageUnpacker u) throws IOException {
        MessageFormat format = u.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                return u.unpackLong();
            case FLOAT:
                return u.unpackDouble();
            case STRING:
                return u.unpackString();
            case BINARY: {
                int n = u.unpackBinaryHeader();
                return u.readPayload(n);
            }
            case ARRAY: {
                int n = u.unpackArrayHeader();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(u));
                }
                return list;
            }
            case MAP: {
                int n = u.unpackMapHeader();
                Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, n * 2));
                for (int i = 0; i < n; i++) {
                    Object key = read(u);
                    map.put(key, read(u));
                }
                return map;
            }
            case EXTENSION: {
                var header = u.unpackExtensionTypeHeader();
                if (header.isTimestampType()) {
                    return u.unpackTimestamp(header);
                }
                byte[] payload = u.readPayload(header.getLength());
                ByteBuffer b = ByteBuffer.wrap(payload);
                if (header.getType() == EXT_LOCAL_DATE && payload.length == 8) {
                    return LocalDate.ofEpochDay(b.getLong());
                }
                if (header.getType() == EXT_LOCAL_DATE_TIME && payload.length == 12) {
                    return LocalDateTime.ofEpochSecond(b.getLong(), b.getInt(), ZoneOffset.UTC);
                }
                return payload;
            }
            default:
                throw new IOException("unexpected msgpack value type " + type);
        }
    }
}
