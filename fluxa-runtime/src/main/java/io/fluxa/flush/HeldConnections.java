package io.fluxa.flush;

import io.fluxa.Context;

/**
 * The MySQL connections a flush took while its ids were on their way. Seeding a missing id counter
 * reads {@code MAX(ID)} on a connection of its own, so the flush gives its connections back first
 * and takes them again after: otherwise as many flushes as the pool has connections, all seeding at
 * once (a new table, or Redis lost its counters), would each wait for one more until the pool's timeout.
 */
final class HeldConnections {
    private SqlWriter.Connections connections;

    HeldConnections(SqlWriter.Connections connections) {
        this.connections = connections;
    }

    /** Rolls back and gives back the connections, if still held. */
    void giveBack() {
        if (connections != null) {
            SqlWriter.Connections taken = connections;
            connections = null;
            SqlWriter.abandon(taken);
        }
    }

    /** The connections to write on: the ones held, or new ones when they were given back. */
    SqlWriter.Connections retake(Context context, FlushPlan plan) {
        if (connections == null) {
            connections = SqlWriter.open(context, plan);
        }
        return connections;
    }
}
