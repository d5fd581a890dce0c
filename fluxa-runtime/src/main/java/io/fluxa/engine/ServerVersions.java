package io.fluxa.engine;

import io.fluxa.PoolUnavailableException;

import java.util.Locale;

/** Minimum server versions Fluxa supports, and the checks {@link Registry#validate()} runs. */
public final class ServerVersions {

    public static final String MIN_MYSQL = "8.0";
    public static final String MIN_MARIADB = "10.6";
    public static final String MIN_REDIS = "6.2";

    private ServerVersions() {
    }

    /** Fails when a MySQL/MariaDB server reporting {@code version} (SELECT VERSION()) is too old. */
    public static void checkMySql(String pool, String version) {
        boolean mariaDb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        String minimum = mariaDb ? MIN_MARIADB : MIN_MYSQL;
        if (compare(version, minimum) < 0) {
            throw new PoolUnavailableException(pool, "MySQL pool '" + pool + "': server version " + version
                    + " is too old; Fluxa needs " + (mariaDb ? "MariaDB " : "MySQL ") + minimum + " or newer");
        }
    }

    /** Fails when a Redis server reporting {@code version} (INFO server) is too old. */
    public static void checkRedis(String pool, String version) {
        if (compare(version, MIN_REDIS) < 0) {
            throw new PoolUnavailableException(pool, "Redis pool '" + pool + "': server version " + version
                    + " is too old; Fluxa needs Redis (or Valkey) " + MIN_REDIS + " or newer");
        }
    }

    /** Compares the leading dotted numbers of two version strings ({@code 10.11.19-MariaDB} → 10, 11, 19). */
    public static int compare(String version, String other) {
        int[] a = numbers(version);
        int[] b = numbers(other);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        int end = 0;
        while (end < version.length() && (Character.isDigit(version.charAt(end)) || version.charAt(end) == '.')) {
            end++;
        }
        String[] parts = version.substring(0, end).split("\\.");
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
        }
        return result;
    }
}
