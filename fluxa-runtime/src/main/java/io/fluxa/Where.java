package io.fluxa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A SQL condition with bound parameters, used by the generated {@code search…} methods.
 *
 * <pre>{@code
 * Where.of("`Age` >= ? AND `ID` IN ?", 18, List.of(1L, 2L)).orderBy("`Name` DESC");
 * UserEntity.AGE.ge(18L).and(UserEntity.ID.in(List.of(1L, 2L))).orderBy(UserEntity.NAME.desc());
 * }</pre>
 *
 * The second form uses the generated {@link Column} constants, which the compiler checks.
 *
 * Each {@code ?} takes one parameter. A {@link Collection} parameter expands to {@code (?, ?, …)},
 * so write {@code IN ?} (an empty collection matches nothing). Parameters are always bound, never
 * concatenated. Soft-deleted rows are excluded unless {@link #withFakeDeleted()} is called.
 * Instances are mutable builders; do not share one between threads while changing it.
 */
public final class Where {

    private final StringBuilder sql;
    private final List<Object> parameters;
    private String orderBy;
    private boolean withFakeDeleted;

    private Where(String sql, Object[] parameters) {
        this.sql = new StringBuilder(sql == null ? "" : sql);
        this.parameters = new ArrayList<>(parameters == null ? 1 : parameters.length);
        addParameters(parameters);
    }

    /** A condition such as {@code "`Name` = ? AND `Age` > ?"}. */
    public static Where of(String sql, Object... parameters) {
        return new Where(sql, parameters);
    }

    /** Matches every row ({@code 1}). */
    public static Where all() {
        return new Where("1", null);
    }

    /** Appends more SQL (with a leading space) and its parameters, e.g. {@code append("AND `Age` < ?", 60)}. */
    public Where append(String moreSql, Object... moreParameters) {
        if (sql.length() > 0) {
            sql.append(' ');
        }
        sql.append(moreSql);
        addParameters(moreParameters);
        return this;
    }

    /**
     * Makes this condition {@code (this) AND (other)}, parameters in that order, and returns it. Only
     * {@code other}'s condition and parameters are taken, not its ORDER BY or soft-delete setting.
     * Typical with {@link Column} conditions: {@code PRICE.lt(max).and(STOCK.gt(0L))}.
     */
    public Where and(Where other) {
        return combine("AND", other);
    }

    /** Makes this condition {@code (this) OR (other)} and returns it; see {@link #and(Where)}. */
    public Where or(Where other) {
        return combine("OR", other);
    }

    private Where combine(String operator, Where other) {
        sql.insert(0, '(').append(") ").append(operator).append(" (").append(other.sql).append(')');
        parameters.addAll(other.parameters);
        return this;
    }

    /** The ORDER BY clause without the keywords, e.g. {@code "`Age` DESC, `ID`"}. */
    public Where orderBy(String orderByClause) {
        this.orderBy = orderByClause;
        return this;
    }

    /** Includes soft-deleted rows, which searches skip by default. */
    public Where withFakeDeleted() {
        this.withFakeDeleted = true;
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** The parameters as given (collections not yet expanded). */
    public List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The ORDER BY clause, or null. */
    public String orderByClause() {
        return orderBy;
    }

    public boolean includesFakeDeleted() {
        return withFakeDeleted;
    }

    private void addParameters(Object[] values) {
        if (values != null) {
            Collections.addAll(parameters, values);
        }
    }

    @Override
    public String toString() {
        return sql + (orderBy == null ? "" : " ORDER BY " + orderBy) + " " + parameters;
    }
}
