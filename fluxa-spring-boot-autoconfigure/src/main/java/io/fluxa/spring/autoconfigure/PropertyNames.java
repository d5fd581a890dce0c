package io.fluxa.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.fluxa.FluxaConfigException;
import io.fluxa.PoolUnavailableException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Renames {@code fluxa.pools.default.*} paths in error messages to the Spring property the value
 * really came from ({@code spring.datasource.url}, {@code spring.data.redis.host} …), so a message
 * always names a property the user can find in their configuration. Longer paths are listed first.
 */
final class PropertyNames {

    private final Map<String, String> renames;

    PropertyNames(Map<String, String> renames) {
        this.renames = Map.copyOf(renames);
    }

    void translating(Runnable action) {
        translating(() -> {
            action.run();
            return null;
        });
    }

    <T> T translating(Supplier<T> action) {
        try {
            return action.get();
        } catch (FluxaConfigException e) {
            String message = rename(e.getMessage());
            throw message.equals(e.getMessage()) ? e : sameOrigin(new FluxaConfigException(message, e.getCause()), e);
        } catch (PoolUnavailableException e) {
            String message = rename(e.getMessage());
            throw message.equals(e.getMessage()) ? e
                    : sameOrigin(new PoolUnavailableException(e.pool(), message, e.getCause()), e);
        }
    }

    /** The renamed exception replaces the original (whose message would mislead), keeping where it was thrown. */
    private static RuntimeException sameOrigin(RuntimeException renamed, RuntimeException original) {
        renamed.setStackTrace(original.getStackTrace());
        return renamed;
    }

    /** {@code message} with every renamed path replaced, longest path first so prefixes do not clash. */
    @Nullable String rename(@Nullable String message) {
        if (message == null || renames.isEmpty()) {
            return message;
        }
        String result = message;
        for (String path : renames.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            result = replacePath(result, path, renames.get(path));
        }
        return result;
    }

    /** Replaces {@code path} only where it is a whole path or a prefix ending at '.', ' ', ':' or '('. */
    private static String replacePath(String message, String path, String replacement) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = message.indexOf(path); at >= 0; at = message.indexOf(path, from)) {
            int end = at + path.length();
            boolean whole = end == message.length() || " :,;()'".indexOf(message.charAt(end)) >= 0;
            out.append(message, from, at).append(whole ? replacement : path);
            from = end;
        }
        return out.append(message.substring(from)).toString();
    }
}
