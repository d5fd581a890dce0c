package io.fluxa.codegen;

import com.palantir.javapoet.ClassName;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;

import javax.lang.model.SourceVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Java names of everything generated, decided once per model, and the rules that make them. */
final class GeneratedNames {

    final String targetPackage;
    final String enumsPackage;
    /** Enum type name → a column that declares its values (first one seen, in entity/column order). */
    final Map<String, ColumnSchema> enums = new TreeMap<>();
    private final Map<String, String> columnEnum = new LinkedHashMap<>();

    GeneratedNames(String targetPackage, List<EntitySchema> entities) {
        this.targetPackage = targetPackage;
        this.enumsPackage = targetPackage.isEmpty() ? "enums" : targetPackage + ".enums";
        for (EntitySchema entity : entities) {
            for (ColumnSchema column : entity.columns()) {
                if (column.kind() == ColumnKind.ENUM || column.kind() == ColumnKind.SET) {
                    String name = column.enumName() != null && !column.enumName().isBlank()
                            ? identifier(capitalize(column.enumName()))
                            : entity.entityName() + capitalize(property(column.fieldPath()));
                    enums.putIfAbsent(name, column);
                    columnEnum.put(entity.entityName() + "#" + column.name(), name);
                }
            }
        }
    }

    ClassName entity(String entityName) {
        return ClassName.get(targetPackage, entityName + "Entity");
    }

    ClassName provider(String entityName) {
        return ClassName.get(targetPackage, entityName + "Provider");
    }

    ClassName model() {
        return ClassName.get(targetPackage, "FluxaModel");
    }

    ClassName enumType(EntitySchema entity, ColumnSchema column) {
        return ClassName.get(enumsPackage, columnEnum.get(entity.entityName() + "#" + column.name()));
    }

    /** {@code home.city} → {@code homeCity}; array brackets removed. */
    static String property(String fieldPath) {
        String[] parts = fieldPath.replaceAll("\\[\\d+]", "").split("\\.");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(capitalize(parts[i]));
        }
        return identifier(b.toString());
    }

    /** The array index of a column produced by an array field ({@code alias[2]} → 2), or -1. */
    static int arrayIndex(String fieldPath) {
        int open = fieldPath.lastIndexOf('[');
        if (open < 0 || fieldPath.indexOf('[') != open) {
            return -1;
        }
        int close = fieldPath.indexOf(']', open);
        return Integer.parseInt(fieldPath.substring(open + 1, close));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String uncapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String identifier(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) {
            b.insert(0, '_');
        }
        String result = b.toString();
        return SourceVersion.isKeyword(result) ? result + "_" : result;
    }

    /** Constant name of an enum database value: {@code "on sale"} → {@code ON_SALE}. */
    static String constantName(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(value.charAt(i - 1))) {
                    b.append('_');
                }
                b.append(Character.toUpperCase(c));
            } else {
                b.append('_');
            }
        }
        String name = b.length() == 0 ? "EMPTY" : b.toString();
        return Character.isJavaIdentifierStart(name.charAt(0)) ? name : "V_" + name;
    }

    /**
     * The constant of a column: its MySQL name in upper snake case, words split where a capital
     * follows a lower-case letter or digit, or starts a word after an acronym: {@code HomeCity} →
     * {@code HOME_CITY}, {@code Addresses1City} → {@code ADDRESSES1_CITY}, {@code URLPath} →
     * {@code URL_PATH}, {@code ID} → {@code ID}.
     */
    static String columnConstant(String columnName) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columnName.length(); i++) {
            char c = columnName.charAt(i);
            if (!Character.isLetterOrDigit(c) || c >= 128) {
                b.append('_');
                continue;
            }
            if (i > 0 && Character.isUpperCase(c)) {
                char before = columnName.charAt(i - 1);
                boolean afterWord = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endsAcronym = Character.isUpperCase(before) && i + 1 < columnName.length()
                        && Character.isLowerCase(columnName.charAt(i + 1));
                if ((afterWord || endsAcronym) && b.charAt(b.length() - 1) != '_') {
                    b.append('_');
                }
            }
            b.append(Character.toUpperCase(c));
        }
        String name = b.toString();
        return name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ? "C_" + name : name;
    }
}
