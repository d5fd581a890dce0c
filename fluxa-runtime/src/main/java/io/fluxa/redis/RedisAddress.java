package io.fluxa.redis;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a Redis pool connects: a standalone server (TCP or a Unix socket) or a Sentinel-managed
 * master, with optional credentials, a database number, and the command timeout an address string
 * may carry ({@code ?timeout=}).
 *
 * @param socket the Unix socket path, or null for TCP
 * @param timeout the command timeout given in the address, or null when it gave none
 */
public record RedisAddress(String host, int port, int database, String user, String password, boolean ssl,
        String sentinelMaster, List<String> sentinels, String socket, Duration timeout) {

    private static final String FORMS = "host:port[:db][?user=U&password=P&timeout=2s], "
            + "/path/to/redis.sock[:db][?…] or redis://[user:password@]host:port[/db][?timeout=2s]";
    private static final Pattern TIMEOUT_PARAMETER = Pattern.compile("[?&]timeout=");

    public RedisAddress {
        sentinels = sentinels == null ? List.of() : List.copyOf(sentinels);
    }

    /** A TCP or Sentinel address without a socket or timeout. */
    public RedisAddress(String host, int port, int database, String user, String password, boolean ssl,
            String sentinelMaster, List<String> sentinels) {
        this(host, port, database, user, password, ssl, sentinelMaster, sentinels, null, null);
    }

    public boolean isSentinel() {
        return sentinelMaster != null;
    }

    /**
     * Parses {@code host:port[:db]}, a Unix socket {@code /path/redis.sock[:db]} (both optionally
     * followed by {@code ?user=U&password=P&timeout=2s}), or a {@code redis://}, {@code rediss://} or
     * {@code redis-socket://} URI ({@code redis://[user:password@]host:port[/db][?timeout=2s]}).
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static RedisAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a Redis address is required; expected " + FORMS);
        }
        String text = address.trim();
        if (text.startsWith("redis://") || text.startsWith("rediss://") || text.startsWith("redis-socket://")) {
            return parseUri(address, text);
        }
        int query = text.indexOf('?');
        String location = query < 0 ? text : text.substring(0, query);
        Map<String, String> parameters = query < 0 ? Map.of() : parameters(address, text.substring(query + 1));
        String user = parameters.get("user");
        String password = parameters.get("password");
        Duration timeout = parameters.containsKey("timeout") ? duration(address, parameters.get("timeout")) : null;
        if (location.startsWith("/")) {
            int colon = location.lastIndexOf(':');
            boolean hasDb = colon > 0 && location.substring(colon + 1).chars().allMatch(Character::isDigit)
                    && colon < location.length() - 1;
            String path = hasDb ? location.substring(0, colon) : location;
            int db = hasDb ? number(address, location.substring(colon + 1), "database", 0, 1_000_000) : 0;
            return new RedisAddress(null, 0, db, user, password, false, null, List.of(), path, timeout);
        }
        String[] parts = location.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("'" + address + "' is not a valid Redis address; expected " + FORMS);
        }
        int port = number(address, parts[1], "port", 1, 65_535);
        int db = parts.length == 3 ? number(address, parts[2], "database", 0, 1_000_000) : 0;
        return new RedisAddress(parts[0], port, db, user, password, false, null, List.of(), null, timeout);
    }

    private static RedisAddress parseUri(String address, String text) {
        RedisURI uri;
        try {
            uri = RedisURI.create(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + address + "' is not a valid Redis URI: " + e.getMessage()
                    + "; expected " + FORMS, e);
        }
        // A URI's user info becomes static credentials, which can be read without subscribing.
        String user = null;
        String password = null;
        if (uri.getCredentialsProvider() instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider p) {
            RedisCredentials credentials = p.resolveCredentialsNow();
            user = credentials.getUsername();
            password = credentials.hasPassword() ? new String(credentials.getPassword()) : null;
        }
        Duration timeout = TIMEOUT_PARAMETER.matcher(text).find() ? uri.getTimeout() : null;
        return new RedisAddress(uri.getSocket() == null ? uri.getHost() : null, uri.getSocket() == null
                ? uri.getPort() : 0, uri.getDatabase(), user, password, uri.isSsl(), null, List.of(), uri.getSocket(),
                timeout);
    }

    private static Map<String, String> parameters(String address, String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!List.of("user", "password", "timeout").contains(name)) {
                throw new IllegalArgumentException("'" + address + "' has an unknown parameter '" + name
                        + "'; expected user, password or timeout");
            }
            result.put(name, URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or a number of seconds. */
    private static Duration duration(String address, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + address + "' has an invalid timeout '" + text
                    + "'; expected e.g. 500ms, 2s or 1m");
        }
    }

    /** A Sentinel address: master name plus {@code host:port} of each sentinel. */
    public static RedisAddress sentinel(String master, List<String> nodes, int database) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("a Sentinel master name is required");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one Sentinel node (host:port) is required");
        }
        for (String node : nodes) {
            String[] parts = node == null ? new String[0] : node.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + node + "' is not a valid Sentinel node; expected host:port");
            }
            number(node, parts[1], "port", 1, 65_535);
        }
        return new RedisAddress(null, 0, database, null, null, false, master, nodes, null, null);
    }

    /** The same address with other credentials and/or database. Null arguments keep the current value. */
    public RedisAddress with(String otherUser, String otherPassword, Integer otherDatabase) {
        return new RedisAddress(host, port, otherDatabase == null ? database : otherDatabase,
                otherUser == null ? user : otherUser, otherPassword == null ? password : otherPassword, ssl,
                sentinelMaster, sentinels, socket, timeout);
    }

    /** The Lettuce URI for this address. */
    public RedisURI toRedisUri() {
        RedisURI.Builder builder;
        if (isSentinel()) {
            String[] first = sentinels.get(0).split(":");
            builder = RedisURI.Builder.sentinel(first[0], Integer.parseInt(first[1]), sentinelMaster);
            for (String node : sentinels.subList(1, sentinels.size())) {
                String[] hp = node.split(":");
                builder.withSentinel(hp[0], Integer.parseInt(hp[1]));
            }
        } else if (socket != null) {
            builder = RedisURI.Builder.socket(socket);
        } else {
            builder = RedisURI.Builder.redis(host, port).withSsl(ssl);
        }
        builder.withDatabase(database);
        if (password != null && !password.isEmpty()) {
            if (user != null && !user.isEmpty()) {
                builder.withAuthentication(user, password);
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        return builder.build();
    }

    /** {@code host:port/db}, {@code unix:/path/db} or {@code sentinel master@node,node/db}, without credentials. */
    public String describe() {
        return isSentinel() ? "sentinel " + sentinelMaster + "@" + String.join(",", sentinels) + "/" + database
                : socket != null ? "unix:" + socket + "/" + database : host + ":" + port + "/" + database;
    }

    private static int number(String address, String text, String what, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + address + "' has an invalid " + what + " '" + text
                    + "'; expected a whole number from " + min + " to " + max);
        }
    }
}
