package io.fluxa.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page, and the Java source file it is compiled as. The
 * conventions are described in docs/README.md ("Examples compile"):
 *
 * <ul>
 * <li>{@code ```java} — a compilation unit exactly as written;</li>
 * <li>{@code ```java class} — top-level types, with the imports left out: the {@link #DECLARATION_IMPORTS};</li>
 * <li>{@code ```java members} — fields or methods of a class (for example annotated definition
 * fields), compiled inside a class with the {@link #DECLARATION_IMPORTS};</li>
 * <li>{@code ```java fragment} — statements, compiled as a method body with the
 * {@link #FRAGMENT_IMPORTS} and the fields {@code engine}, {@code ctx}, {@code redis} and {@code db}
 * in scope.</li>
 * </ul>
 *
 * {@code package} and {@code import} lines of a class, members or fragment example are moved above
 * the wrapper. Names
 * such an example uses without declaring them are declared in an HTML
 * comment right above the block, which Markdown does not show: {@code <!-- given: String requestId; -->}
 * (class members: fields, methods, nested types).
 */
record DocSnippet(Path page, int line, String kind, String code, String given) {

    static final List<String> DECLARATION_IMPORTS = List.of("io.fluxa.*", "io.fluxa.annotation.*",
            "io.fluxa.annotation.Enum", "io.fluxa.metrics.*", "io.fluxa.schema.*", "io.fluxa.test.*",
            "io.fluxa.spring.autoconfigure.*",
            "com.acme.model.entities.*", "com.acme.model.entities.enums.*", "java.lang.annotation.*", "java.math.*",
            "java.time.*", "java.util.*", "org.springframework.scheduling.annotation.*",
            "org.springframework.stereotype.*", "org.springframework.web.bind.annotation.*");

    static final List<String> FRAGMENT_IMPORTS = List.of("io.fluxa.*", "io.fluxa.cache.*", "io.fluxa.log.*",
            "io.fluxa.metrics.*", "io.fluxa.mysql.*", "io.fluxa.redis.*", "io.fluxa.schema.*",
            "io.fluxa.spring.autoconfigure.*", "com.acme.model.entities.*", "com.acme.model.entities.enums.*",
            "java.math.*", "java.time.*", "java.util.*");

    private static final Pattern FENCE = Pattern.compile("^```java(?:\\s+(\\w+))?\\s*$");
    private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:(.*?)-->", Pattern.DOTALL);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final List<String> KINDS = List.of("", "class", "members", "fragment");

    /** The {@code ```java} blocks of a page, in order. */
    static List<DocSnippet> read(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<DocSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            if (ReadmeQuickStartTest.fileOf(lines, i) != null) {
                // a file of the README's quick-start project: ReadmeQuickStartTest builds it whole
                while (++i < lines.size() && !lines.get(i).startsWith("```")) {
                }
                continue;
            }
            String kind = fence.group(1) == null ? "" : fence.group(1);
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(page + ":" + (i + 1) + ": unknown example kind '```java " + kind
                        + "'; expected one of ```java, ```java class, ```java members, ```java fragment");
            }
            int start = i + 1; // 0-based index of the first code line
            StringBuilder code = new StringBuilder();
            int end = start;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                code.append(lines.get(end)).append('\n');
                end++;
            }
            snippets.add(new DocSnippet(page, start + 1, kind, code.toString(), given(lines, i)));
            i = end;
        }
        return snippets;
    }

    /** The text of a {@code <!-- given: ... -->} comment ending on the line above the fence, or "". */
    private static String given(List<String> lines, int fence) {
        int last = fence - 1;
        if (last < 0 || !lines.get(last).strip().endsWith("-->")) {
            return "";
        }
        int first = last;
        while (first > 0 && !lines.get(first).contains("<!--")) {
            first--;
        }
        Matcher m = GIVEN.matcher(String.join("\n", lines.subList(first, last + 1)));
        return m.find() ? m.group(1).strip() : "";
    }

    /** A package of its own, so that classes of different examples never clash. */
    String packageName() {
        String file = page.getFileName().toString().replace(".md", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_");
        return "docs." + file + ".line" + line;
    }

    /** Lines added before the example's first line in {@link #source()}. */
    int offset() {
        return header().split("\n", -1).length - 1;
    }

    String fileName() {
        Matcher m = PUBLIC_TYPE.matcher(code);
        return (m.find() ? m.group(1) : "Example") + ".java";
    }

    /** The Java source to compile; the example's lines start after {@link #offset()} lines. */
    String source() {
        return header() + body() + switch (kind) {
            case "members" -> "}\n";
            case "fragment" -> "}\n}\n";
            default -> "";
        } + trailer();
    }

    private String header() {
        StringBuilder b = new StringBuilder();
        String ownPackage = code.lines().filter(l -> l.startsWith("package ")).findFirst().orElse(null);
        if (ownPackage == null) {
            b.append("package ").append(packageName()).append(";\n");
        } else if (!kind.isEmpty()) {
            b.append(ownPackage).append('\n');
        }
        List<String> imports = switch (kind) {
            case "" -> List.of();
            case "fragment" -> FRAGMENT_IMPORTS;
            default -> DECLARATION_IMPORTS;
        };
        for (String i : imports) {
            b.append("import ").append(i).append(";\n");
        }
        if (!kind.isEmpty()) {
            code.lines().filter(l -> l.startsWith("import ")).forEach(l -> b.append(l).append('\n'));
        }
        if (kind.equals("members") || kind.equals("fragment")) {
            b.append("@SuppressWarnings(\"all\") class Example {\n");
            if (kind.equals("fragment")) {
                b.append("Engine engine; Context ctx; RedisPool redis; MySqlPool db;\n");
            }
            b.append(given.replace("\n", " ")).append('\n');
            if (kind.equals("fragment")) {
                b.append("void example() throws Exception {\n");
            }
        }
        return b.toString();
    }

    /** The example's lines; the import lines of a wrapped example are left empty (they are in the header). */
    private String body() {
        if (kind.isEmpty()) {
            return code;
        }
        StringBuilder b = new StringBuilder();
        code.lines().forEach(l -> b.append(l.startsWith("import ") || l.startsWith("package ") ? "" : l).append('\n'));
        return b.toString();
    }

    /** For a class example, the {@code given} types are top-level types appended after the example. */
    private String trailer() {
        return (kind.equals("class") || kind.isEmpty()) && !given.isEmpty() ? "\n" + given + "\n" : "";
    }

    @Override
    public String toString() {
        return page.getFileName() + ":" + line + (kind.isEmpty() ? "" : " (" + kind + ")");
    }
}
