package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How an engine without id blocks keeps flushes of a busy table from waiting for Redis. Ids are still
 * reserved from the table's counter per flush, but when the table's previous reservation on this
 * engine was less than {@link #WINDOW_NANOS} ago, a reservation of up to {@link #AHEAD_LIMIT} ids
 * reserves as many again and keeps them; the next reservation takes kept ids (their reply has arrived
 * by then) and, when they cover it, sends the call for its own successor without waiting for it. So a
 * busy table costs one {@code INCRBY} per flush as before, but a flush that repeats the previous one's
 * size no longer waits for it. Ids kept longer than the window are dropped unused (a gap of at most
 * {@link #AHEAD_LIMIT} ids), which keeps a quiet table holding nothing and kept ids at most a second
 * older than the reservations of other engines.
 */
public final class IdPrefetch implements IdsAhead {

    /** How recent the previous reservation must be for a table to keep ids ahead, and how long they are kept. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** The largest reservation that keeps as many ids ahead; a larger flush waits for its call anyway. */
    static final int AHEAD_LIMIT = 100;
    /** Kept ranges per table at most; more than one only when flushes of several threads overlap. */
    private static final int MAX_KEPT = 8;

    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();

    @Override
    public IdCounters.PendingIds start(Context context, EntityType type, int count, RedisPool redis) {
        Table table = tables.computeIfAbsent(key(redis, type), k -> new Table());
        long now = System.nanoTime();
        List<Kept> taken = new ArrayList<>(2);
        boolean busy = table.take(count, now, taken);
        int missing = count;
        for (Kept kept : taken) {
            missing -= kept.count();
        }
        int ahead = busy && count <= AHEAD_LIMIT ? count : 0;
        if (missing == 0) {
            if (ahead > 0) {
                table.keep(new Kept(new SharedReply(IdCounters.increment(context, type, ahead, redis)), 0, ahead, now));
            }
            return beforeSeeding -> {
                ReservedIds ids = new ReservedIds();
                addKept(ids, taken, context, type, redis, beforeSeeding);
                return ids;
            };
        }
        if (ahead == 0 && taken.isEmpty()) {
            return IdCounters.now(context, type, count, redis);
        }
        // the rest is reserved now, together with the ids kept for the next reservation
        SharedReply reply = new SharedReply(IdCounters.increment(context, type, missing + ahead, redis));
        if (ahead > 0) {
            table.keep(new Kept(reply, missing, ahead, now));
        }
        int rest = missing;
        return beforeSeeding -> {
            ReservedIds ids = new ReservedIds();
            addKept(ids, taken, context, type, redis, beforeSeeding);
            long first = reply.first(context, beforeSeeding);
            if (first < 0) { // the next reservation is reading the reply right now: ask again
                first = IdCounters.increment(context, type, rest, redis).first(context, beforeSeeding);
            }
            ids.add(first, first + rest - 1);
            return ids;
        };
    }

    /** Adds the ids of {@code taken}, oldest first: they are below the ones reserved after them. */
    private static void addKept(ReservedIds ids, List<Kept> taken, Context context, EntityType type, RedisPool redis,
            Runnable beforeSeeding) {
        for (Kept kept : taken) {
            long first = kept.first(context, type, redis, beforeSeeding);
            ids.add(first, first + kept.count() - 1);
        }
    }

    /** Drops every id kept for {@code type}: ids reserved before the counter moved past {@code max} may clash. */
    @Override
    public void skipTo(RedisPool redis, EntityType type, long max) {
        Table table = tables.get(key(redis, type));
        if (table != null) {
            table.clear();
        }
    }

    @Override
    public void clear() {
        tables.clear();
    }

    private static String key(RedisPool redis, EntityType type) {
        return redis.code() + ' ' + IdCounters.counterKey(redis, type);
    }

    /** Ids kept ahead: {@code count} ids from the {@code offset}-th id of a reservation sent at {@code sentAt}. */
    private record Kept(SharedReply reply, long offset, int count, long sentAt) {

        /** The first of the ids; asks Redis for {@code count} new ones when the kept reservation's reply is not usable. */
        long first(Context context, EntityType type, RedisPool redis, Runnable beforeSeeding) {
            long first;
            try {
                first = reply.first(context, beforeSeeding);
            } catch (PoolUnavailableException e) {
                first = -1; // sent by an earlier flush: Redis may be back by now
            }
            return first >= 0 ? first + offset
                    : IdCounters.increment(context, type, count, redis).first(context, beforeSeeding);
        }

        /** The first {@code n} ids. */
        Kept head(int n) {
            return new Kept(reply, offset, n, sentAt);
        }

        /** The ids after the first {@code n}. */
        Kept tail(int n) {
            return new Kept(reply, offset + n, count - n, sentAt);
        }
    }

    /**
     * A reply read by the flush that sent it and the ones that take ids kept from it. None waits for
     * another: the other may be seeding a missing counter, which needs a MySQL
     * connection, while the waiting flush could hold the pool's last ones.
     */
    private static final class SharedReply {
        private final IdCounters.FirstId reply;
        private final ReentrantLock reading = new ReentrantLock();
        private volatile boolean read;
        private long first;
        private RuntimeException failure;

        SharedReply(IdCounters.FirstId reply) {
            this.reply = reply;
        }

        /** The first id of the reservation, or -1 when the other flush is reading the reply right now. */
        long first(Context awaiting, Runnable beforeSeeding) {
            if (!read) {
                if (!reading.tryLock()) {
                    return -1;
                }
                try {
                    if (!read) {
                        try {
                            first = reply.first(awaiting, beforeSeeding);
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                        read = true;
                    }
                } finally {
                    reading.unlock();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return first;
        }
    }

    /** One table's kept ranges of ids and when it last reserved ids. */
    private static final class Table {
        private final ArrayDeque<Kept> kept = new ArrayDeque<>(2);
        private boolean used;
        private long lastUse;

        /**
         * Records a reservation of {@code count} ids at {@code now} and moves kept ids not older than the
         * window into {@code taken}, oldest first, {@code count} at most (a range is split when only
         * part of it is needed). Returns whether the table is busy: its previous reservation was recent.
         */
        synchronized boolean take(int count, long now, List<Kept> taken) {
            boolean busy = used && now - lastUse < WINDOW_NANOS;
            used = true;
            lastUse = now;
            int needed = count;
            Kept head;
            while (needed > 0 && (head = kept.pollFirst()) != null) {
                if (now - head.sentAt() >= WINDOW_NANOS) {
                    continue; // dropped unused: a gap
                }
                if (head.count() > needed) {
                    kept.addFirst(head.tail(needed));
                    head = head.head(needed);
                }
                taken.add(head);
                needed -= head.count();
            }
            return busy;
        }

        synchronized void keep(Kept id) {
            if (kept.size() < MAX_KEPT) {
                kept.addLast(id);
            }
        }

        synchronized void clear() {
            kept.clear();
        }
    }
}
