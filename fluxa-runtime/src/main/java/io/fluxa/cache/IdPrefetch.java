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
import java.util.function.IntFunction;

/**
 * How an engine without id blocks keeps flushes of a busy table from waiting for Redis. A table whose
 * previous reservation on this engine was less than {@link #WINDOW_NANOS} ago keeps ids ahead: when a
 * reservation of up to {@link #AHEAD_LIMIT} ids leaves fewer kept ids than it took, it reserves a
 * stride more with its own call and keeps them, and the next reservations take kept ids (whose reply
 * has usually arrived by then) without waiting. The stride starts at the reservation's size and
 * doubles while the kept ids last less than {@link #GROW_NANOS}, halving otherwise, so a table that
 * inserts fast sends one {@code INCRBY} per many flushes and one that inserts a few rows a second
 * keeps about the next reservation. At most {@link #AHEAD_LIMIT} ids are kept per table; ids kept
 * longer than the window are dropped unused (a gap), which keeps a quiet table holding nothing and
 * kept ids at most a second older than the reservations of other engines.
 */
public final class IdPrefetch implements IdsAhead {

    /** How recent the previous reservation must be for a table to keep ids ahead, and how long they are kept. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** The most ids a table keeps, and the largest reservation that keeps any; a larger flush waits for its call. */
    static final int AHEAD_LIMIT = 100;
    /** Kept ids that lasted less than this were used quickly: the next range kept is twice as long. */
    static final long GROW_NANOS = 100_000_000L;
    /** Kept ranges per table at most: the rest of one and the next, more when flushes of several threads overlap. */
    private static final int MAX_KEPT = 8;

    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();

    @Override
    public IdCounters.PendingIds start(Context context, EntityType type, int count, RedisPool redis) {
        Table table = tables.computeIfAbsent(key(redis, type), k -> new Table());
        List<Kept> taken = new ArrayList<>(2);
        SharedReply reply = table.take(count, System.nanoTime(), taken,
                n -> new SharedReply(IdCounters.increment(context, type, n, redis)));
        int missing = count;
        for (Kept kept : taken) {
            missing -= kept.count();
        }
        if (missing == 0) {
            return beforeSeeding -> {
                ReservedIds ids = new ReservedIds();
                addKept(ids, taken, context, type, redis, beforeSeeding);
                return ids;
            };
        }
        if (reply == null) {
            return IdCounters.now(context, type, count, redis);
        }
        int rest = missing; // the first ids of the reply; the ones after them are kept, when any
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
    record Kept(SharedReply reply, long offset, int count, long sentAt) {

        /**
         * The first of the ids; asks Redis for {@code count} new ones when the kept reservation's reply is
         * not usable.
         */
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
    static final class SharedReply {
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

    /**
     * One table's kept ranges of ids, when it last reserved ids, and how many ids it reserves ahead at a
     * time (its stride): twice the last stride when the ids kept last time lasted less than
     * {@link #GROW_NANOS}, half of it otherwise, never below the reservation's size nor above
     * {@link #AHEAD_LIMIT}; a range dropped unused starts it again from the reservation's size.
     */
    static final class Table {
        private final ArrayDeque<Kept> kept = new ArrayDeque<>(2);
        private boolean used;
        private long lastUse;
        /** The ids in {@link #kept}. */
        private int held;
        private int stride;
        private long lastAhead;

        /**
         * Records a reservation of {@code count} ids at {@code now} and moves kept ids not older than the
         * window into {@code taken}, oldest first, {@code count} at most (a range is split when only part
         * of it is needed). When the table is busy (its previous reservation was recent) and what is left
         * would not cover another reservation of this size, sends, through {@code send}, one call for
         * the ids still missing plus a stride to keep, and keeps the stride. Sending only writes the call
         * (its reply is awaited outside the lock), and it happens under the lock so that {@link #clear}
         * can never miss a range on its way.
         *
         * @return the reply whose first ids are the missing ones, or null when nothing was sent: then
         *     either nothing is missing, or nothing was kept and nothing is kept (the caller reserves alone)
         */
        synchronized SharedReply take(int count, long now, List<Kept> taken, IntFunction<SharedReply> send) {
            boolean busy = used && now - lastUse < WINDOW_NANOS;
            used = true;
            lastUse = now;
            int missing = count;
            Kept head;
            while (missing > 0 && (head = kept.pollFirst()) != null) {
                held -= head.count();
                if (now - head.sentAt() >= WINDOW_NANOS) {
                    stride = 0; // dropped unused: a gap, and a sign that the stride was too long
                    continue;
                }
                if (head.count() > missing) {
                    Kept tail = head.tail(missing);
                    kept.addFirst(tail);
                    held += tail.count();
                    head = head.head(missing);
                }
                taken.add(head);
                missing -= head.count();
            }
            int ahead = 0;
            if (!busy || count > AHEAD_LIMIT) {
                stride = 0;
            } else if (held < count) {
                stride = now - lastAhead < GROW_NANOS ? Math.min(AHEAD_LIMIT, Math.max(count, stride * 2))
                        : Math.max(count, stride / 2);
                lastAhead = now;
                ahead = Math.min(stride, AHEAD_LIMIT - held); // at least count - held, as count <= AHEAD_LIMIT
            }
            if (ahead == 0 && (missing == 0 || taken.isEmpty())) {
                return null;
            }
            SharedReply reply = send.apply(missing + ahead);
            if (ahead > 0 && kept.size() < MAX_KEPT) {
                kept.addLast(new Kept(reply, missing, ahead, now));
                held += ahead;
            }
            return reply;
        }

        synchronized void clear() {
            kept.clear();
            held = 0;
            stride = 0;
        }

        /** The ids kept now (for tests). */
        synchronized int held() {
            return held;
        }
    }
}
