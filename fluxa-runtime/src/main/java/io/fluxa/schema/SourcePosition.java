package io.fluxa.schema;

/**
 * Where a definition element was written, so errors can point at it. {@link #UNKNOWN} when the
 * definition did not come from a source file.
 */
public record SourcePosition(String file, int line) {

    public static final SourcePosition UNKNOWN = new SourcePosition(null, 0);

    @Override
    public String toString() {
        if (file == null) {
            return "<unknown source>";
        }
        return line > 0 ? file + ":" + line : file;
    }
}
