package io.fluxa.schema;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical MySQL column types Fluxa writes and compares: lower case, integer types without
 * display width (the MySQL 8 style), except {@code tinyint(1)} which is how booleans are reported on
 * both MySQL 8 and MariaDB.
 */
public final class SqlTypes {

    /** Longest {@code varchar} in characters with utf8mb4 (4 bytes per character, 65,535-byte limit). */
    public static final int MAX_VARCHAR_LENGTH = 16_383;

    private static final Pattern INTEGER_WIDTH =
            Pattern.compile("^(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)(.*)$");

    private SqlTypes() {
    }

    static String integer(ColumnKind kind, boolean unsigned) {
        String base = switch (kind) {
            case INT8 -> "tinyint";
            case INT16 -> "smallint";
            case INT24 -> "mediumint";
            case INT32 -> "int";
            case INT64, ID, REFERENCE -> "bigint";
            default -> throw new IllegalArgumentException(kind.name());
        };
        return unsigned ? base + " unsigned" : base;
    }

    static String quotedList(String type, List<String> values) {
        StringBuilder b = new StringBuilder(type).append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('\'').append(values.get(i).replace("'", "''")).append('\'');
        }
        return b.append(')').toString();
    }

    /**
     * Brings a {@code COLUMN_TYPE} from information_schema to the canonical form: MariaDB and MySQL
     * 5.7 report integer display widths ({@code tinyint(3) unsigned}), MySQL 8 does not.
     */
    public static String normalize(String columnType) {
        String trimmed = columnType.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("enum(") || lower.startsWith("set(")) {
            // keep the values' case: enum('Active') and enum('active') are different types
            int open = trimmed.indexOf('(');
            return lower.substring(0, open) + trimmed.substring(open);
        }
        String t = lower.replaceAll("\\s+", " ");
        if (t.equals("tinyint(1)")) {
            return t;
        }
        Matcher m = INTEGER_WIDTH.matcher(t);
        if (m.matches()) {
            t = m.group(1) + m.group(2);
        }
        return t.replace(" zerofill", "");
    }
}
