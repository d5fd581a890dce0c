package io.fluxa.stream;

import io.lettuce.core.StreamMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of an event in a stream entry: field {@code body} holds the msgpack body, and each header
 * is a field {@code h:<name>} with a UTF-8 value. Dead-letter entries add {@code dl:*} fields.
 */
final class StreamEntries {

    static final String BODY = "body";
    static final String HEADER_PREFIX = "h:";
    static final String DL_SOURCE_ID = "dl:source-id";
    static final String DL_GROUP = "dl:group";
    static final String DL_CONSUMER = "dl:consumer";
    static final String DL_DELIVERIES = "dl:deliveries";
    static final String DL_ERROR = "dl:error";
    static final String DL_TIME = "dl:time";
    static final String REDRIVEN_FROM = "fluxa-redriven-from";

    private StreamEntries() {
    }

    static Map<String, byte[]> fields(byte[] body, Map<String, String> headers) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put(BODY, body);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || name.isEmpty() || value == null) {
                    throw new IllegalArgumentException("event headers need non-empty names and non-null values; got "
                            + name + "=" + value);
                }
                fields.put(HEADER_PREFIX + name, StreamRedis.utf8(value));
            });
        }
        return fields;
    }

    static Event event(String stream, StreamMessage<String, byte[]> message, long deliveries, EventValues values) {
        return event(stream, message.getId(), message.getBody(), deliveries, values);
    }

    static Event event(String stream, String id, Map<String, byte[]> fields, long deliveries, EventValues values) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        if (fields != null) {
            for (Map.Entry<String, byte[]> f : fields.entrySet()) {
                if (f.getKey().equals(BODY)) {
                    body = f.getValue() == null ? new byte[0] : f.getValue();
                } else if (f.getKey().startsWith(HEADER_PREFIX)) {
                    headers.put(f.getKey().substring(HEADER_PREFIX.length()), StreamRedis.text(f.getValue()));
                }
            }
        }
        return new Event(stream, id, headers, body, deliveries, values);
    }
}
