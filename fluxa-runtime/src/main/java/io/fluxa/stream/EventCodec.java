package io.fluxa.stream;

/**
 * Turns an application type into a value the broker can write (and back), so events can carry it
 * without reflection. Register it with {@link io.fluxa.Registry#registerEventCodec(EventCodec)}.
 *
 * <pre>{@code
 * record OrderPlaced(long orderId, String customer) {}
 *
 * class OrderPlacedCodec implements EventCodec<OrderPlaced> {
 *     public Class<OrderPlaced> type() { return OrderPlaced.class; }
 *     public Object encode(OrderPlaced o) { return Map.of("order", o.orderId(), "customer", o.customer()); }
 *     public OrderPlaced decode(Object value) {
 *         Map<?, ?> m = (Map<?, ?>) value;
 *         return new OrderPlaced((Long) m.get("order"), (String) m.get("customer"));
 *     }
 * }
 * }</pre>
 *
 * @param <T> the application type
 */
public interface EventCodec<T> {

    /** The exact class this codec handles (looked up by the value's class, not its supertypes). */
    Class<T> type();

    /**
     * The value to write: {@code null}, a boolean, a number, a {@code String}, a {@code byte[]}, an
     * {@code Instant}/{@code LocalDate}/{@code LocalDateTime}, or a {@code List}/{@code Map} of those.
     */
    Object encode(T value);

    /** Rebuilds the application value from what {@link #encode} wrote, as decoded by the broker. */
    T decode(Object value);
}
