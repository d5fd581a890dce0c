package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.Where;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * MySQL searches of one entity type: rows, ids and counts matching a {@link Where}. Soft-deleted
 * rows are left out unless the condition opts in. Rows the context already holds come back as the
 * same objects.
 */
public final class EntitySearch {

    private EntitySearch() {
    }

    public static List<Object> search(Context context, EntityType type, Where where, Pager pager) {
        List<Object> params = new ArrayList<>();
        String sql = type.selectSql() + condition(type, where, params) + orderAndLimit(where, pager, params);
        List<Object[]> rows = RowQueries.rows(context, type, sql, params);
        List<Object> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(ContextRows.fromSearch(context, type, row));
        }
        return result;
    }

    public static List<Long> searchIds(Context context, EntityType type, Where where, Pager pager) {
        List<Object> params = new ArrayList<>();
        String sql = type.selectIdSql() + condition(type, where, params) + orderAndLimit(where, pager, params);
        return RowQueries.query(context, type, sql, params, rs -> {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        });
    }

    /** Number of rows matching {@code where}. */
    public static long count(Context context, EntityType type, Where where) {
        List<Object> params = new ArrayList<>();
        return RowQueries.number(context, type, type.countSql() + condition(type, where, params), params);
    }

    private static String condition(EntityType type, Where where, List<Object> params) {
        String user = where == null ? "" : where.sql().trim();
        boolean excludeDeleted = type.notDeletedSql() != null && (where == null || !where.includesFakeDeleted());
        StringBuilder sql = new StringBuilder();
        if (!user.isEmpty()) {
            sql.append(" WHERE (").append(expand(user, where.parameters(), params)).append(')');
        }
        if (excludeDeleted) {
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(type.notDeletedSql());
        }
        return sql.toString();
    }

    private static String orderAndLimit(Where where, Pager pager, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (where != null && where.orderByClause() != null && !where.orderByClause().isBlank()) {
            sql.append(" ORDER BY ").append(where.orderByClause());
        }
        if (pager != null) {
            sql.append(" LIMIT ?, ?");
            params.add(pager.offset());
            params.add((long) pager.size());
        }
        return sql.toString();
    }

    /**
     * Binds {@code ?} placeholders (outside quotes) to parameters, expanding a collection parameter
     * into {@code (?, ?, …)}.
     */
    public static String expand(String sql, List<Object> given, List<Object> out) {
        StringBuilder b = new StringBuilder(sql.length() + 16);
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                b.append(ch);
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
                b.append(ch);
            } else if (ch == '?') {
                if (next >= given.size()) {
                    throw new FluxaException("Where has more ? placeholders than parameters: " + sql);
                }
                Object value = given.get(next++);
                if (value instanceof Collection<?> many) {
                    if (many.isEmpty()) {
                        b.append("(NULL)");
                    } else {
                        b.append('(');
                        int k = 0;
                        for (Object item : many) {
                            b.append(k++ == 0 ? "?" : ",?");
                            out.add(item);
                        }
                        b.append(')');
                    }
                } else {
                    b.append('?');
                    out.add(value);
                }
            } else {
                b.append(ch);
            }
        }
        if (next != given.size()) {
            throw new FluxaException("Where has " + given.size() + " parameters but " + next
                    + " ? placeholders: " + sql);
        }
        return b.toString();
    }
}
