package io.fluxa;

/** A {@code mustGet…} lookup found no row. */
public class EntityNotFoundException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final long id;

    public EntityNotFoundException(String entity, long id) {
        super(entity + " with id " + id + " not found");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public long id() {
        return id;
    }
}
