package io.fluxa.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The field-by-field rules of an entity definition, used by {@link EntityReader}: which column kind a
 * field's Java type and annotations make, which annotations each kind allows (and the error for one
 * that does not fit), and the checks of single annotations ({@code @Length}, {@code @Blob},
 * {@code @Enum}/{@code @SetOf} values, {@code @Unique}/{@code @Index} parts). Every failure is a
 * {@link SchemaDefinitionException} naming the field and the fix.
 */
final class FieldRules {

    /** The annotations every column kind allows (some kinds remove index annotations again). */
    private static final Set<String> COMMON = Set.of("Required", "Unique", "Index", "Searchable", "Sortable", "Array",
            "DirtyStreamTrigger");

    private FieldRules() {
    }

    static ColumnKind kindOf(FieldDefinition f, DefinitionSite site, Map<String, List<AnnotationUse>> anns,
            ClassLookup classes) {
        TypeRef t = f.type();
        String simple = t.simpleName();
        if (t.arrayDimensions() == 1 && t.name().equals("byte")) {
            return ColumnKind.BINARY;
        }
        if (t.arrayDimensions() > 0) {
            throw site.error("Java arrays like `" + t + "` are not supported as fields (only byte[]).",
                    "Use @Array(n) on a single-value field to get n numbered columns, e.g. `@Array(3) String "
                            + f.name() + ";`.");
        }
        if (!simple.equals("Reference") && !t.arguments().isEmpty()) {
            throw unsupported(f, site);
        }
        switch (simple) {
            case "byte", "Byte":
                return ColumnKind.INT8;
            case "short", "Short":
                return ColumnKind.INT16;
            case "int", "Integer":
                return anns.containsKey("MediumInt") ? ColumnKind.INT24 : ColumnKind.INT32;
            case "long", "Long":
                return ColumnKind.INT64;
            case "float", "Float":
                return anns.containsKey("Decimal") ? ColumnKind.DECIMAL : ColumnKind.FLOAT32;
            case "double", "Double":
                return anns.containsKey("Decimal") ? ColumnKind.DECIMAL : ColumnKind.FLOAT64;
            case "BigDecimal":
                if (!anns.containsKey("Decimal")) {
                    throw site.error("A BigDecimal field needs @Decimal to say its precision and scale.",
                            "Add @Decimal(precision = 10, scale = 2) (your digits) to the field.");
                }
                return ColumnKind.DECIMAL;
            case "boolean", "Boolean":
                return ColumnKind.BOOLEAN;
            case "String":
                if (anns.containsKey("Enum") && anns.containsKey("SetOf")) {
                    throw site.error("A field cannot be both @Enum and @SetOf.",
                            "Use @Enum for one value, @SetOf for any combination of values.");
                }
                if (anns.containsKey("Enum")) {
                    return ColumnKind.ENUM;
                }
                if (anns.containsKey("SetOf")) {
                    return ColumnKind.SET;
                }
                if (anns.containsKey("Length") && isMaxLength(attrs(anns, "Length", site))) {
                    return ColumnKind.TEXT;
                }
                return ColumnKind.STRING;
            case "LocalDate":
                return ColumnKind.DATE;
            case "Instant", "LocalDateTime":
                return ColumnKind.DATETIME;
            case "Reference":
                return ColumnKind.REFERENCE;
            default:
                ClassDefinition known = classes.findQuietly(t.name());
                if (known != null && !ClassLookup.isEntity(known)) {
                    throw site.error("The field's type " + simple + " is a definition class but the field is not"
                            + " marked @Embedded.", "Add @Embedded to store its fields as columns of this table.");
                }
                if (known != null) {
                    throw site.error("The field's type " + simple + " is an entity; entities are referenced, not"
                            + " stored inline.", "Declare it as `Reference<" + simple + "> " + f.name() + ";`.");
                }
                throw unsupported(f, site);
        }
    }

    private static SchemaDefinitionException unsupported(FieldDefinition f, DefinitionSite site) {
        return site.error("The field type `" + f.type() + "` is not supported.",
                "Use one of: byte, short, int, long, float, double, boolean (or their boxed types), String,"
                        + " BigDecimal (with @Decimal),"
                        + " LocalDate, Instant, LocalDateTime, byte[], Reference<Entity>, an @Embedded class,"
                        + " or mark the field @Ignore.");
    }

    static Set<String> allowedAnnotations(ColumnKind kind, String simpleType) {
        Set<String> allowed = new HashSet<>(COMMON);
        switch (kind) {
            case INT8, INT16, INT64 -> allowed.add("Unsigned");
            case INT24, INT32 -> {
                allowed.add("Unsigned");
                allowed.add("MediumInt");
            }
            case FLOAT32, FLOAT64, DECIMAL -> {
                allowed.add("Unsigned");
                allowed.add("Decimal");
            }
            case STRING -> allowed.add("Length");
            case TEXT -> {
                allowed.add("Length");
                // MySQL can index text only by prefix; Fluxa indexes whole columns
                allowed.remove("Unique");
                allowed.remove("Index");
                allowed.remove("Searchable");
                allowed.remove("Sortable");
            }
            case ENUM -> allowed.add("Enum");
            case SET -> allowed.add("SetOf");
            case BINARY -> {
                allowed.add("Blob");
                allowed.remove("Unique");
                allowed.remove("Index");
                allowed.remove("Searchable");
                allowed.remove("Sortable");
            }
            default -> {
            }
        }
        return allowed;
    }

