package io.fluxa;

import java.util.Collection;
import java.util.Objects;

/**
 * A typed reference to one MySQL column of an entity, for {@link Where} conditions that the
 * compiler checks. Generated entity classes hold one public constant per column, e.g.
 * {@code ProductEntity.PRICE} ({@code Column<BigDecimal>}): renaming or removing the field breaks
 * the build instead of a query in production, and a parameter of the wrong type does not compile.
 *
 * <pre>{@code
 * Where cheapInStock = ProductEntity.PRICE.lt(new BigDecimal("10.00")).and(ProductEntity.STOCK.gt(0L))
 *         .orderBy(ProductEntity.PRICE.asc());
 * Where sameAsText = Where.of(ProductEntity.PRICE + " < ? AND " + ProductEntity.STOCK + " > ?", price, 0L);
 * }</pre>
 *
 * {@link #toString()} is the quoted column name ({@code `Price`}), so a constant can also be
 * concatenated into a hand-written condition. Immutable and thread-safe.
 *
 * @param <T> the Java type of a parameter compared with the column: {@code Long} for integers, ids
 *     and references, {@code Double}, {@code BigDecimal}, {@code Boolean}, {@code String},
 *     {@code LocalDate}, {@code Instant} or {@code LocalDateTime}, {@code byte[]}, the generated enum of
 *     an enum column, and {@code String} for a set column (its stored form, members comma-joined in
 *     declaration order)
 */
public final class Column<T> {

    private final String name;
    private final String quoted;

    private Column(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.quoted = "`" + name.replace("`", "``") + "`";
    }

    /** The column named {@code name} in MySQL (as generated code declares it). */
    public static <T> Column<T> of(String name) {
        return new Column<>(name);
    }

    /** The MySQL column name, e.g. {@code Price}. */
    public String name() {
        return name;
    }

    /** {@code `Column` = ?}; use {@link #isNull()} to match NULL. */
    public Where eq(T value) {
        return compare("=", value);
    }

    /** {@code `Column` <> ?} (rows where the column is NULL do not match, as in SQL). */
    public Where ne(T value) {
        return compare("<>", value);
    }

    /** {@code `Column` > ?}. */
    public Where gt(T value) {
        return compare(">", value);
    }

    /** {@code `Column` >= ?}. */
    public Where ge(T value) {
        return compare(">=", value);
    }

    /** {@code `Column` < ?}. */
    public Where lt(T value) {
        return compare("<", value);
    }

    /** {@code `Column` <= ?}. */
    public Where le(T value) {
        return compare("<=", value);
    }

    /** {@code `Column` IN (?, ?, …)}; an empty collection matches nothing. */
    public Where in(Collection<? extends T> values) {
        Objects.requireNonNull(values, () -> quoted + " IN: the collection is null; pass an empty one to match nothing");
        return Where.of(quoted + " IN ?", values);
    }

    /** {@code `Column` IS NULL}. */
    public Where isNull() {
        return Where.of(quoted + " IS NULL");
    }

    /** {@code `Column` IS NOT NULL}. */
    public Where isNotNull() {
        return Where.of(quoted + " IS NOT NULL");
    }

    /** {@code `Column` ASC}, for {@link Where#orderBy(String)}. */
    public String asc() {
        return quoted + " ASC";
    }

    /** {@code `Column` DESC}, for {@link Where#orderBy(String)}. */
    public String desc() {
        return quoted + " DESC";
    }

    private Where compare(String operator, T value) {
        if (value == null) {
            throw new IllegalArgumentException(quoted + " " + operator + " null never matches in SQL; use "
                    + (operator.equals("=") ? "isNull()" : "isNotNull() or isNull()") + " instead");
        }
        return Where.of(quoted + " " + operator + " ?", value);
    }

    /** The quoted column name, e.g. {@code `Price`}: ready to use in SQL text. */
    @Override
    public String toString() {
        return quoted;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Column<?> column && column.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
