package io.fluxa.redis;

import io.fluxa.PoolUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A subscription to one Redis pub/sub channel on a connection of its own (a client of its own that
 * shares the pool's threads), named with {@code CLIENT SETNAME} so operators can find it. Lettuce
 * reconnects it after it dropped and subscribes again; the {@link Listener} hears about both, so its
 * owner knows when messages may have been lost.
 */
public final class RedisSubscription implements AutoCloseable {

    /** What the subscription reports; called on Lettuce's I/O threads, so implementations must be quick. */
    public interface Listener {

        /** A message published on the channel. */
        void message(byte[] message);

        /** The server confirmed the subscription: at the start and again after every reconnect. */
        void subscribed();

        /** The connection dropped: messages published from now on are lost until {@link #subscribed()}. */
        void lost();
    }

    private final String code;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, byte[]> connection;
    private final Duration timeout;

    private RedisSubscription(String code, RedisClient client, StatefulRedisPubSubConnection<String, byte[]> connection,
            Duration timeout) {
        this.code = code;
        this.client = client;
        this.connection = connection;
        this.timeout = timeout;
    }

    static RedisSubscription open(String code, RedisURI poolUri, ClientOptions options, ClientResources resources,
            String channel, String clientName, Listener listener) {
        RedisURI uri = RedisURI.builder(poolUri).withClientName(clientName).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                listener.lost();
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
                // the subscription is not back yet: subscribed() tells when it is
            }
        });
        StatefulRedisPubSubConnection<String, byte[]> connection;
        try {
            connection = client.connectPubSub(LettuceRedisPool.CODEC);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new PoolUnavailableException(code, "Redis pool '" + code + "' cannot open a pub/sub connection for "
                    + channel + ": " + e.getMessage(), e);
        }
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, byte[] message) {
                listener.message(message);
            }

            @Override
            public void subscribed(String ch, long count) {
                listener.subscribed();
            }
        });
        RedisSubscription subscription = new RedisSubscription(code, client, connection, uri.getTimeout());
        try {
            connection.async().subscribe(channel).get(uri.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.close();
            throw new PoolUnavailableException(code, "interrupted while subscribing to " + channel, e);
        } catch (Exception e) {
            subscription.close();
            throw new PoolUnavailableException(code, "Redis pool '" + code + "' did not confirm the subscription to "
                    + channel + " within " + uri.getTimeout() + ": " + e.getMessage(), e);
        }
        return subscription;
    }

    /** Whether the subscribed connection answers a {@code PING} within the pool's command timeout. */
    public boolean ping() {
        if (!connection.isOpen()) {
            return false;
        }
        try {
            connection.async().ping().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The pool this subscription belongs to. */
    public String pool() {
        return code;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