    static SchemaDefinitionException misplaced(String annotation, TypeRef t, ColumnKind kind,
            DefinitionSite site) {
        String type = "`" + t + "`";
        return switch (annotation) {
            case "Length" -> site.error("@Length only applies to plain String fields, not " + type
                    + (kind == ColumnKind.ENUM || kind == ColumnKind.SET ? " with @Enum/@SetOf" : "") + ".",
                    "Remove @Length.");
            case "Unsigned" -> site.error("@Unsigned only applies to numeric fields, not " + type + ".",
                    "Remove @Unsigned.");
            case "MediumInt" -> site.error("@MediumInt only applies to int or Integer fields, not " + type + ".",
                    "Declare the field as `int`, or remove @MediumInt.");
            case "Decimal" -> site.error("@Decimal only applies to BigDecimal, double or float fields, not " + type
                    + ".", "Declare the field as `BigDecimal`, or remove @Decimal.");
            case "Enum", "SetOf" -> site.error("@" + annotation + " only applies to String fields, not " + type + ".",
                    "Declare the field as `String`; the generated accessor uses a generated Java enum.");
            case "Blob" -> site.error("@Blob only applies to byte[] fields, not " + type + ".", "Remove @Blob.");
            case "Unique", "Index", "Searchable", "Sortable" -> site.error("@" + annotation
                    + " cannot be used on " + (kind == ColumnKind.BINARY ? "binary" : "mediumtext")
                    + " columns: MySQL and Redis search cannot index whole " + type + " values.",
                    "Remove @" + annotation + ", or use a bounded type (e.g. @Length(200) String).");
            default -> site.error("@" + annotation + " cannot be used on " + type + ".",
                    "Remove @" + annotation + ".");
        };
    }

    private static boolean isMaxLength(Attributes length) {
        Object v = length.raw("value");
        if (v instanceof String s) {
            String n = s.trim();
            return n.equalsIgnoreCase("max") || n.equals("Length.MAX") || n.endsWith(".Length.MAX");
        }
        return v instanceof Number n && n.longValue() == io.fluxa.annotation.Length.MAX;
    }

    static int lengthOf(Attributes length, DefinitionSite site) {
        if (isMaxLength(length)) {
            return 0;
        }
        Object v = length.raw("value");
        if (!(v instanceof Number)) {
            throw site.error("@Length(" + v + ") is not a number.",
                    "Write @Length(n) with n in 1.." + SqlTypes.MAX_VARCHAR_LENGTH + ", or @Length(Length.MAX).");
        }
        int n = length.integer("value", 0);
        if (n < 1 || n > SqlTypes.MAX_VARCHAR_LENGTH) {
            throw site.error("@Length(" + n + ") is out of range; a varchar holds 1.." + SqlTypes.MAX_VARCHAR_LENGTH
                    + " utf8mb4 characters.", "Use @Length(1.." + SqlTypes.MAX_VARCHAR_LENGTH
                    + "), or @Length(Length.MAX) for a mediumtext column.");
        }
        return n;
    }

    static String blobType(Map<String, List<AnnotationUse>> anns, DefinitionSite site) {
        if (!anns.containsKey("Blob")) {
            return "blob";
        }
        String size = attrs(anns, "Blob", site).string("value", "");
        int dot = size.lastIndexOf('.');
        size = size.substring(dot + 1);
        return switch (size) {
            case "MEDIUM" -> "mediumblob";
            case "LONG" -> "longblob";
            default -> throw site.error("@Blob(" + size + ") is not a blob size.",
                    "Use @Blob(BlobSize.MEDIUM) or @Blob(BlobSize.LONG); without @Blob the column is a blob.");
        };
    }

    static void checkEnumValues(String annotation, List<String> values, DefinitionSite site) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v.isEmpty()) {
                throw site.error("@" + annotation + " has an empty value.", "Remove \"\" from the values.");
            }
            if (!seen.add(v.toLowerCase(Locale.ROOT))) {
                throw site.error("@" + annotation + " lists \"" + v + "\" twice (MySQL compares values without case).",
                        "List each value once.");
            }
            if (v.contains("\\")) {
                throw site.error("@" + annotation + " value \"" + v.replace("\\", "\\\\") + "\" contains a backslash,"
                        + " which MySQL treats differently depending on sql_mode.", "Remove the backslash from the value.");
            }
            if (annotation.equals("SetOf") && v.contains(",")) {
                throw site.error("@SetOf value \"" + v + "\" contains a comma, which MySQL uses to separate set"
                        + " members.", "Remove the comma from the value.");
            }
        }
        if (annotation.equals("SetOf") && values.size() > 64) {
            throw site.error("@SetOf has " + values.size() + " values; a MySQL set holds at most 64.",
                    "Reduce the values, or use a separate entity.");
        }
    }

    static EntityReader.IndexPart indexPart(AnnotationUse u, String prefix, String column, DefinitionSite site,
            boolean unique) {
        Attributes a = new Attributes(u, site);
        String name = a.string("name", "").trim();
        if (name.isEmpty()) {
            throw site.error("@" + u.name() + " needs a name.", "Write @" + u.name() + "(name = \"IndexName\").");
        }
        int position = a.integer("position", 1);
        if (position < 1) {
            throw site.error("@" + u.name() + "(name = \"" + name + "\") has position " + position
                    + "; positions start at 1.", "Use position = 1 for the first column, 2 for the second …");
        }
        return new EntityReader.IndexPart(prefix + name, position, column, unique && a.bool("cached", false), site);
    }

    static Attributes attrs(Map<String, List<AnnotationUse>> anns, String name, DefinitionSite site) {
        List<AnnotationUse> uses = anns.get(name);
        if (uses.size() > 1) {
            throw site.error("@" + name + " is written " + uses.size() + " times.", "Write it once.");
        }
        return new Attributes(uses.get(0), site);
    }
}
