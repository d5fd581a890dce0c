package io.fluxa;

/**
 * One page of search results: {@code page} counts from 1, {@code size} rows per page.
 * Becomes {@code LIMIT (page - 1) * size, size}.
 */
public record Pager(int page, int size) {

    public Pager {
        if (page < 1) {
            throw new FluxaException("Pager page must be 1 or more, got " + page);
        }
        if (size < 1) {
            throw new FluxaException("Pager size must be 1 or more, got " + size);
        }
    }

    public static Pager of(int page, int size) {
        return new Pager(page, size);
    }

    /** The first page with {@code size} rows. */
    public static Pager first(int size) {
        return new Pager(1, size);
    }

    /**
     * The page after this one, with the same size (upstream's {@code IncrementPage}). Pagers are
     * immutable: use the returned one, e.g. {@code pager = pager.nextPage()}.
     */
    public Pager nextPage() {
        if (page == Integer.MAX_VALUE) {
            throw new FluxaException("Pager page " + page + " is the last page a Pager can address");
        }
        return new Pager(page + 1, size);
    }

    /** Rows skipped before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
