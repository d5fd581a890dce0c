package io.fluxa;

import java.util.List;

/**
 * A page of search results plus the number of rows matching the condition without paging.
 *
 * @param rows the rows of the requested page
 * @param total every matching row, ignoring the pager
 */
public record SearchResult<T>(List<T> rows, long total) {

    public SearchResult {
        rows = List.copyOf(rows);
    }
}
