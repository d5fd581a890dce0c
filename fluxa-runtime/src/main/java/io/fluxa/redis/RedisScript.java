package io.fluxa.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script described once (typically a {@code static final} constant) and run on any pool with
 * {@link RedisPool#eval(RedisScript, java.util.List, String...)} or the pipeline's {@code eval}.
 *
 * <p>The SHA-1 is computed here, without asking a server. The first run on a pool sends the script
 * body ({@code EVAL}, which also puts it into the server's script cache); later runs send only the
 * SHA ({@code EVALSHA}). When the server answers {@code NOSCRIPT} (it restarted, failed over, or ran
 * {@code SCRIPT FLUSH}) the call is repeated once with {@code EVAL}, so callers never see that error.
 */
public final class RedisScript {

    private final String name;
    private final String source;
    private final String sha;

    private RedisScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * @param name a short name for query logs and error messages (e.g. {@code fill-row}); not sent
     * @param source the Lua text
     */
    public static RedisScript of(String name, String source) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Redis script needs a name (used in logs and errors)");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Redis script '" + name + "' has no source");
        }
        return new RedisScript(name, source);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    /** The lower-case hex SHA-1 of the source, as {@code SCRIPT LOAD} answers it. */
    public String sha() {
        return sha;
    }

    private static String sha1(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no SHA-1", e); // every JVM must offer it
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisScript s && s.sha.equals(sha) && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sha);
    }

    @Override
    public String toString() {
        return "RedisScript[" + name + " " + sha + "]";
    }
}
