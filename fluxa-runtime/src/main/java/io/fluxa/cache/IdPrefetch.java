package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How an engine without id blocks keeps one-row flushes of a busy table from waiting for Redis. Ids are
 * still reserved from the table's counter per flush, but when the table's previous reservation on this
 * engine was less than {@link #WINDOW_NANOS} ago, a one-row reservation reserves one id more and keeps
 * it; the next one-row reservation takes that id (its reply has arrived by then) and sends the call for
 * the following one without waiting for it. A reservation of many rows takes the kept id as its first. So a busy table costs one {@code INCRBY} per flush as
 * before, but a flush no longer waits for it. An id kept longer than the window is dropped unused (a gap
 * of one id), which keeps a quiet table holding nothing and a kept id at most a second older than the
 * reservations of other engines.
 */
public final class IdPrefetch implements IdsAhead {

    /** How recent the previous reservation must be for a table to keep an id ahead, and how long one is kept. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** Ids kept per table at most; more than one only when flushes of several threads overlap. */
    private static final int MAX_KEPT = 8;

    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();

    @Override
    public IdCounters.PendingIds start(Context context, EntityType type, int count, RedisPool redis) {
        Table table = tables.computeIfAbsent(key(redis, type), k -> new Table());
        long now = System.nanoTime();
        Kept kept = table.take(now);
        if (kept == Kept.NONE_YET && count == 1) {
            SharedReply reply = new SharedReply(IdCounters.increment(context, type, 2, redis));
            table.keep(new Kept(reply, 1, now));
            return beforeSeeding -> {
                long first = reply.first(context, beforeSeeding);
                return ReservedIds.of(first >= 0 ? first
                        : IdCounters.increment(context, type, 1, redis).first(context, beforeSeeding), 1);
            };
        }
        if (kept == null || kept == Kept.NONE_YET) {
            return IdCounters.now(context, type, count, redis);
        }
        if (count == 1) {
            table.keep(new Kept(new SharedReply(IdCounters.increment(context, type, 1, redis)), 0, now));
            return beforeSeeding -> ReservedIds.of(kept.id(context, type, redis, beforeSeeding), 1);
        }
        // a flush of many rows waits for its INCRBY anyway; it takes the kept id first, so ids keep growing
        IdCounters.FirstId rest = IdCounters.increment(context, type, count - 1, redis);
        return beforeSeeding -> {
            ReservedIds ids = new ReservedIds();
            long first = kept.id(context, type, redis, beforeSeeding);
            ids.add(first, first);
            long next = rest.first(context, beforeSeeding);
            ids.add(next, next + count - 2);
            return ids;
        };
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

    /** An id kept ahead: the {@code offset}-th id of a reservation sent at {@code sentAt}. */
    private record Kept(SharedReply reply, long offset, long sentAt) {

        /** From {@link Table#take}: none kept, and the table is busy: reserve one id more and keep it. */
        static final Kept NONE_YET = new Kept(null, 0, 0);

        long id(Context context, EntityType type, RedisPool redis, Runnable beforeSeeding) {
            long first;
            try {
                first = reply.first(context, beforeSeeding);
            } catch (PoolUnavailableException e) {
                first = -1; // sent by an earlier flush: Redis may be back by now
            }
            return first >= 0 ? first + offset : IdCounters.increment(context, type, 1, redis).first(context, beforeSeeding);
        }
    }

    /**
     * A reply read by up to two flushes: the one that sent it and the one that takes the id kept from it.
     * Neither waits for the other: the other may be seeding a missing counter, which needs a MySQL
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

    /** One table's kept ids and when it last reserved ids. */
    private static final class Table {
        private final ArrayDeque<Kept> kept = new ArrayDeque<>(2);
        private boolean used;
        private long lastUse;

        synchronized void touch(long now) {
            used = true;
            lastUse = now;
        }

        /**
         * Records a one-row reservation at {@code now}. Returns a kept id not older than the window; else
         * {@link Kept#NONE_YET} when the previous reservation was recent (the table is busy), else null.
         */
        synchronized Kept take(long now) {
            boolean busy = used && now - lastUse < WINDOW_NANOS;
            touch(now);
            Kept head;
            while ((head = kept.pollFirst()) != null) {
                if (now - head.sentAt() < WINDOW_NANOS) {
                    return head;
                }
            }
            return busy ? Kept.NONE_YET : null;
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
