package io.fluxa.stream;

import java.util.Map;

/**
 * One event read from a stream: its stream entry id, string headers and msgpack body. The body is
 * decoded on first use.
 */
public final class Event {

    private final String stream;
    private final String id;
    private final Map<String, String> headers;
    private final byte[] rawBody;
    private final long deliveries;
    private final EventValues values;
    private Object body;
    private boolean decoded;

    Event(String stream, String id, Map<String, String> headers, byte[] rawBody, long deliveries,
            EventValues values) {
        this.stream = stream;
        this.id = id;
        this.headers = Map.copyOf(headers);
        this.rawBody = rawBody;
        this.deliveries = deliveries;
        this.values = values;
    }

    /** The stream the event was read from. */
    public String stream() {
        return stream;
    }

    /** The stream entry id, e.g. {@code 1733230000000-0}: unique within the stream, increasing. */
    public String id() {
        return id;
    }

    /** The time Redis added the entry, in epoch milliseconds (the first part of the id). */
    public long timestampMillis() {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    /** Headers given at publish time; empty when there were none. */
    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /**
     * How many times the group has delivered this event, this delivery included: 1 on the first
     * read, more after the event was claimed from a consumer that did not acknowledge it.
     */
    public long deliveries() {
        return deliveries;
    }

    /** The body as decoded from msgpack: null, Boolean, Long, Double, String, byte[], java.time, List or Map. */
    public Object body() {
        if (!decoded) {
            body = values.decode(rawBody);
            decoded = true;
        }
        return body;
    }

    /** The body as {@code type}, through the registered {@link EventCodec} of that type when there is one. */
    public <T> T body(Class<T> type) {
        return values.as(body(), type);
    }

    /** The body's msgpack bytes as stored. */
    public byte[] rawBody() {
        return rawBody.clone();
    }

    byte[] rawBodyUnsafe() {
        return rawBody;
    }

    @Override
    public String toString() {
        return "Event{" + stream + " " + id + ", " + rawBody.length + " bytes"
                + (headers.isEmpty() ? "" : ", headers " + headers) + (deliveries > 1 ? ", delivery " + deliveries : "")
                + "}";
    }
}
