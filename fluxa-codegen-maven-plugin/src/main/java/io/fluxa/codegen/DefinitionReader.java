package io.fluxa.codegen;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.FieldDefinition;
import io.fluxa.schema.SchemaDefinitionException;
import io.fluxa.schema.TypeRef;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads entity definitions from Java sources with JavaParser, without compiling them.
 *
 * <p>Returns every class annotated {@code @FluxaEntity} (top level or nested) and every class reached
 * through an {@code @Embedded} field, transitively. Only files that mention {@code FluxaEntity} are
 * parsed up front; embedded classes are found by resolving the field's type like javac would
 * (nested types, imports, same package) among the same sources.
 *
 * <p>Fields: instance fields only; {@code static} and {@code transient} fields are not part of a
 * definition. Annotations are passed on as written ({@code @Ignore} is interpreted by the schema
 * builder, not here). Positions are the file relative to the base directory and the line of the
 * class or field name.
 */
public final class DefinitionReader {

    static final String ENTITY_ANNOTATION = "FluxaEntity";
    static final String EMBEDDED_ANNOTATION = "Embedded";

    private final Path baseDir;
    private final Charset encoding;
    private final String annotationPackage;

    /**
     * @param baseDir the project directory; positions are reported relative to it
     * @param encoding the encoding of the source files
     */
    public DefinitionReader(Path baseDir, Charset encoding) {
        this(baseDir, encoding, AnnotationReader.FLUXA_ANNOTATIONS);
    }

    DefinitionReader(Path baseDir, Charset encoding, String annotationPackage) {
        this.baseDir = baseDir;
        this.encoding = encoding;
        this.annotationPackage = annotationPackage;
    }

    public DefinitionReader(Path baseDir) {
        this(baseDir, StandardCharsets.UTF_8);
    }

    /**
     * What a read produced, and which files it depended on.
     *
     * @param classes the definitions, sorted by qualified name
     * @param parsedFiles every file parsed (absolute), the inputs of this result
     * @param packages the Java package of each class, by qualified name (a nested class's qualified
     *     name contains its outer classes, so the package cannot be told from the name alone)
     */
    public record Result(List<ClassDefinition> classes, List<Path> parsedFiles, Map<String, String> packages) {

        public Result {
            classes = List.copyOf(classes);
            parsedFiles = List.copyOf(parsedFiles);
            packages = Map.copyOf(packages);
        }

        public String packageOf(ClassDefinition definition) {
            return packages.get(definition.qualifiedName());
        }

        /** The classes annotated {@code @FluxaEntity}. */
        public List<ClassDefinition> entities() {
            return classes.stream().filter(DefinitionReader::isEntity).toList();
        }
    }

    /**
     * Reads the definitions below the source roots.
     *
     * @return the classes sorted by qualified name
     * @throws DefinitionSourceException when a file does not parse or an annotation value cannot be
     *     evaluated; the message starts with {@code file:line}
     */
    public List<ClassDefinition> read(List<Path> sourceRoots) {
        return readWithInputs(sourceRoots).classes();
    }

    /** Like {@link #read}, also telling which files were parsed (the inputs of the result). */
    public Result readWithInputs(List<Path> sourceRoots) {
        SourceIndex sources = new SourceIndex(sourceRoots, baseDir, encoding);
        AnnotationReader annotations = new AnnotationReader(sources, annotationPackage);

        Deque<ClassOrInterfaceDeclaration> pending = new ArrayDeque<>();
        for (Path file : sources.javaFiles()) {
            String text = sources.read(file);
            if (!text.contains(ENTITY_ANNOTATION)) {
                continue;
            }
            CompilationUnit unit = sources.parse(file, text);
            for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
                if (hasAnnotation(type, ENTITY_ANNOTATION)) {
                    pending.add(entityClass(type, sources));
                }
            }
        }

