package io.fluxa.search;

import io.fluxa.Column;
import io.fluxa.FluxaException;
import io.fluxa.schema.EnumValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A condition (and optional sort) for the Redis search of one entity, over its {@code @Searchable}
 * columns named by MySQL column name ({@code Price}) or field path ({@code price}). Immutable: every
 * method returns a new condition. Checked against the entity's index before anything is sent: an
 * unknown or non-searchable column, a range on a column that has no order, a sort by a column that
 * is not {@code @Sortable}, or a value of the wrong type throws a {@link FluxaException} naming the
 * column and the reason.
 *
 * <pre>{@code
 * RedisSearchWhere where = RedisSearchWhere.eq("Status", "active")
 *         .and(RedisSearchWhere.between("Price", 10, 50))
 *         .sortBy("Price", false);
 * }</pre>
 *
 * <p>A NULL value matches no equality, IN or range; use {@link #isNull}. {@link #not} matches every
 * indexed row the condition does not match, including rows whose column is NULL.
 */
public final class RedisSearchWhere {

    enum Op { ALL, EQ, IN, RANGE, IS_NULL, AND, OR, NOT }

    /** How a leaf named its column: by name, through a generated {@link Column} constant, or by {@code contains}. */
    enum Form { NAMED, TYPED, CONTAINS }

    final Op op;
    final Form form;
    final String column;
    final List<Object> values;
    final Object min;
    final boolean minInclusive;
    final Object max;
    final boolean maxInclusive;
    final List<RedisSearchWhere> parts;
    final String sortColumn;
    final boolean descending;

    private RedisSearchWhere(Op op, Form form, String column, List<Object> values, Object min, boolean minInclusive,
            Object max, boolean maxInclusive, List<RedisSearchWhere> parts, String sortColumn, boolean descending) {
        this.op = op;
        this.form = form;
        this.column = column;
        this.values = values;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.maxInclusive = maxInclusive;
        this.parts = parts;
        this.sortColumn = sortColumn;
        this.descending = descending;
    }

    private static RedisSearchWhere leaf(Op op, String column, List<Object> values) {
        return leaf(op, Form.NAMED, column, values);
    }

    private static RedisSearchWhere leaf(Op op, Form form, String column, List<Object> values) {
        if (column == null || column.isBlank()) {
            throw new FluxaException("RedisSearchWhere: a condition needs a column name");
        }
        return new RedisSearchWhere(op, form, column, values, null, false, null, false, List.of(), null, false);
    }

    private static RedisSearchWhere range(String column, Object min, boolean minInclusive, Object max,
            boolean maxInclusive) {
        return range(Form.NAMED, column, min, minInclusive, max, maxInclusive);
    }

    private static RedisSearchWhere range(Form form, String column, Object min, boolean minInclusive, Object max,
            boolean maxInclusive) {
        if (column == null || column.isBlank()) {
            throw new FluxaException("RedisSearchWhere: a condition needs a column name");
        }
        return new RedisSearchWhere(Op.RANGE, form, column, List.of(), min, minInclusive, max, maxInclusive,
                List.of(), null, false);
    }

    /** Every indexed row (every row that is not soft-deleted). */
    public static RedisSearchWhere all() {
        return new RedisSearchWhere(Op.ALL, Form.NAMED, null, List.of(), null, false, null, false, List.of(), null,
                false);
    }

    /** Rows whose column equals {@code value}; for a SET column: rows whose set contains it. */
    public static RedisSearchWhere eq(String column, Object value) {
        if (value == null) {
            throw new FluxaException("RedisSearchWhere.eq(\"" + column + "\", null): NULL equals nothing; "
                    + "use RedisSearchWhere.isNull(\"" + column + "\")");
        }
        return leaf(Op.EQ, column, List.of(value));
    }

    /** Rows whose column equals one of {@code values} (none matches nothing). */
    public static RedisSearchWhere in(String column, Object... values) {
        return in(column, Arrays.asList(values));
    }

    /** Rows whose column equals one of {@code values} (an empty collection matches nothing). */
    public static RedisSearchWhere in(String column, Collection<?> values) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value == null) {
                throw new FluxaException("RedisSearchWhere.in(\"" + column + "\", …) got a null value; NULL equals "
                        + "nothing: use RedisSearchWhere.isNull(\"" + column + "\")");
            }
            list.add(value);
        }
        return leaf(Op.IN, column, List.copyOf(list));
    }

    /** Rows whose column lies between {@code min} and {@code max}, both included. */
    public static RedisSearchWhere between(String column, Object min, Object max) {
        return range(column, required(column, min), true, required(column, max), true);
    }

    /** Rows whose column is at least {@code min}. */
    public static RedisSearchWhere gte(String column, Object min) {
        return range(column, required(column, min), true, null, false);
    }

    /** Rows whose column is greater than {@code min}. */
    public static RedisSearchWhere gt(String column, Object min) {
        return range(column, required(column, min), false, null, false);
    }

    /** Rows whose column is at most {@code max}. */
    public static RedisSearchWhere lte(String column, Object max) {
        return range(column, null, false, required(column, max), true);
    }

    /** Rows whose column is less than {@code max}. */
    public static RedisSearchWhere lt(String column, Object max) {
        return range(column, null, false, required(column, max), false);
    }

    /** Rows whose column is NULL. */
    public static RedisSearchWhere isNull(String column) {
        return leaf(Op.IS_NULL, column, List.of());
    }

    /** Rows matching every one of {@code parts}. */
    public static RedisSearchWhere and(RedisSearchWhere... parts) {
        return combine(Op.AND, parts);
    }

    /** Rows matching at least one of {@code parts}. */
    public static RedisSearchWhere or(RedisSearchWhere... parts) {
        return combine(Op.OR, parts);
    }

    /** Indexed rows not matching {@code part}. */
    public static RedisSearchWhere not(RedisSearchWhere part) {
        return combine(Op.NOT, part);
    }

    /** This condition and {@code other}. */
    public RedisSearchWhere and(RedisSearchWhere other) {
        return combine(Op.AND, this, other);
    }

    /** This condition or {@code other}. */
    public RedisSearchWhere or(RedisSearchWhere other) {
        return combine(Op.OR, this, other);
    }

    /**
     * The same condition with its rows sorted by a {@code @Sortable} column; rows with equal values
     * follow their ids in the same direction, NULLs come first ascending and last descending (as in
     * MySQL). Without a sort, rows come in id order.
     */
    public RedisSearchWhere sortBy(String column, boolean ascending) {
        if (column == null || column.isBlank()) {
            throw new FluxaException("RedisSearchWhere.sortBy: a sort needs a column name");
        }
        return new RedisSearchWhere(op, form, this.column, values, min, minInclusive, max, maxInclusive, parts,
                column, !ascending);
    }

    // ---- typed forms: the generated column constants (ProductEntity.PRICE …) --------------------

    /**
     * Rows whose column equals {@code value}; the compiler checks that {@code value} has the column's
     * type. Not for a {@code @SetOf} column (its constant compares the stored form, MySQL's exact set,
     * while the index matches members): use {@link #contains} there.
     */
    public static <T> RedisSearchWhere eq(Column<T> column, T value) {
        if (value == null) {
            throw new FluxaException("RedisSearchWhere.eq(" + name(column) + ", null): NULL equals nothing; "
                    + "use RedisSearchWhere.isNull(" + name(column) + ")");
        }
        return leaf(Op.EQ, Form.TYPED, name(column), List.of(value));
    }

    /** Rows whose column equals one of {@code values} (none matches nothing); typed like {@link #eq(Column, Object)}. */
    @SafeVarargs
    public static <T> RedisSearchWhere in(Column<T> column, T... values) {
        return in(column, Arrays.asList(values));
    }

    /** Rows whose column equals one of {@code values} (empty matches nothing); typed like {@link #eq(Column, Object)}. */
    public static <T> RedisSearchWhere in(Column<T> column, Collection<? extends T> values) {
        RedisSearchWhere named = in(name(column), values);
        return leaf(Op.IN, Form.TYPED, named.column, named.values);
    }

    /** Rows whose column lies between {@code min} and {@code max}, both included. */
    public static <T> RedisSearchWhere between(Column<T> column, T min, T max) {
        String name = name(column);
        return range(Form.TYPED, name, required(name, min), true, required(name, max), true);
    }

    /** Rows whose column is at least {@code min}. */
    public static <T> RedisSearchWhere gte(Column<T> column, T min) {
        String name = name(column);
        return range(Form.TYPED, name, required(name, min), true, null, false);
    }

    /** Rows whose column is greater than {@code min}. */
    public static <T> RedisSearchWhere gt(Column<T> column, T min) {
        String name = name(column);
        return range(Form.TYPED, name, required(name, min), false, null, false);
    }

    /** Rows whose column is at most {@code max}. */
    public static <T> RedisSearchWhere lte(Column<T> column, T max) {
        String name = name(column);
        return range(Form.TYPED, name, null, false, required(name, max), true);
    }

    /** Rows whose column is less than {@code max}. */
    public static <T> RedisSearchWhere lt(Column<T> column, T max) {
        String name = name(column);
        return range(Form.TYPED, name, null, false, required(name, max), false);
    }

    /** Rows whose column is NULL (for a {@code @SetOf} column: NULL, not the empty set). */
    public static RedisSearchWhere isNull(Column<?> column) {
        return leaf(Op.IS_NULL, Form.TYPED, name(column), List.of());
    }

    /**
     * Rows whose {@code @SetOf} column contains {@code member} (a constant of the generated set enum,
     * e.g. {@code contains(ProductEntity.TAGS, ProductTag.SALE)}). Any other kind of column is an error.
     */
    public static <E extends Enum<E> & EnumValue> RedisSearchWhere contains(Column<String> setColumn, E member) {
        if (member == null) {
            throw new FluxaException("RedisSearchWhere.contains(" + name(setColumn) + ", null): a set contains no "
                    + "NULL member; use RedisSearchWhere.isNull(" + name(setColumn) + ")");
        }
        return leaf(Op.EQ, Form.CONTAINS, name(setColumn), List.of(member));
    }

    /** Rows whose {@code @SetOf} column contains at least one of {@code members} (empty matches nothing). */
    public static <E extends Enum<E> & EnumValue> RedisSearchWhere containsAny(Column<String> setColumn,
            Collection<E> members) {
        RedisSearchWhere named = in(name(setColumn), members);
        return leaf(Op.IN, Form.CONTAINS, named.column, named.values);
    }

    /** {@link #sortBy(String, boolean)} by a generated column constant. */
    public RedisSearchWhere sortBy(Column<?> column, boolean ascending) {
        return sortBy(name(column), ascending);
    }

    private static String name(Column<?> column) {
        if (column == null) {
            throw new FluxaException("RedisSearchWhere: the column constant is null");
        }
        return column.name();
    }

    private static RedisSearchWhere combine(Op op, RedisSearchWhere... parts) {
        if (parts.length == 0) {
            throw new FluxaException("RedisSearchWhere." + op.name().toLowerCase(java.util.Locale.ROOT)
                    + "() needs at least one condition");
        }
        for (RedisSearchWhere part : parts) {
            if (part == null) {
                throw new FluxaException("RedisSearchWhere." + op.name().toLowerCase(java.util.Locale.ROOT)
                        + "() got a null condition");
            }
            if (part.sortColumn != null) {
                throw new FluxaException("RedisSearchWhere: sortBy(\"" + part.sortColumn + "\") on a part of "
                        + op + " has no effect; call sortBy on the whole condition");
            }
        }
        return new RedisSearchWhere(op, Form.NAMED, null, List.of(), null, false, null, false, List.of(parts), null,
                false);
    }

    private static Object required(String column, Object bound) {
        if (bound == null) {
            throw new FluxaException("RedisSearchWhere: a range bound of \"" + column + "\" is null; use gte/lte "
                    + "for an open range");
        }
        return bound;
    }

    @Override
    public String toString() {
        String text = switch (op) {
            case ALL -> "all";
            case EQ -> column + " = " + values.get(0);
            case IN -> column + " IN " + values;
            case RANGE -> column + (min == null ? "" : (minInclusive ? " >= " : " > ") + min)
                    + (max == null ? "" : (min == null ? "" : " AND") + (maxInclusive ? " <= " : " < ") + max);
            case IS_NULL -> column + " IS NULL";
            case NOT -> "NOT (" + parts.get(0) + ")";
            case AND, OR -> {
                StringBuilder b = new StringBuilder("(");
                for (int i = 0; i < parts.size(); i++) {
                    b.append(i == 0 ? "" : " " + op + " ").append(parts.get(i));
                }
                yield b.append(')').toString();
            }
        };
        return sortColumn == null ? text : text + " SORT BY " + sortColumn + (descending ? " DESC" : " ASC");
    }
}
