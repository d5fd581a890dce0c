package io.fluxa.search;

import io.fluxa.FluxaException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.EnumValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link RedisSearchWhere} against an entity's index and turns it into the argument list of
 * {@link IndexScripts#QUERY}: set operations on index keys and temporary keys, then the result, sort
 * and page. Every error is raised here, before anything is sent.
 */
final class QueryCompiler {

    private final SearchIndex index;
    private final List<String> ops = new ArrayList<>();
    private int operations;
    private int temps;

    private QueryCompiler(SearchIndex index) {
        this.index = index;
    }

    /** The script arguments after base, stamp and token: op count, ops, result, sort, nulls, desc, offset, limit. */
    static List<String> compile(SearchIndex index, RedisSearchWhere where, long offset, long limit) {
        QueryCompiler compiler = new QueryCompiler(index);
        RedisSearchWhere condition = where == null ? RedisSearchWhere.all() : where;
        String result = compiler.ref(condition);
        String sort = "";
        String nulls = "";
        if (condition.sortColumn != null) {
            SearchIndex.Column c = compiler.column(condition.sortColumn, "sort by");
            if (!c.sortable()) {
                throw compiler.error(c, "cannot sort by it: it is not @Sortable; add @Sortable to the field");
            }
            if (!c.scored()) {
                throw compiler.error(c, "cannot sort by it: the native Redis engine does not sort " + c.kind()
                        + " columns (Redis would order bytes, MySQL orders by collation); sort by a number, "
                        + "decimal, date, datetime, enum or boolean column");
            }
            sort = SearchIndex.scoredSuffix(c);
            nulls = c.schema().nullable() ? SearchIndex.nullSuffix(c) : "";
        }
        List<String> args = new ArrayList<>(compiler.ops.size() + 7);
        args.add(Integer.toString(compiler.operations));
        args.addAll(compiler.ops);
        args.add(result);
        args.add(sort);
        args.add(nulls);
        args.add(condition.descending ? "1" : "0");
        args.add(Long.toString(offset));
        args.add(Long.toString(limit));
        return args;
    }

    private String ref(RedisSearchWhere w) {
        return switch (w.op) {
            case ALL -> SearchIndex.allSuffix();
            case EQ -> equal(checkForm(w, column(w.column, "eq")), w.values.get(0));
            case IN -> in(checkForm(w, column(w.column, "in")), w.values);
            case RANGE -> range(w);
            case IS_NULL -> SearchIndex.nullSuffix(column(w.column, "isNull"));
            case AND, OR -> {
                List<String> refs = new ArrayList<>(w.parts.size());
                for (RedisSearchWhere part : w.parts) {
                    refs.add(ref(part));
                }
                yield refs.size() == 1 ? refs.get(0) : combine(w.op == RedisSearchWhere.Op.AND ? "I" : "U", refs);
            }
            case NOT -> {
                String part = ref(w.parts.get(0));
                String dest = temp();
                op("D", dest, SearchIndex.allSuffix(), part);
                yield dest;
            }
        };
    }

    /**
     * A set column's generated constant ({@code Column<String>}) compares the stored form in MySQL
     * (the exact set), while the index matches members: the typed eq/in would mean something else
     * than the same constant in {@code Where}, so it is refused in favour of {@code contains}.
     */
    private SearchIndex.Column checkForm(RedisSearchWhere w, SearchIndex.Column c) {
        boolean set = c.kind() == ColumnKind.SET;
        if (w.form == RedisSearchWhere.Form.TYPED && set) {
            throw error(c, "is a @SetOf column: its column constant compares the whole stored set in MySQL, while "
                    + "Redis search matches single members; use RedisSearchWhere.contains(column, member) or "
                    + "containsAny(column, members) with the generated set enum");
        }
        if (w.form == RedisSearchWhere.Form.CONTAINS && !set) {
            throw error(c, "contains/containsAny need a @SetOf column, this one is " + c.kind() + "; use eq or in");
        }
        return c;
    }

    private String in(SearchIndex.Column c, List<Object> values) {
        if (values.isEmpty()) {
            return temp(); // never written: an empty set
        }
        List<String> refs = new ArrayList<>(values.size());
        for (Object value : values) {
            refs.add(equal(c, value));
        }
        return refs.size() == 1 ? refs.get(0) : combine("U", refs);
    }

    private String equal(SearchIndex.Column c, Object value) {
        if (c.storage() == SearchIndex.Storage.VALUE_SETS) {
            return SearchIndex.valueSuffix(c, setValue(c, value));
        }
        String score = score(c, value);
        String dest = temp();
        op("R", dest, SearchIndex.scoredSuffix(c), score, score);
        return dest;
    }

    private String range(RedisSearchWhere w) {
        SearchIndex.Column c = column(w.column, "range");
        if (c.storage() != SearchIndex.Storage.SCORED) {
            throw error(c, "a range needs an ordered column (number, decimal, date, datetime or reference); "
                    + c.kind() + " columns support eq and in only");
        }
        String min = w.min == null ? "-inf" : (w.minInclusive ? "" : "(") + score(c, w.min);
        String max = w.max == null ? "+inf" : (w.maxInclusive ? "" : "(") + score(c, w.max);
        String dest = temp();
        op("R", dest, SearchIndex.scoredSuffix(c), min, max);
        return dest;
    }

    private String combine(String op, List<String> refs) {
        String dest = temp();
        List<String> args = new ArrayList<>(refs.size() + 2);
        args.add(dest);
        args.add(Integer.toString(refs.size()));
        args.addAll(refs);
        ops.add(op);
        ops.addAll(args);
        operations++;
        return dest;
    }

    private void op(String op, String... args) {
        ops.add(op);
        ops.addAll(List.of(args));
        operations++;
    }

    private String temp() {
        return "#" + temps++;
    }

    private SearchIndex.Column column(String name, String use) {
        SearchIndex.Column c = index.column(name);
        if (c != null) {
            return c;
        }
        List<String> searchable = new ArrayList<>();
        for (SearchIndex.Column known : index.columns()) {
            searchable.add(known.name());
        }
        boolean exists = index.type().schema().column(name) != null;
        throw new FluxaException(index.type().entityName() + ": Redis search " + use + " on '" + name + "': "
                + (exists ? "the column is not @Searchable; add @Searchable to the field"
                        : "there is no such column") + " (searchable columns: " + searchable + ")");
    }

    private FluxaException error(SearchIndex.Column c, String why) {
        return new FluxaException(index.type().entityName() + "." + c.schema().fieldPath() + " (column " + c.name()
                + "): " + why);
    }

    private FluxaException wrongType(SearchIndex.Column c, Object value, String expected) {
        return error(c, "a Redis search value must be " + expected + ", got " + value.getClass().getSimpleName()
                + " " + value);
    }

    /** The value-set name of a query value (validated). */
    private String setValue(SearchIndex.Column c, Object value) {
        ColumnKind kind = c.kind();
        if (kind == ColumnKind.BOOLEAN) {
            if (value instanceof Boolean b) {
                return b ? "1" : "0";
            }
            throw wrongType(c, value, "a Boolean");
        }
        String text;
        if (value instanceof EnumValue e) {
            text = e.databaseValue();
        } else if (value instanceof CharSequence s) {
            text = s.toString();
        } else {
            throw wrongType(c, value, kind == ColumnKind.STRING ? "a String" : "a String or a generated enum constant");
        }
        if ((kind == ColumnKind.ENUM || kind == ColumnKind.SET) && !c.schema().values().contains(text)) {
            throw error(c, "'" + text + "' is not one of its values " + c.schema().values());
        }
        return text;
    }

    /** The score of a query value for a scored column (validated). */
    private String score(SearchIndex.Column c, Object value) {
        switch (c.kind()) {
            case INT8, INT16, INT24, INT32, INT64, REFERENCE -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    return Long.toString(((Number) value).longValue());
                }
                if (value instanceof BigInteger b) {
                    return b.toString();
                }
                throw wrongType(c, value, "an integer (Long, Integer, Short, Byte)");
            }
            case FLOAT32, FLOAT64, DECIMAL -> {
                if (!(value instanceof Number n)) {
                    throw wrongType(c, value, "a number");
                }
                double d = n.doubleValue();
                if (Double.isNaN(d)) {
                    throw error(c, "NaN is not a searchable value");
                }
                if (Double.isInfinite(d)) {
                    return d > 0 ? "+inf" : "-inf";
                }
                return Double.toString(d);
            }
            case DATE -> {
                if (value instanceof LocalDate d) {
                    return Long.toString(d.toEpochDay());
                }
                throw wrongType(c, value, "a LocalDate");
            }
            case DATETIME -> {
                Instant instant;
                if (value instanceof Instant i) {
                    instant = i;
                } else if (value instanceof LocalDateTime t) {
                    instant = t.toInstant(ZoneOffset.UTC);
                } else {
                    throw wrongType(c, value, "an Instant or LocalDateTime (UTC)");
                }
                if (instant.getNano() == 0) {
                    return Long.toString(instant.getEpochSecond());
                }
                return new BigDecimal(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                        .toPlainString();
            }
            default -> throw error(c, "internal: no score for " + c.kind());
        }
    }
}
