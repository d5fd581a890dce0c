package io.fluxa;

/** A flush violated a foreign key (a reference to a row that does not exist, or a delete of a referenced row). */
public class ForeignKeyException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String constraint;

    public ForeignKeyException(String table, String constraint, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.constraint = constraint;
    }

    public String table() {
        return table;
    }

    public String constraint() {
        return constraint;
    }
}
