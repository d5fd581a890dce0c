package io.fluxa.it.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process of the fault suite's own ({@code mariadbd}, {@code redis-server}) on a free port of
 * 127.0.0.1, which the tests freeze ({@code SIGSTOP}), resume, kill ({@code SIGKILL}) and restart with
 * the same data directory and port. Never the shared services on 3306/6379.
 */
abstract class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final Path dir;
    final int port;
    private Process process;
    private boolean frozen;

    ServerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** The command line that starts the server in the foreground. */
    abstract List<String> command();

    abstract String name();

    /** Starts the server and waits until it accepts connections. */
    synchronized void start() {
        try {
            process = new ProcessBuilder(command()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name() + ".out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name() + ": " + e.getMessage()
                    + " (the fault suite needs mariadbd and redis-server; bash scripts/services.sh installs them)", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + process.exitValue() + "; see "
                        + dir.resolve(name() + ".out") + ": " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " did not listen on port " + port + " within " + START_TIMEOUT);
            }
            sleep(50);
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code SIGSTOP}: the process keeps its sockets but answers nothing. */
    synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** {@code SIGCONT}. */
    synchronized void resume() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    /** {@code SIGKILL}, waiting until the process is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        frozen = false;
        while (accepts(port)) {
            sleep(20);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            if (frozen) {
                signal("CONT");
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name() + ".out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("setup.out").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + dir.resolve("setup.out")
                        + ": " + Files.readString(dir.resolve("setup.out")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (the fault suite needs MariaDB's "
                    + "server package; bash scripts/services.sh installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A MariaDB server with a data directory of its own (root, no password). */
    static final class MariaDb extends ServerProcess {

        MariaDb(Path dir) {
            super(dir, freePort());
            List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal",
                    "--skip-test-db", "--skip-name-resolve"));
            if (isRoot()) {
                install.add("--user=root");
            }
            run(dir, install);
        }

        @Override
        List<String> command() {
            List<String> command = new ArrayList<>(List.of(binary(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                    "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-name-resolve", "--skip-log-bin",
                    "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", "--max-connections=100"));
            if (isRoot()) {
                command.add("--user=root");
            }
            return command;
        }

        private static String binary() {
            return Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? "/usr/sbin/mariadbd" : "mariadbd";
        }

        @Override
        String name() {
            return "mariadbd";
        }

        String url(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
        }
    }

    /** A Redis server without persistence: a killed and restarted one comes back empty. */
    static final class Redis extends ServerProcess {

        Redis(Path dir) {
            super(dir, freePort());
        }

        @Override
        List<String> command() {
            return List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString());
        }

        @Override
        String name() {
            return "redis-server";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
