package io.fluxa;

/** A flush violated a unique index. Names the table and the index. */
public class DuplicateKeyException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String index;

    public DuplicateKeyException(String table, String index, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.index = index;
    }

    public String table() {
        return table;
    }

    /** Name of the violated unique index, as declared in the entity definition. */
    public String index() {
        return index;
    }
}
