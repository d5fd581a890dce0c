package io.fluxa.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.fluxa.schema.SourcePosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Java sources below a set of roots, parsed on demand. Resolves type names the way javac would
 * for the cases a definition needs (nested types, imports, same package), without symbol solving:
 * only types declared in these sources can be found.
 */
final class SourceIndex {

    private final List<Path> roots;
    private final Path baseDir;
    private final Charset encoding;
    private final JavaParser parser;

    private final Map<Path, CompilationUnit> unitsByFile = new HashMap<>();
    private final Map<CompilationUnit, Path> filesByUnit = new IdentityHashMap<>();
    private final Map<String, TypeDeclaration<?>> typesByName = new HashMap<>();
    private final Set<Path> scannedPackageDirs = new LinkedHashSet<>();

    SourceIndex(List<Path> roots, Path baseDir, Charset encoding) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.encoding = encoding;
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_25)
                .setCharacterEncoding(encoding);
        this.parser = new JavaParser(configuration);
    }

    /** Every {@code .java} file below the roots, in a stable order. Missing roots are skipped. */
    List<Path> javaFiles() {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the sources below " + root, e);
            }
        }
        return files;
    }

    String read(Path file) {
        try {
            return Files.readString(file, encoding);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Parses the file (once) and indexes every type it declares. */
    CompilationUnit parse(Path file, String text) {
        Path key = file.toAbsolutePath().normalize();
        CompilationUnit known = unitsByFile.get(key);
        if (known != null) {
            return known;
        }
        ParseResult<CompilationUnit> result = parser.parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Problem problem = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
            int line = problem == null ? 0 : problem.getLocation()
                    .flatMap(l -> l.getBegin().getRange())
                    .map(r -> r.begin.line)
                    .orElse(0);
            String message = problem == null ? "cannot be parsed" : problem.getMessage();
            throw new DefinitionSourceException(new SourcePosition(displayPath(key), line),
                    "Java syntax error: " + message.lines().findFirst().orElse(message)
                            + " Fix the source; Fluxa reads definitions before they are compiled.");
        }
        CompilationUnit unit = result.getResult().get();
        unitsByFile.put(key, unit);
        filesByUnit.put(unit, key);
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            type.getFullyQualifiedName().ifPresent(name -> typesByName.putIfAbsent(name, type));
        }
        return unit;
    }

    CompilationUnit parse(Path file) {
        return parse(file, read(file));
    }

    /** Every file parsed so far, in a stable order. */
    List<Path> parsedFiles() {
        return unitsByFile.keySet().stream().sorted().toList();
    }

    Path fileOf(Node node) {
        CompilationUnit unit = node.findCompilationUnit().orElseThrow();
        return filesByUnit.get(unit);
    }

    /** Where a node was written: the file relative to the base directory and its first line. */
    SourcePosition positionOf(Node node) {
        int line = node.getBegin().map(p -> p.line).orElse(0);
        return new SourcePosition(displayPath(fileOf(node)), line);
    }

    String displayPath(Path absoluteFile) {
        Path shown = absoluteFile.startsWith(baseDir) ? baseDir.relativize(absoluteFile) : absoluteFile;
        return shown.toString().replace('\\', '/');
    }

    /** How hard {@link #resolve} looks for a type's file. */
    enum Search {
        /** Only files named after the type ({@code com/acme/Address.java}). */
        NAMED_FILES,
        /**
         * Also every file of a candidate package directory, for top-level types declared in a file
         * of another name. Costs parsing those files; used for embedded classes only.
         */
        PACKAGE_DIRECTORIES
    }

    /**
     * Resolves a type name as written inside {@code context}, in javac's order: the enclosing types
     * and their member types, the types of the same file, a single-type import (which decides
     * alone), the same package, on-demand imports, then the name as a fully qualified one.
     */
    Optional<TypeDeclaration<?>> resolve(String writtenName, Node context, Search search) {
        int dot = writtenName.indexOf('.');
        String first = dot < 0 ? writtenName : writtenName.substring(0, dot);
        String rest = dot < 0 ? "" : writtenName.substring(dot);
        CompilationUnit unit = context.findCompilationUnit().orElseThrow();

        for (Node n = context; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> type) {
                if (type.getNameAsString().equals(first)) {
                    return qualifiedOf(type).flatMap(q -> find(q + rest, search));
                }
                for (var member : type.getMembers()) {
                    if (member instanceof TypeDeclaration<?> nested && nested.getNameAsString().equals(first)) {
                        return qualifiedOf(nested).flatMap(q -> find(q + rest, search));
                    }
                }
            }
        }
        for (TypeDeclaration<?> type : unit.getTypes()) {
            if (type.getNameAsString().equals(first)) {
                return qualifiedOf(type).flatMap(q -> find(q + rest, search));
            }
        }
        for (ImportDeclaration imported : unit.getImports()) {
            if (!imported.isAsterisk() && !imported.isStatic()
                    && imported.getName().getIdentifier().equals(first)) {
                return find(imported.getNameAsString() + rest, search);
            }
        }
        String packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        Optional<TypeDeclaration<?>> samePackage = findInPackage(packageName, writtenName, search);
        if (samePackage.isPresent()) {
            return samePackage;
        }
        for (ImportDeclaration imported : unit.getImports()) {
            if (imported.isAsterisk() && !imported.isStatic()) {
                Optional<TypeDeclaration<?>> found = find(imported.getNameAsString() + "." + writtenName, search);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return dot < 0 ? Optional.empty() : find(writtenName, search);
    }

    private Optional<TypeDeclaration<?>> findInPackage(String packageName, String name, Search search) {
        String canonicalName = packageName.isEmpty() ? name : packageName + "." + name;
        TypeDeclaration<?> known = typesByName.get(canonicalName);
        if (known != null) {
            return Optional.of(known);
        }
        String packagePath = packageName.replace('.', '/');
        String outermost = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        for (Path root : roots) {
            Path packageDir = packagePath.isEmpty() ? root : root.resolve(packagePath);
            Path file = packageDir.resolve(outermost + ".java");
            if (Files.isRegularFile(file)) {
                parse(file);
            } else if (search == Search.PACKAGE_DIRECTORIES) {
                scanPackageDir(packageDir);
            }
            known = typesByName.get(canonicalName);
            if (known != null) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a type by its canonical name ({@code com.acme.Outer.Inner}), trying each split of the
     * name into a package and a type path, longest package first.
     */
    Optional<TypeDeclaration<?>> find(String canonicalName, Search search) {
        TypeDeclaration<?> known = typesByName.get(canonicalName);
        if (known != null) {
            return Optional.of(known);
        }
        String[] parts = canonicalName.split("\\.");
        for (int typeStart = parts.length - 1; typeStart >= 1; typeStart--) {
            String packageName = String.join(".", List.of(parts).subList(0, typeStart));
            String typePath = String.join(".", List.of(parts).subList(typeStart, parts.length));
            Optional<TypeDeclaration<?>> found = findInPackage(packageName, typePath, search);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private void scanPackageDir(Path packageDir) {
        if (!Files.isDirectory(packageDir) || !scannedPackageDirs.add(packageDir)) {
            return;
        }
        try (Stream<Path> list = Files.list(packageDir)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList()) {
                parse(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + packageDir, e);
        }
    }

    private static Optional<String> qualifiedOf(TypeDeclaration<?> type) {
        return type.getFullyQualifiedName();
    }
}