        Map<String, ClassDefinition> definitions = new LinkedHashMap<>();
        Map<String, String> packages = new HashMap<>();
        while (!pending.isEmpty()) {
            ClassOrInterfaceDeclaration type = pending.poll();
            String qualifiedName = type.getFullyQualifiedName().orElseThrow();
            if (definitions.containsKey(qualifiedName)) {
                continue;
            }
            definitions.put(qualifiedName, readClass(type, qualifiedName, sources, annotations));
            packages.put(qualifiedName, type.findCompilationUnit()
                    .flatMap(CompilationUnit::getPackageDeclaration)
                    .map(p -> p.getNameAsString())
                    .orElse(""));
            for (FieldDeclaration field : type.getFields()) {
                if (isDefinitionField(field) && hasAnnotation(field, EMBEDDED_ANNOTATION)) {
                    for (VariableDeclarator variable : field.getVariables()) {
                        embeddedClass(variable.getType(), type, sources).ifPresent(pending::add);
                    }
                }
            }
        }
        List<ClassDefinition> classes = new ArrayList<>(definitions.values());
        classes.sort(Comparator.comparing(ClassDefinition::qualifiedName));
        return new Result(classes, sources.parsedFiles(), packages);
    }

    /** An entity definition must be a class a field list can be read from. */
    private static ClassOrInterfaceDeclaration entityClass(TypeDeclaration<?> type, SourceIndex sources) {
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface() && !c.isLocalClassDeclaration()) {
            return c;
        }
        String kind = type.isRecordDeclaration() ? "a record" : type.isEnumDeclaration() ? "an enum"
                : type.isAnnotationDeclaration() ? "an annotation type"
                : type instanceof ClassOrInterfaceDeclaration c && c.isInterface() ? "an interface"
                : "a local class";
        throw new SchemaDefinitionException(type.getFullyQualifiedName().orElse(type.getNameAsString()), null,
                "@FluxaEntity is on " + kind + "; entity definitions are classes whose fields are the columns.",
                "Declare it as a top-level or static nested class, e.g. `class " + type.getNameAsString()
                        + " { long id; ... }`.",
                sources.positionOf(type.getName()));
    }

    private static ClassDefinition readClass(ClassOrInterfaceDeclaration type, String qualifiedName,
            SourceIndex sources, AnnotationReader annotations) {
        List<FieldDefinition> fields = new ArrayList<>();
        for (FieldDeclaration field : type.getFields()) {
            if (!isDefinitionField(field)) {
                continue;
            }
            var fieldAnnotations = annotations.read(field.getAnnotations());
            for (VariableDeclarator variable : field.getVariables()) {
                fields.add(new FieldDefinition(variable.getNameAsString(), typeRef(variable.getType()),
                        fieldAnnotations, sources.positionOf(variable.getName())));
            }
        }
        return new ClassDefinition(qualifiedName, annotations.read(type.getAnnotations()), fields,
                sources.positionOf(type.getName()));
    }

    /** An embedded field's class, when the sources declare it; otherwise the schema builder reports it. */
    private static Optional<ClassOrInterfaceDeclaration> embeddedClass(Type type, Node context, SourceIndex sources) {
        Type element = type;
        while (element instanceof ArrayType array) {
            element = array.getComponentType();
        }
        if (!(element instanceof ClassOrInterfaceType classType)) {
            return Optional.empty();
        }
        Optional<TypeDeclaration<?>> found = sources.resolve(classType.getNameWithScope(), context,
                SourceIndex.Search.PACKAGE_DIRECTORIES);
        return found.filter(t -> t instanceof ClassOrInterfaceDeclaration c && !c.isInterface())
                .map(t -> (ClassOrInterfaceDeclaration) t);
    }

    private static boolean isDefinitionField(FieldDeclaration field) {
        return !field.isStatic() && !field.isTransient();
    }

    static TypeRef typeRef(Type type) {
        if (type instanceof ArrayType array) {
            TypeRef element = typeRef(array.getElementType());
            return new TypeRef(element.name(), element.arguments(), element.arrayDimensions() + array.getArrayLevel());
        }
        if (type instanceof ClassOrInterfaceType classType) {
            List<TypeRef> arguments = classType.getTypeArguments()
                    .map(args -> args.stream().map(DefinitionReader::typeRef).toList())
                    .orElse(List.of());
            return new TypeRef(classType.getNameWithScope(), arguments, 0);
        }
        // Primitives, wildcards, var: their source text is their name.
        return TypeRef.of(type.asString());
    }

    static boolean hasAnnotation(NodeWithAnnotations<?> node, String simpleName) {
        for (AnnotationExpr annotation : node.getAnnotations()) {
            if (annotation.getName().getIdentifier().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    static boolean isEntity(ClassDefinition definition) {
        return definition.annotations().stream().anyMatch(a -> a.name().equals(ENTITY_ANNOTATION));
    }
}
