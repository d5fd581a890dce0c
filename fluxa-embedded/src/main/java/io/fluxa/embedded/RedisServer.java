package io.fluxa.embedded;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Redis from the binaries embedded-redis ships inside its jar, copied once to the binaries
 * directory and run as a plain child process on 127.0.0.1.
 */
final class RedisServer {

    private RedisServer() {
    }

    static ServerProcess start(Platform platform, EmbeddedSettings settings, int port) {
        platform.checkRedis();
        Path executable = unpack(platform, settings.binaries());
        Path data = settings.dataDirectory().resolve("redis");
        if (settings.data() == DataMode.FRESH) {
            Files2.deleteRecursively(data);
        }
        Files2.createDirectories(data);
        boolean keep = settings.data() == DataMode.KEEP;
        List<String> command = ServerProcess.command(executable,
                "--port", Integer.toString(port), "--bind", ServerProcess.HOST, "--dir", data.toString(),
                "--daemonize", "no", "--save", "",
                // KEEP: every write goes to the append-only file (flushed each second) and is replayed on start
                "--appendonly", keep ? "yes" : "no", "--appendfsync", "everysec");
        return ServerProcess.start("Redis", command, Map.of(), settings.dataDirectory().resolve("redis.log"), port,
                settings.startupTimeout());
    }

    private static Path unpack(Platform platform, Path binaries) {
        String resource = ExecutableProvider.newProvidedVersionsMap().get(osArchitecture(platform));
        Path executable = binaries.resolve("redis").resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isExecutable(executable)) {
            return executable;
        }
        try (DirectoryLock ignored = DirectoryLock.lock(binaries); InputStream in = RedisServer.class
                .getResourceAsStream(resource)) {
            if (in == null) {
                throw new EmbeddedServerException("The Redis binary " + resource + " is not on the class path: keep "
                        + "the dependency com.github.codemonstur:embedded-redis that fluxa-embedded brings.");
            }
            Files.createDirectories(executable.getParent());
            Path partial = executable.resolveSibling(executable.getFileName() + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, executable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return executable;
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot unpack the Redis binary to " + executable + ": "
                    + e.getMessage(), e);
        }
    }

    private static OsArchitecture osArchitecture(Platform platform) {
        boolean arm = platform.arch().equals("aarch64");
        if (platform.os().equals("macos")) {
            return arm ? OsArchitecture.MAC_OS_X_ARM64 : OsArchitecture.MAC_OS_X_x86_64;
        }
        return arm ? OsArchitecture.UNIX_AARCH64 : OsArchitecture.UNIX_x86_64;
    }
}
