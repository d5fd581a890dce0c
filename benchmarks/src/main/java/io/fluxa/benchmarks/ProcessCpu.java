package io.fluxa.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the local database and Redis servers, for the
 * {@link AlternatingProbe} to show which process a side's time went to. On a machine with few cores
 * the servers and the client share them, so a side that keeps the client busy also slows the
 * server's replies; the wall time alone does not show that.
 *
 * <p>The time comes from Linux's {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on a CPU, summed
 * over the process's threads; the JVM's own process CPU time counts in 10 ms ticks here); where there is
 * no {@code /proc} or no such local process, it is left out.
 */
final class ProcessCpu {

    /** The server processes looked for, by process name ({@code /proc/<pid>/comm}: Debian's redis-server is a link). */
    static final List<String> SERVERS = List.of("mariadbd", "mysqld", "redis-server");

    private final String name;
    private final long pid;

    private ProcessCpu(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /** The local server processes of {@link #SERVERS} this user can read, first process of each name. */
    static List<ProcessCpu> servers() {
        List<ProcessCpu> found = new ArrayList<>();
        for (String server : SERVERS) {
            ProcessHandle.allProcesses()
                    .filter(p -> server.equals(comm(p.pid())))
                    .findFirst()
                    .map(p -> new ProcessCpu(server, p.pid()))
                    .filter(p -> p.nanos().isPresent())
                    .ifPresent(found::add);
        }
        return found;
    }

    /** The process's name, or null when it cannot be read. */
    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    String name() {
        return name;
    }

    /** CPU time of the process's threads that run now, or empty when it cannot be read (ended, no /proc). */
    Optional<Long> nanos() {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long sum = 0;
            for (Path thread : (Iterable<Path>) threads::iterator) {
                sum += onCpu(thread.resolve("schedstat"));
            }
            return Optional.of(sum);
        } catch (NoSuchFileException | SecurityException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first field of a thread's {@code schedstat}: its time on a CPU; 0 when the thread ended meanwhile. */
    private static long onCpu(Path schedstat) throws IOException {
        try {
            String line = Files.readString(schedstat);
            int end = line.indexOf(' ');
            return Long.parseLong(end < 0 ? line.trim() : line.substring(0, end));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** This JVM, when its threads can be read from {@code /proc}. */
    static Optional<ProcessCpu> jvm() {
        ProcessCpu jvm = new ProcessCpu("JVM", ProcessHandle.current().pid());
        return jvm.nanos().isPresent() ? Optional.of(jvm) : Optional.empty();
    }
}
