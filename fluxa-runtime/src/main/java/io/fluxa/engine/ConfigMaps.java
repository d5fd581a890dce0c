package io.fluxa.engine;

import io.fluxa.FluxaConfigException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one level of the {@code fluxa.pools} map: accepts kebab-case, camelCase and snake_case
 * keys, rejects unknown ones, and turns every type problem into a {@link FluxaConfigException}
 * naming the full property path.
 */
final class ConfigMaps {

    private final String path;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> originalKeys = new LinkedHashMap<>();

    private ConfigMaps(String path) {
        this.path = path;
    }

    /**
     * @param allowedKeys the accepted settings in kebab-case, e.g. {@code max-open-connections};
     *     values are then looked up by that kebab-case name
     */
    static ConfigMaps of(String path, Object value, List<String> allowedKeys) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new FluxaConfigException(path + ": expected a map of settings, got " + describe(value));
        }
        Map<String, String> kebabByCanonical = new LinkedHashMap<>();
        for (String k : allowedKeys) {
            kebabByCanonical.put(canonical(k), k);
        }
        ConfigMaps result = new ConfigMaps(path);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String original = String.valueOf(e.getKey());
            String key = kebabByCanonical.get(canonical(original));
            if (key == null) {
                throw new FluxaConfigException(path + "." + original + ": unknown setting; expected one of "
                        + String.join(", ", allowedKeys));
            }
            String earlier = result.originalKeys.get(key);
            if (earlier != null) {
                throw new FluxaConfigException(path + "." + original + ": set twice (also as " + earlier
                        + "); keep one spelling of " + key);
            }
            result.values.put(key, e.getValue());
            result.originalKeys.put(key, original);
        }
        return result;
    }

    /** {@code maxOpenConnections}, {@code max-open-connections} and {@code max_open_connections} are one key. */
    static String canonical(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Fails when more than one of {@code keys} (alternative names of one setting) is set. */
    void atMostOne(String... keys) {
        String first = null;
        for (String key : keys) {
            if (has(key)) {
                if (first != null) {
                    throw new FluxaConfigException(pathOf(key) + ": conflicts with " + pathOf(first)
                            + "; set only one of " + String.join(", ", keys));
                }
                first = key;
            }
        }
    }

    /** The property path of this level, e.g. {@code fluxa.pools.default.mysql}. */
    String path() {
        return path;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    String pathOf(String key) {
        return path + "." + originalKeys.getOrDefault(key, key);
    }

    Object raw(String key) {
        return values.get(key);
    }

    String string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new FluxaConfigException(pathOf(key) + ": expected text, got " + describe(v));
    }

    String requiredString(String key, String expected) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            throw new FluxaConfigException(path + "." + key + ": required; expected " + expected);
        }
        return v;
    }

    Integer integer(String key, int min) {
        Long parsed = longValue(key, min);
        if (parsed == null) {
            return null;
        }
        if (parsed > Integer.MAX_VALUE) {
            throw new FluxaConfigException(pathOf(key) + ": " + parsed + " is out of range; expected at most "
                    + Integer.MAX_VALUE);
        }
        return parsed.intValue();
    }

    Long longValue(String key, long min) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        long parsed;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            parsed = n.longValue();
        } else if (v instanceof String s) {
            try {
                parsed = Long.parseLong(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new FluxaConfigException(pathOf(key) + ": '" + s + "' is not a whole number");
            }
        } else {
            throw new FluxaConfigException(pathOf(key) + ": expected a whole number, got " + describe(v));
        }
        if (parsed < min) {
            throw new FluxaConfigException(pathOf(key) + ": " + parsed + " is out of range; expected at least " + min);
        }
        return parsed;
    }

    /** Seconds as a number, or a duration: {@code 30s}, {@code 5m}, {@code 1h}, {@code PT30M}. */
    Duration duration(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Duration d) {
            return d;
        }
        if (v instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            long amount = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new FluxaConfigException(pathOf(key) + ": '" + v + "' is not a duration; expected seconds "
                    + "(e.g. 1800) or a value like 30s, 30m, 1h or PT30M");
        }
    }

    List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
            return result;
        }
        if (v instanceof Collection<?> c) {
            for (Object item : c) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw new FluxaConfigException(pathOf(key) + ": expected a list of names, found " + describe(item));
                }
                result.add(s.trim());
            }
            return result;
        }
        if (v instanceof Map<?, ?> m) {
            // Spring's binder turns YAML lists into maps keyed "0", "1", ...
            for (Object item : m.values()) {
                result.add(String.valueOf(item).trim());
            }
            return result;
        }
        throw new FluxaConfigException(pathOf(key) + ": expected a list of names, got " + describe(v));
    }

    /** The value and its kind, without implementation class names such as ImmutableCollections$ListN. */
    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        String kind = v instanceof Map<?, ?> ? "map" : v instanceof Collection<?> ? "list" : v.getClass().getSimpleName();
        return kind + " '" + v + "'";
    }
}
