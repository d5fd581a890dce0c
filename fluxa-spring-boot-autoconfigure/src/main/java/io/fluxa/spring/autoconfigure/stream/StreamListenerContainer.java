package io.fluxa.spring.autoconfigure.stream;

import org.jspecify.annotations.Nullable;
import io.fluxa.FluxaConfigException;
import io.fluxa.stream.ConsumerOptions;
import io.fluxa.stream.DirtyEvent;
import io.fluxa.stream.Event;
import io.fluxa.stream.EventBroker;
import io.fluxa.stream.EventConsumer;
import io.fluxa.stream.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link FluxaStreamListener} method: {@code concurrency} consumers per method, each on a
 * thread of its own, started with the application context and stopped with it. Stopping asks every
 * consumer to finish and acknowledge its batch, and waits up to
 * {@code fluxa.streams.listeners.shutdown-timeout}. Also trims streams that have a max length.
 */
public class StreamListenerContainer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamListenerContainer.class);

    private final EventBroker broker;
    private final StreamListenerMethods methods;
    private final FluxaStreamsProperties properties;
    private final Environment environment;
    private final List<EventConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private @Nullable ScheduledExecutorService trimmer;
    private volatile boolean running;

    StreamListenerContainer(EventBroker broker, StreamListenerMethods methods, FluxaStreamsProperties properties,
            Environment environment) {
        this.broker = broker;
        this.methods = methods;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        String prefix = consumerPrefix();
        try {
            if (properties.listeners().enabled()) {
                for (StreamListenerMethods.Endpoint endpoint : methods.endpoints()) {
                    startEndpoint(endpoint, prefix);
                }
            }
        } catch (RuntimeException e) {
            stopConsumers();
            throw e;
        }
        startTrimming();
        running = true;
    }

    private void startEndpoint(StreamListenerMethods.Endpoint endpoint, String prefix) {
        FluxaStreamListener listener = endpoint.listener();
        String stream = environment.resolveRequiredPlaceholders(listener.stream());
        String group = environment.resolveRequiredPlaceholders(listener.group());
        if (listener.concurrency() < 1) {
            throw new FluxaConfigException("@FluxaStreamListener on " + endpoint.describe() + ": concurrency is "
                    + listener.concurrency() + "; expected at least 1");
        }
        EventHandler handler = handler(endpoint);
        ConsumerOptions options = options(endpoint);
        for (int i = 0; i < listener.concurrency(); i++) {
            String name = prefix + "-" + endpoint.method().getName() + "-" + i;
            EventConsumer consumer;
            try {
                consumer = broker.consumer(stream, group, name, options);
            } catch (RuntimeException e) {
                throw new FluxaConfigException("@FluxaStreamListener on " + endpoint.describe() + " cannot read stream '"
                        + stream + "' as group '" + group + "': " + e.getMessage(), e);
            }
            consumers.add(consumer);
            Thread thread = new Thread(() -> consumer.run(handler), "fluxa-" + stream + "-" + group + "-" + i);
            thread.setDaemon(false);
            threads.add(thread);
            thread.start();
        }
        LOG.info("listening to stream {} as group {} with {} consumer(s) for {}", stream, group,
                listener.concurrency(), endpoint.describe());
    }

    private ConsumerOptions options(StreamListenerMethods.Endpoint endpoint) {
        FluxaStreamsProperties.Listeners defaults = properties.listeners();
        FluxaStreamListener listener = endpoint.listener();
        Duration claimIdle = listener.claimIdle().isBlank() ? defaults.claimIdle()
                : DurationStyle.detectAndParse(environment.resolveRequiredPlaceholders(listener.claimIdle()));
        try {
            return new ConsumerOptions(listener.batchSize() > 0 ? listener.batchSize() : defaults.batchSize(),
                    defaults.block(), claimIdle,
                    listener.maxDeliveries() > 0 ? listener.maxDeliveries() : defaults.maxDeliveries());
        } catch (IllegalArgumentException e) {
            throw new FluxaConfigException("@FluxaStreamListener on " + endpoint.describe() + " (or fluxa.streams"
                    + ".listeners.*): " + e.getMessage(), e);
        }
    }

    /** Calls the method with the event, its dirty-event view or its decoded body, by the parameter type. */
    private static EventHandler handler(StreamListenerMethods.Endpoint endpoint) {
        Method method = endpoint.method();
        if (method.getParameterCount() != 1) {
            throw new FluxaConfigException("@FluxaStreamListener method " + endpoint.describe() + " takes "
                    + method.getParameterCount() + " parameters; it must take exactly one: an Event, a DirtyEvent "
                    + "or the event body's type");
        }
        ReflectionUtils.makeAccessible(method);
        Class<?> type = method.getParameterTypes()[0];
        Object bean = endpoint.bean();
        return event -> {
            Object argument;
            if (type == Event.class) {
                argument = event;
            } else if (type == DirtyEvent.class) {
                argument = DirtyEvent.of(event);
            } else {
                argument = event.body(type);
            }
            try {
                method.invoke(bean, argument);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        };
    }

    private void startTrimming() {
        Duration interval = properties.trimInterval();
        List<String> limited = properties.definitions().entrySet().stream()
                .filter(e -> e.getValue().maxLength() > 0).map(java.util.Map.Entry::getKey).toList();
        if (interval.isZero() || interval.isNegative() || limited.isEmpty()) {
            return;
        }
        trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fluxa-stream-trimmer");
            t.setDaemon(true);
            return t;
        });
        trimmer.scheduleWithFixedDelay(() -> {
            for (String stream : limited) {
                try {
                    long removed = broker.trim(stream);
                    if (removed > 0) {
                        LOG.debug("trimmed {} entries from stream {}", removed, stream);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("trimming stream {} failed: {}", stream, e.getMessage());
                }
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (trimmer != null) {
            trimmer.shutdownNow();
            trimmer = null;
        }
        stopConsumers();
        running = false;
    }

    private void stopConsumers() {
        consumers.forEach(EventConsumer::stop);
        long deadline = System.nanoTime() + properties.listeners().shutdownTimeout().toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                LOG.warn("stream listener thread {} did not finish its batch within {}; its unacknowledged events "
                        + "stay pending and will be claimed by another consumer", thread.getName(),
                        properties.listeners().shutdownTimeout());
            }
        }
        for (EventConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("closing stream consumer {} failed: {}", consumer, e.getMessage());
            }
        }
        consumers.clear();
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Consumers currently running, e.g. for tests and diagnostics. */
    public synchronized List<EventConsumer> consumers() {
        return List.copyOf(consumers);
    }

    /** {@code <application name>-<host>-<pid>}: unique per running instance. */
    private String consumerPrefix() {
        String app = environment.getProperty("spring.application.name", "app");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return app + "-" + host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
