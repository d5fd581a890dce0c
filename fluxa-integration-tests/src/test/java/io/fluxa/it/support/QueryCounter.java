package io.fluxa.it.support;

import io.fluxa.log.QueryEvent;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QuerySource;

import java.util.ArrayList;
import java.util.List;

/** Records every query a context reports, so tests can count round-trips per tier. */
public final class QueryCounter implements QueryLogHandler {

    private final List<QueryEvent> events = new ArrayList<>();

    @Override
    public synchronized void handle(QueryEvent event) {
        events.add(event);
    }

    public synchronized long count(QuerySource source) {
        return events.stream().filter(e -> e.source() == source).count();
    }

    public synchronized long mysql() {
        return count(QuerySource.MYSQL);
    }

    public synchronized long redis() {
        return count(QuerySource.REDIS);
    }

    public synchronized List<String> queries(QuerySource source) {
        List<String> result = new ArrayList<>();
        for (QueryEvent e : events) {
            if (e.source() == source) {
                result.add(e.operation() + " " + e.query());
            }
        }
        return result;
    }

    /** Every event, in the order they were reported. */
    public synchronized List<QueryEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<QueryEvent> events(QuerySource source) {
        return events.stream().filter(e -> e.source() == source).toList();
    }

    public synchronized void reset() {
        events.clear();
    }
}
