package io.fluxa.schema;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Column definitions Fluxa writes, and whether changing one type into another keeps every value. */
final class ColumnSql {

    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final List<String> BLOBS = List.of("blob", "mediumblob", "longblob");
    private static final Pattern VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)( unsigned)?");

    private ColumnSql() {
    }

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** {@code `Name` varchar(200) NOT NULL DEFAULT ''}. */
    static String definition(ColumnSchema c) {
        StringBuilder b = new StringBuilder(quote(c.name())).append(' ').append(c.sqlType());
        if (c.kind() == ColumnKind.ID) {
            return b.append(" NOT NULL AUTO_INCREMENT").toString();
        }
        if (c.nullable()) {
            return b.append(" NULL").toString();
        }
        b.append(" NOT NULL");
        String defaultValue = defaultOf(c);
        if (defaultValue != null) {
            b.append(" DEFAULT ").append(defaultValue);
        }
        return b.toString();
    }

    /**
     * The DEFAULT of a NOT NULL column, so adding it to a table with rows (or inserting without it)
     * works. Text, blob and reference columns get none: MySQL 8 rejects literal defaults on text and
     * blob, and a made-up reference id would point at nothing.
     */
    static String defaultOf(ColumnSchema c) {
        return switch (c.kind()) {
            case BOOLEAN, INT8, INT16, INT24, INT32, INT64, FLOAT32, FLOAT64, DECIMAL -> "0";
            case STRING, SET -> "''";
            case ENUM -> literal(c.values().get(0));
            case DATE -> "'1970-01-01'";
            case DATETIME -> "'1970-01-01 00:00:00'";
            case ID, TEXT, BINARY, REFERENCE -> null;
        };
    }

    /** True when every value of a column of type {@code from} fits, unchanged, into type {@code to}. */
    static boolean widens(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        IntegerType fi = IntegerType.parse(from);
        IntegerType ti = IntegerType.parse(to);
        if (fi != null && ti != null) {
            if (fi.unsigned == ti.unsigned) {
                return ti.rank >= fi.rank;
            }
            // unsigned values fit a signed type one size up
            return fi.unsigned && !ti.unsigned && ti.rank > fi.rank;
        }
        Matcher fv = VARCHAR.matcher(from);
        if (fv.matches()) {
            Matcher tv = VARCHAR.matcher(to);
            if (tv.matches()) {
                return Integer.parseInt(tv.group(1)) >= Integer.parseInt(fv.group(1));
            }
            return to.equals("mediumtext") || to.equals("longtext");
        }
        if (BLOBS.contains(from) && BLOBS.contains(to)) {
            return BLOBS.indexOf(to) >= BLOBS.indexOf(from);
        }
        if (from.equals("float") && to.equals("double") || from.equals("float unsigned") && to.equals("double unsigned")) {
            return true;
        }
        Matcher fd = DECIMAL.matcher(from);
        Matcher td = DECIMAL.matcher(to);
        if (fd.matches() && td.matches()) {
            int fp = Integer.parseInt(fd.group(1));
            int fs = Integer.parseInt(fd.group(2));
            int tp = Integer.parseInt(td.group(1));
            int ts = Integer.parseInt(td.group(2));
            boolean signOk = fd.group(3) != null || td.group(3) == null;
            return signOk && ts >= fs && tp - ts >= fp - fs;
        }
        if (from.equals("date") && to.equals("datetime")) {
            return true;
        }
        // enum/set: appending values keeps every stored value and its index
        if (from.startsWith("enum(") && to.startsWith("enum(") || from.startsWith("set(") && to.startsWith("set(")) {
            String fromValues = from.substring(from.indexOf('(') + 1, from.length() - 1);
            String toValues = to.substring(to.indexOf('(') + 1, to.length() - 1);
            return toValues.startsWith(fromValues + ",");
        }
        return false;
    }

    private record IntegerType(int rank, boolean unsigned) {
        static IntegerType parse(String type) {
            boolean unsigned = type.endsWith(" unsigned");
            String base = unsigned ? type.substring(0, type.length() - " unsigned".length()) : type;
            int rank = INTEGERS.indexOf(base);
            return rank < 0 ? null : new IntegerType(rank, unsigned);
        }
    }
}
