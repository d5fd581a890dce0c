package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An engine's id blocks (opt-in, {@code Registry.idBlockSize}): for each table the engine reserves ids
 * from the Redis counter ({@link IdCounters}) in blocks of {@link #size()} with one {@code INCRBY}
 * and hands them out locally, so flushes need no Redis round trip while the block lasts. A flush
 * that needs more ids than the block holds takes what is left and reserves the missing ids plus a
 * new block in one call. Ids still in a block when the engine stops are never used (gaps). Safe to
 * use from many threads: a table's block is guarded by its own lock, never held across a Redis call.
 */
public final class IdBlocks implements IdsAhead {

    private final int size;
    private final ConcurrentHashMap<String, Block> blocks = new ConcurrentHashMap<>();

    /** @param size ids reserved ahead per table; at least 2 (1 means no blocks: the engine keeps none) */
    public IdBlocks(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("an id block holds at least 2 ids, got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /**
     * Takes {@code count} ids for {@code type}: from the block when it holds enough (then nothing is
     * sent), else the rest of the block plus a reservation of the missing ids and a new block, sent now.
     */
    @Override
    public IdCounters.PendingIds start(Context context, EntityType type, int count, RedisPool redis) {
        Block block = blocks.computeIfAbsent(redis.code() + ' ' + IdCounters.counterKey(redis, type),
                k -> new Block());
        ReservedIds ids = new ReservedIds();
        long missing = count - block.take(count, ids);
        if (missing == 0) {
            return beforeSeeding -> ids;
        }
        long request = missing + size;
        IdCounters.FirstId reply = IdCounters.increment(context, type, request, redis);
        return beforeSeeding -> {
            long first;
            try {
                first = reply.first(context, beforeSeeding);
            } catch (RuntimeException e) {
                block.giveBack(ids); // nothing was written: the block keeps the ids it lent this flush
                throw e;
            }
            ids.add(first, first + missing - 1);
            block.add(first + missing, first + request - 1);
            return ids;
        };
    }

    /** Drops the ids up to {@code max} from {@code type}'s block (other engines' blocks may still hold them). */
    @Override
    public void skipTo(RedisPool redis, EntityType type, long max) {
        Block block = blocks.get(redis.code() + ' ' + IdCounters.counterKey(redis, type));
        if (block != null) {
            block.skipTo(max);
        }
    }

    @Override
    public void clear() {
        blocks.clear();
    }

    /** Ids of one table reserved and not yet handed out: ranges in the order they were reserved. */
    private static final class Block {
        private final ArrayDeque<long[]> ranges = new ArrayDeque<>();

        /** Moves up to {@code count} ids into {@code into}; returns how many. */
        synchronized int take(int count, ReservedIds into) {
            int taken = 0;
            while (taken < count && !ranges.isEmpty()) {
                long[] range = ranges.peekFirst();
                long available = range[1] - range[0] + 1;
                int now = (int) Math.min(available, count - taken);
                into.add(range[0], range[0] + now - 1);
                taken += now;
                if (now == available) {
                    ranges.pollFirst();
                } else {
                    range[0] += now;
                }
            }
            return taken;
        }

        synchronized void add(long first, long last) {
            if (first <= last) {
                ranges.addLast(new long[] {first, last});
            }
        }

        synchronized void giveBack(ReservedIds ids) {
            for (int i = ids.rangeCount() - 1; i >= 0; i--) {
                ranges.addFirst(new long[] {ids.first(i), ids.last(i)});
            }
        }

        synchronized void skipTo(long max) {
            for (Iterator<long[]> it = ranges.iterator(); it.hasNext(); ) {
                long[] range = it.next();
                if (range[1] <= max) {
                    it.remove();
                } else if (range[0] <= max) {
                    range[0] = max + 1;
                }
            }
        }
    }
}
