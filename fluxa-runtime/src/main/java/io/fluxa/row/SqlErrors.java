package io.fluxa.row;

import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaException;
import io.fluxa.ForeignKeyException;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.UniqueIndexSchema;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns MySQL errors into Fluxa's exceptions, naming the table and the declared index or constraint. */
public final class SqlErrors {

    static final int DUPLICATE_KEY = 1062;
    static final int ROW_IS_REFERENCED = 1451;
    static final int NO_REFERENCED_ROW = 1452;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate entry '(.*)' for key '([^']+)'",
            Pattern.DOTALL);
    private static final Pattern CONSTRAINT = Pattern.compile(
            "\\(`[^`]*`\\.`([^`]+)`, CONSTRAINT `([^`]+)`");

    private SqlErrors() {
    }

    public static FluxaException translate(EntitySchema schema, SQLException error, String sql) {
        SQLException cause = mysqlError(error);
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String table = schema.table();
        switch (cause.getErrorCode()) {
            case DUPLICATE_KEY: {
                Matcher m = DUPLICATE.matcher(message);
                String key = "?";
                String entry = "?";
                if (m.find()) {
                    entry = m.group(1);
                    key = m.group(2);
                }
                int dot = key.lastIndexOf('.');
                if (dot >= 0) {
                    key = key.substring(dot + 1); // MySQL 8 reports `table.index`
                }
                String index = declaredIndex(schema, key);
                return new DuplicateKeyException(table, index, schema.entityName() + ": duplicate value '" + entry
                        + "' for unique index " + index + " of table " + table
                        + "; another row already has it", error);
            }
            case ROW_IS_REFERENCED:
            case NO_REFERENCED_ROW: {
                Matcher m = CONSTRAINT.matcher(message);
                String childTable = table;
                String constraint = "?";
                if (m.find()) {
                    childTable = m.group(1);
                    constraint = m.group(2);
                }
                String what = cause.getErrorCode() == ROW_IS_REFERENCED
                        ? "the row is still referenced by table " + childTable + "; delete or change those rows first"
                        : "the referenced row does not exist; set the reference to an existing id";
                return new ForeignKeyException(childTable, constraint, schema.entityName() + " (table " + table
                        + "): foreign key " + constraint + " failed: " + what, error);
            }
            default:
                return new FluxaException(schema.entityName() + " (table " + table + "): MySQL error "
                        + cause.getErrorCode() + " (" + message + ") running: " + sql, error);
        }
    }

    /** The innermost SQLException carrying a MySQL error code (batch errors wrap the real one). */
    private static SQLException mysqlError(SQLException error) {
        SQLException best = error;
        Throwable t = error;
        while (t != null) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s;
            }
            SQLException next = t instanceof SQLException s ? s.getNextException() : null;
            t = next != null ? next : t.getCause();
        }
        return best;
    }

    private static String declaredIndex(EntitySchema schema, String mysqlKey) {
        for (UniqueIndexSchema index : schema.uniqueIndexes()) {
            if (index.name().equalsIgnoreCase(mysqlKey)) {
                return index.name();
            }
        }
        return mysqlKey;
    }
}
