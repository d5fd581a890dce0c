package io.fluxa.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a directory, held through a {@code .lock} file: two processes never run
 * servers on the same data, and never unpack the same binaries at once.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with {@code busyMessage}. */
    static DirectoryLock tryLock(Path directory, String busyMessage) {
        FileChannel channel = open(directory);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                throw new EmbeddedServerException(busyMessage);
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedServerException(busyMessage, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedServerException("Cannot lock " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the lock (another process may be unpacking the same binaries). */
    static DirectoryLock lock(Path directory) {
        FileChannel channel = open(directory);
        try {
            return new DirectoryLock(channel, channel.lock());
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedServerException("Cannot lock " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel open(Path directory) {
        try {
            Files.createDirectories(directory);
            return FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot create " + directory + " for the embedded servers: "
                    + e.getMessage() + ". Set another directory (fluxa.embedded.directory).", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
    }
}
