package io.fluxa.cache;

import io.fluxa.redis.LettuceRedisPool;
import io.fluxa.redis.RedisSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the local caches of several application instances ("nodes") in line: every flush that
 * changed rows of {@code @LocalCache} entities publishes their ids in one Redis pub/sub message, and
 * every other node drops those rows from its local cache. While this node is not subscribed (the
 * connection dropped, or the server stopped answering the periodic {@code PING}) it can miss
 * messages, so it drops every cached row and stores none until the subscription is back.
 *
 * <p>A publish that fails is kept and sent again at the next tick, merged with later failures; past
 * {@value #MAX_PENDING_IDS} ids the retry becomes a "drop every row" message.
 */
public final class LocalCacheChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCacheChannel.class);
    static final int MAX_PENDING_IDS = 10_000;

    private final LettuceRedisPool pool;
    private final String channel;
    private final String node;
    private final byte[] nodeBytes;
    private final Map<String, LocalCache> cacheByTable;
    private final List<CaffeineLocalCache> caches;
    private final RowGate gate = new RowGate();
    private final ScheduledExecutorService ticker;
    private RedisSubscription subscription;
    /** Guarded by {@code this}: the connection is subscribed / answered the last PING. */
    private boolean subscribed;
    private boolean responsive = true;
    private boolean closed;
    /** Guarded by {@code pending}: ids whose publish failed, to send again. */
    private final Map<String, Set<Long>> pending = new LinkedHashMap<>();
    private boolean pendingEverything;
    private int pendingIds;

    private LocalCacheChannel(LettuceRedisPool pool, Map<String, LocalCache> cacheByTable,
            Collection<CaffeineLocalCache> caches) {
        this.pool = pool;
        this.channel = channelName(pool);
        this.node = newNodeId();
        this.nodeBytes = node.getBytes(StandardCharsets.UTF_8);
        this.cacheByTable = Map.copyOf(cacheByTable);
        this.caches = List.copyOf(caches);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fluxa-local-cache-channel-" + node);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes and guards {@code caches}: until the subscription is confirmed, and whenever it is
     * lost, no row is stored in them.
     *
     * @param cacheByTable the cache holding each {@code @LocalCache} entity's rows, by table
     * @param pingInterval how often the subscribed connection is checked with {@code PING}, each
     *     bounded by the pool's command timeout
     * @throws io.fluxa.PoolUnavailableException when the subscription is not confirmed in time
     */
    public static LocalCacheChannel start(LettuceRedisPool pool, Map<String, LocalCache> cacheByTable,
            Collection<CaffeineLocalCache> caches, Duration pingInterval) {
        LocalCacheChannel c = new LocalCacheChannel(pool, cacheByTable, caches);
        for (CaffeineLocalCache cache : c.caches) {
            cache.guard(c.gate);
        }
        try {
            c.subscription = pool.subscribe(c.channel, "fluxa-local-cache-" + c.node, c.new Listener());
        } catch (RuntimeException e) {
            c.ticker.shutdownNow();
            throw e;
        }
        long every = Math.max(1, pingInterval.toMillis());
        c.ticker.scheduleWithFixedDelay(c::tick, every, every, TimeUnit.MILLISECONDS);
        return c;
    }

    /** {@code <key-prefix>fluxa:{local-cache}:<db>}: pub/sub ignores databases, so the number is in the name. */
    static String channelName(LettuceRedisPool pool) {
        return pool.keyPrefix() + "fluxa:{local-cache}:" + pool.database();
    }

    private static String newNodeId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    /** The pub/sub channel. */
    public String channel() {
        return channel;
    }

    /** The Redis pool carrying the channel. */
    public String pool() {
        return pool.code();
    }

    /** The client name of the subscribed connection ({@code CLIENT LIST} shows it). */
    public String clientName() {
        return "fluxa-local-cache-" + node;
    }

    /** Whether the subscription is confirmed and answering: only then are rows stored locally. */
    public boolean isOpen() {
        return gate.isOpen();
    }

    /**
     * Tells the other nodes that these rows changed, in one message, without waiting for the reply;
     * a failed publish is sent again later (bounded by the pool's command timeout each time).
     */
    public void publish(Map<String, ? extends Collection<Long>> idsByTable) {
        if (idsByTable.isEmpty()) {
            return;
        }
        send(Invalidations.encode(node, idsByTable, false), idsByTable, false);
    }

    private void send(byte[] message, Map<String, ? extends Collection<Long>> idsByTable, boolean everything) {
        try {
            pool.submit("PUBLISH", channel, lettuce -> lettuce.publish(channel, message))
                    .whenFailed(error -> failed(idsByTable, everything, error));
        } catch (RuntimeException e) { // the circuit breaker is open
            failed(idsByTable, everything, e);
        }
    }

    private void failed(Map<String, ? extends Collection<Long>> idsByTable, boolean everything, Throwable error) {
        synchronized (pending) {
            if (everything) {
                pendingEverything = true;
            } else {
                idsByTable.forEach((table, ids) -> {
                    Set<Long> set = pending.computeIfAbsent(table, t -> new TreeSet<>());
                    for (Long id : ids) {
                        if (set.add(id)) {
                            pendingIds++;
                        }
                    }
                });
            }
            if (pendingIds > MAX_PENDING_IDS) {
                pendingEverything = true;
            }
        }
        LOG.warn("Redis pool '{}': publishing local cache invalidations on {} failed; sending them again in the"
                + " background: {}", pool.code(), channel, error.toString());
    }

    /** Sends the failed publishes again, as one message. */
    private void retry() {
        Map<String, Set<Long>> again;
        boolean everything;
        synchronized (pending) {
            if (pending.isEmpty() && !pendingEverything) {
                return;
            }
            everything = pendingEverything;
            again = everything ? Map.of() : new LinkedHashMap<>(pending);
            pending.clear();
            pendingIds = 0;
            pendingEverything = false;
        }
        send(Invalidations.encode(node, again, everything), again, everything);
    }

    private void tick() {
        try {
            boolean answered = subscription.ping();
            synchronized (this) {
                responsive = answered;
                update();
            }
            if (answered) {
                retry();
            }
        } catch (RuntimeException e) {
            LOG.warn("local cache channel {}: check failed", channel, e);
        }
    }

    /** Opens the gate exactly while subscribed and answering; closing it drops every cached row. */
    private synchronized void update() {
        if (subscribed && responsive && !closed) {
            if (!gate.isOpen()) {
                dropRows(); // rows stored before the gate closed; nothing is stored while closed
                gate.open();
                LOG.info("local cache channel {} on Redis pool '{}' is subscribed; local caches fill again", channel,
                        pool.code());
            }
        } else if (gate.close()) {
            dropRows();
            if (closed) {
                return;
            }
            LOG.warn("local cache channel {} on Redis pool '{}' is {}; local cache rows are dropped and not stored"
                    + " until it is back", channel, pool.code(), subscribed ? "not answering" : "disconnected");
        }
    }

    private void dropRows() {
        for (CaffeineLocalCache cache : caches) {
            LocalRows.clearRows(cache);
        }
    }

    private void received(byte[] message) {
        if (Invalidations.sentBy(message, nodeBytes)) {
            return; // this node's own flush: its caches are up to date already
        }
        Map<String, Set<Long>> idsByTable;
        try {
            idsByTable = Invalidations.decode(message);
        } catch (RuntimeException e) {
            LOG.warn("local cache channel {}: ignoring a message that is not an invalidation: {}", channel, e.toString());
            return;
        }
        gate.invalidating();
        if (idsByTable == null) {
            dropRows();
            return;
        }
        idsByTable.forEach((table, ids) -> {
            LocalCache cache = cacheByTable.get(table);
            if (cache != null) {
                for (Long id : ids) {
                    LocalRows.remove(cache, table, id);
                }
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            closed = true;
            subscribed = false;
            update();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    /** The tables this channel invalidates (for diagnostics). */
    public List<String> tables() {
        return new ArrayList<>(cacheByTable.keySet());
    }

    private final class Listener implements RedisSubscription.Listener {

        @Override
        public void message(byte[] message) {
            received(message);
        }

        @Override
        public void subscribed() {
            synchronized (LocalCacheChannel.this) {
                subscribed = true;
                update();
            }
        }

        @Override
        public void lost() {
            synchronized (LocalCacheChannel.this) {
                subscribed = false;
                update();
            }
        }
    }
}
