package io.fluxa.redis;

import io.fluxa.PoolUnavailableException;

/** Turns a failed connect into a message that says which setting to check. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static PoolUnavailableException describe(String code, RedisAddress address, RuntimeException e) {
        String root = rootMessage(e);
        String where = address.describe();
        if (isAuthentication(root)) {
            return new PoolUnavailableException(code, "Redis pool '" + code + "' at " + where
                    + ": authentication failed (" + root + "). Check the username and password of fluxa.pools."
                    + code + ".redis (user/password settings, or user:password@ in the URI).", e);
        }
        if (address.socket() != null && (root.contains("EPoll") || root.contains("domain socket"))) {
            return new PoolUnavailableException(code, "Redis pool '" + code + "' cannot use the Unix socket "
                    + address.socket() + ": " + root + ". Unix sockets need Netty's native transport on the "
                    + "classpath (io.netty:netty-transport-native-epoll with classifier linux-x86_64); "
                    + "or connect with host:port instead.", e);
        }
        return new PoolUnavailableException(code, "Redis pool '" + code + "' is unreachable at " + where + ": "
                + root + ". Check fluxa.pools." + code + ".redis and that the server is running.", e);
    }

    /** WRONGPASS (ACL), NOAUTH (a password is required) and the pre-6 "invalid password" answer. */
    static boolean isAuthentication(String message) {
        return message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
                || message.contains("invalid password") || message.contains("invalid username-password");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
