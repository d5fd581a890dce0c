package io.fluxa.redis;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;

import java.util.List;

/**
 * Where a Redis pool connects: a standalone server or a Sentinel-managed master, with optional
 * credentials and a database number.
 */
public record RedisAddress(String host, int port, int database, String user, String password, boolean ssl,
        String sentinelMaster, List<String> sentinels) {

    public RedisAddress {
        sentinels = sentinels == null ? List.of() : List.copyOf(sentinels);
    }

    public boolean isSentinel() {
        return sentinelMaster != null;
    }

    /**
     * Parses {@code host:port}, {@code host:port:db}, or a {@code redis://} / {@code rediss://} URI
     * ({@code redis://[user:password@]host:port[/db]}).
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static RedisAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a Redis address is required; expected host:port[:db] or "
                    + "redis://[user:password@]host:port[/db]");
        }
        String text = address.trim();
        if (text.startsWith("redis://") || text.startsWith("rediss://")) {
            RedisURI uri;
            try {
                uri = RedisURI.create(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + address + "' is not a valid Redis URI: " + e.getMessage()
                        + "; expected redis://[user:password@]host:port[/db]", e);
            }
            // A URI's user info becomes static credentials, which can be read without subscribing.
            String user = null;
            String password = null;
            if (uri.getCredentialsProvider() instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider p) {
                RedisCredentials credentials = p.resolveCredentialsNow();
                user = credentials.getUsername();
                password = credentials.hasPassword() ? new String(credentials.getPassword()) : null;
            }
            return new RedisAddress(uri.getHost(), uri.getPort(), uri.getDatabase(), user, password,
                    uri.isSsl(), null, List.of());
        }
        String[] parts = text.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("'" + address + "' is not a valid Redis address; expected "
                    + "host:port[:db] or redis://[user:password@]host:port[/db]");
        }
        int port = number(address, parts[1], "port", 1, 65_535);
        int db = parts.length == 3 ? number(address, parts[2], "database", 0, 1_000_000) : 0;
        return new RedisAddress(parts[0], port, db, null, null, false, null, List.of());
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
        return new RedisAddress(null, 0, database, null, null, false, master, nodes);
    }

    /** The same address with other credentials and/or database. Null arguments keep the current value. */
    public RedisAddress with(String otherUser, String otherPassword, Integer otherDatabase) {
        return new RedisAddress(host, port, otherDatabase == null ? database : otherDatabase,
                otherUser == null ? user : otherUser, otherPassword == null ? password : otherPassword, ssl,
                sentinelMaster, sentinels);
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

    /** {@code host:port/db} or {@code sentinel master@node,node/db}, without credentials. */
    public String describe() {
        return isSentinel() ? "sentinel " + sentinelMaster + "@" + String.join(",", sentinels) + "/" + database
                : host + ":" + port + "/" + database;
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
