package io.fluxa.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One native server process: started with its output appended to a log file, ready once its port
 * accepts connections, stopped with SIGTERM (then killed if it does not exit in time).
 */
final class ServerProcess {

    static final String HOST = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        // the JVM may end without anyone closing us (Ctrl-C, System.exit): never leave a server behind
        this.shutdownHook = new Thread(this::stopNow, "fluxa-embedded-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} and waits until {@code port} accepts connections. */
    static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path log,
            int port, Duration timeout) {
        if (isOpen(port)) {
            throw new EmbeddedServerException("Cannot start the embedded " + name + " on " + HOST + ":" + port
                    + ": something already listens there. Pick another port (0 = any free one) or stop that process.");
        }
        Process process = run(name, command, environment, log);
        ServerProcess server = new ServerProcess(name, process, log, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            if (!process.isAlive()) {
                server.removeHook();
                throw failure(name, "exited with code " + process.exitValue() + " before accepting connections", log);
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw failure(name, "did not accept connections on port " + port + " within " + timeout.toSeconds()
                        + " s (raise the startup timeout on a slow machine)", log);
            }
            pause();
        }
        return server;
    }

    /** Runs a set-up command (e.g. creating the system tables) to its end. */
    static void runToEnd(String name, List<String> command, Map<String, String> environment, Path log,
            Duration timeout) {
        Process process = run(name, command, environment, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(name, "did not finish within " + timeout.toSeconds() + " s", log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException(name + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw failure(name, "failed with exit code " + process.exitValue(), log);
        }
    }

    private static Process run(String name, List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot run the embedded " + name + " (" + command.get(0) + "): "
                    + e.getMessage(), e);
        }
    }

    private static EmbeddedServerException failure(String name, String what, Path log) {
        String output = tail(log);
        String diagnosis = NativeLibraries.diagnose(name, output);
        return new EmbeddedServerException("The embedded " + name + " " + what + ". "
                + (diagnosis != null ? diagnosis + " " : "") + "Its output (" + log + "):" + System.lineSeparator()
                + output);
    }

    /** The last lines of a log, for error messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while waiting for an embedded server to start", e);
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and waits for it to exit. */
    void close() {
        removeHook();
        stopNow();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it stops the process itself
        }
    }

    private void stopNow() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on " + HOST + ":" + port;
    }

    /** A command line the caller may still extend. */
    static List<String> command(Path executable, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return command;
    }
}
