package io.fluxa.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The row writes of one script call on one entity's index, encoded as the scripts read them. */
final class RowWrites {

    private final SearchIndex index;
    private final List<String> ids = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    RowWrites(SearchIndex index) {
        this.index = index;
    }

    /**
     * The writes that make the index hold {@code ids} as MySQL has them: {@code rows} (read by id) as
     * whole rows where live, removals for soft-deleted rows and ids MySQL does not have.
     */
    static RowWrites asStored(SearchIndex index, List<Long> ids, List<Object[]> rows) {
        RowWrites writes = new RowWrites(index);
        Set<Long> live = new HashSet<>();
        for (Object[] row : rows) {
            if (!index.type().isSoftDeleted(row)) {
                writes.full(row);
                live.add((Long) row[0]);
            }
        }
        for (Long id : ids) {
            if (!live.contains(id)) {
                writes.delete(id);
            }
        }
        return writes;
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    int rows() {
        return ids.size();
    }

    List<String> ids() {
        return ids;
    }

    List<String> args() {
        return args;
    }

    /** Indexes the whole live row, replacing whatever the index held for its id. */
    void full(Object[] row) {
        start((Long) row[0], "F", index.columns().size());
        List<SearchIndex.Column> columns = index.columns();
        for (int k = 0; k < columns.size(); k++) {
            segment(k, row);
        }
    }

    /** Re-indexes only the indexed columns among {@code changed} (column positions). */
    void partial(Object[] row, int[] changed) {
        List<SearchIndex.Column> columns = index.columns();
        List<Integer> segments = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            for (int position : changed) {
                if (position == columns.get(k).position()) {
                    segments.add(k);
                }
            }
        }
        if (segments.isEmpty()) {
            return;
        }
        start((Long) row[0], "P", segments.size());
        for (int k : segments) {
            segment(k, row);
        }
    }

    /** One {@code RowWrites} per row of these, in order (each row's writes start at its id). */
    List<RowWrites> split() {
        List<RowWrites> rows = new ArrayList<>(ids.size());
        int start = 0;
        for (int r = 0; r < ids.size(); r++) {
            int end = r + 1 < ids.size() ? nextRow(start) : args.size();
            RowWrites one = new RowWrites(index);
            one.ids.add(ids.get(r));
            one.args.addAll(args.subList(start, end));
            rows.add(one);
            start = end;
        }
        return rows;
    }

    /** Where the row starting at {@code start} ends: after its id, mode, segment count and segments. */
    private int nextRow(int start) {
        int at = start + 3;
        int segments = Integer.parseInt(args.get(start + 2));
        for (int s = 0; s < segments; s++) {
            int entries = Integer.parseInt(args.get(at + 1));
            at += 2 + 3 * entries;
        }
        return at;
    }

    /** Removes the row from the index. */
    void delete(long id) {
        start(id, "D", 0);
    }

    private void start(long id, String mode, int segments) {
        String member = SearchIndex.member(id);
        ids.add(member);
        args.add(member);
        args.add(mode);
        args.add(Integer.toString(segments));
    }

    private void segment(int k, Object[] row) {
        SearchIndex.Column column = index.columns().get(k);
        args.add(Integer.toString(k + 1));
        int countAt = args.size();
        args.add("");
        int count = index.entries(column, row[column.position()], args);
        args.set(countAt, Integer.toString(count));
    }
}
