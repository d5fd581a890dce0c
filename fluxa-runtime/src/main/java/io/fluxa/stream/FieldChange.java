package io.fluxa.stream;

/**
 * The value of one field before and after a flush. Values have the entity's canonical column types:
 * {@code Long} for integers and references, {@code Double}, {@code Boolean}, {@code String} (enums and
 * sets as their database text; decimals as their exact text, read with {@code newValue(field, BigDecimal.class)}), {@code LocalDate}, {@code Instant} or {@code LocalDateTime},
 * {@code byte[]}; {@code null} for SQL NULL. An insert has only new values, a delete only old ones, a
 * soft delete both for every field.
 */
public record FieldChange(Object oldValue, Object newValue) {
}
