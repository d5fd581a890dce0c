package io.fluxa.test;

import io.fluxa.FluxaConfigException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Base names of the databases of {@link FluxaTest} classes: derived from the class, or checked when
 * given. The test run appends its id to them ({@link FluxaTestServers#databaseName(String)}).
 */
final class DatabaseNames {

    /** MySQL's limit for a database name. */
    static final int MAX_LENGTH = 64;
    /** Room left for {@code _} and the run id. */
    static final int MAX_BASE_LENGTH = MAX_LENGTH - 9;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private DatabaseNames() {
    }

    /** The database of the {@code default} MySQL pool of {@code testClass}. */
    static String base(Class<?> testClass, FluxaTest settings) {
        if (!settings.database().isEmpty()) {
            return check(testClass, settings.database(), "database");
        }
        String prefix = settings.databasePrefix();
        if (!prefix.isEmpty()) {
            check(testClass, prefix, "databasePrefix");
        }
        return derive(prefix, testClass.getName());
    }

    /**
     * {@code prefix} + the class's simple name in snake case + {@code _} + 8 hex digits of a hash of
     * the qualified name, so classes with the same simple name in different packages differ.
     */
    static String derive(String prefix, String qualifiedName) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        CRC32 crc = new CRC32();
        crc.update(qualifiedName.getBytes(StandardCharsets.UTF_8));
        String hash = String.format(Locale.ROOT, "%08x", crc.getValue());
        String name = prefix.toLowerCase(Locale.ROOT) + snake(simple);
        int room = MAX_BASE_LENGTH - 1 - hash.length();
        if (name.length() > room) {
            name = name.substring(0, room);
        }
        return name + "_" + hash;
    }

    /** The database of MySQL pool {@code pool}: the base name for {@code default}, else base_pool. */
    static String forPool(String base, String pool) {
        if (pool.equals(io.fluxa.Registry.DEFAULT_POOL)) {
            return base;
        }
        String suffix = "_" + snake(pool);
        String name = base.length() + suffix.length() > MAX_BASE_LENGTH
                ? base.substring(0, MAX_BASE_LENGTH - suffix.length()) : base;
        return name + suffix;
    }

    static String snake(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        char previous = '_';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char out;
            if (c >= 'A' && c <= 'Z') {
                boolean nextLower = i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextLower)) {
                    b.append('_');
                }
                out = Character.toLowerCase(c);
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out = c;
            } else {
                out = '_';
            }
            if (out == '_' && b.length() > 0 && b.charAt(b.length() - 1) == '_') {
                previous = c;
                continue;
            }
            b.append(out);
            previous = c;
        }
        return b.toString();
    }

    private static String check(Class<?> testClass, String name, String attribute) {
        if (!NAME.matcher(name).matches() || name.length() > MAX_BASE_LENGTH) {
            throw new FluxaConfigException("@FluxaTest(" + attribute + " = \"" + name + "\") on "
                    + testClass.getName() + ": expected letters, digits and '_' only, at most " + MAX_BASE_LENGTH
                    + " characters (the test run's id is appended)");
        }
        return name;
    }
}
