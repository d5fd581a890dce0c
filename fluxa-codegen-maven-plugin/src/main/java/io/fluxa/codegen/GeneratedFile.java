package io.fluxa.codegen;

/**
 * One file the generator produces.
 *
 * @param relativePath path below the output root, with '/' separators, e.g.
 *     {@code com/acme/entities/UserEntity.java} or {@code META-INF/services/io.fluxa.EntityModel}
 * @param content the full file text (UTF-8, '\n' line endings)
 * @param kind whether it belongs to the generated sources or the generated resources
 */
public record GeneratedFile(String relativePath, String content, Kind kind) {

    public enum Kind {
        SOURCE, RESOURCE
    }
}
