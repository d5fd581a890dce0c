package io.fluxa.codegen;

import io.fluxa.schema.AnnotationUse;
import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.FieldDefinition;
import io.fluxa.schema.SchemaDefinitionException;
import io.fluxa.schema.SourcePosition;
import io.fluxa.schema.TypeRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionReaderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final String TEST_ANNOTATIONS = "io.fluxa.codegen.testannotations";

    private static DefinitionReader.Result readShop() {
        Path project = FIXTURES.resolve("shop");
        return new DefinitionReader(project, StandardCharsets.UTF_8, TEST_ANNOTATIONS)
                .readWithInputs(List.of(project.resolve("src/main/java")));
    }

    private static ClassDefinition classNamed(List<ClassDefinition> classes, String qualifiedName) {
        return classes.stream().filter(c -> c.qualifiedName().equals(qualifiedName)).findFirst()
                .orElseThrow(() -> new AssertionError(qualifiedName + " not read"));
    }

    private static FieldDefinition field(ClassDefinition c, String name) {
        return c.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.simpleName() + "." + name + " not read"));
    }

    private static AnnotationUse annotation(FieldDefinition f, String name) {
        return f.annotations().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("@" + name + " missing on " + f.name()));
    }

    @Test
    void readsEntitiesNestedEntitiesAndEveryEmbeddedClassTransitivelyButNothingElse() {
        List<ClassDefinition> classes = readShop().classes();

        assertThat(classes).extracting(ClassDefinition::qualifiedName).containsExactly(
                "com.acme.geo.Geo",                    // embedded in Address, single-type import
                "com.acme.shared.Money",               // embedded in Address, on-demand import
                "com.acme.shop.Address",               // embedded in User, same package, own file
                "com.acme.shop.User",
                "com.acme.shop.User.Phone",            // nested class, embedded
                "com.acme.shop.User.Phone.Extension",  // nested in a nested embedded class
                "com.acme.shop.catalog.Category",
                "com.acme.shop.catalog.Category.Tag",  // nested entity
                "com.acme.shop.catalog.Dimensions");   // second top-level class of Category.java
        assertThat(readShop().entities()).extracting(ClassDefinition::simpleName)
                .containsExactly("User", "Category", "Tag");
        assertThat(readShop().packages()).containsEntry("com.acme.shop.User.Phone", "com.acme.shop")
                .containsEntry("com.acme.shop.catalog.Category.Tag", "com.acme.shop.catalog");
    }

    @Test
    void readsClassAnnotationsIncludingRepeatedOnesAndConcatenatedStrings() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        assertThat(user.annotations()).containsExactly(
                AnnotationUse.of("FluxaEntity", Map.of("table", "users")),
                AnnotationUse.of("RedisCache", Map.of("ttlSeconds", 0L)),
                AnnotationUse.of("LocalCache", Map.of("size", 10_000L)),
                AnnotationUse.of("DirtyStream", Map.of("name", "UserStream", "ops", "IUD")),
                AnnotationUse.of("DirtyStream", Map.of("name", "AuditStream", "ops", "D")));
        assertThat(classNamed(readShop().classes(), "com.acme.shop.catalog.Category").annotations())
                .containsExactly(AnnotationUse.of("FluxaEntity"));
    }

    @Test
    void readsInstanceFieldsInOrderSkippingStaticAndTransientOnes() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        assertThat(user.fields()).extracting(FieldDefinition::name).containsExactly(
                "id", "name", "email", "age", "friends", "balance", "status", "tags", "bio", "birthday",
                "lastLogin", "avatar", "photo", "document", "category", "home", "phone", "score", "alias",
                "legacy", "generic", "fakeDelete", "createdAt", "updatedAt", "scratch", "limited", "ranked");
        // Two variables in one declaration share its annotations and type.
        assertThat(field(user, "updatedAt").type()).isEqualTo(TypeRef.of("Instant"));
        assertThat(field(user, "scratch").annotations()).containsExactly(AnnotationUse.of("Ignore"));
    }

    @Test
    void readsTypesAsWritten() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        assertThat(field(user, "id").type()).isEqualTo(TypeRef.of("long"));
        assertThat(field(user, "age").type()).isEqualTo(TypeRef.of("byte"));
        assertThat(field(user, "friends").type()).isEqualTo(TypeRef.of("Integer"));
        assertThat(field(user, "lastLogin").type()).isEqualTo(TypeRef.of("java.time.Instant"));
        assertThat(field(user, "avatar").type()).isEqualTo(TypeRef.array("byte"));
        assertThat(field(user, "legacy").type()).isEqualTo(TypeRef.array("int"));
        assertThat(field(user, "category").type()).isEqualTo(TypeRef.generic("Reference", TypeRef.of("Category")));
        assertThat(field(user, "generic").type()).isEqualTo(TypeRef.generic("Map",
                TypeRef.of("String"), TypeRef.generic("List", TypeRef.of("Long"))));
        assertThat(field(user, "home").type()).isEqualTo(TypeRef.of("Address"));
        assertThat(field(user, "fakeDelete").type()).isEqualTo(TypeRef.of("boolean"));
    }

    @Test
    void readsFieldAnnotationAttributesOfEveryShape() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        // Marker and single-member annotations; a constant declared in the sources is evaluated.
        assertThat(field(user, "name").annotations()).containsExactly(
                AnnotationUse.of("Required"), AnnotationUse.of("Length", Map.of("value", 200L)));
        assertThat(annotation(field(user, "email"), "Unique").attributes())
                .isEqualTo(Map.of("name", "Email", "cached", true));
        assertThat(annotation(field(user, "balance"), "Decimal").attributes())
                .isEqualTo(Map.of("precision", 10L, "scale", 2L));
        assertThat(annotation(field(user, "status"), "Enum").attributes())
                .isEqualTo(Map.of("values", List.of("active", "banned"), "name", "UserStatus"));
        // A single value where the annotation declares an array becomes a one-element list.
        assertThat(annotation(field(user, "tags"), "SetOf").attributes()).isEqualTo(Map.of("values", List.of("sale")));
        // Constants of annotations and enum constants the sources do not declare: their simple name.
        assertThat(annotation(field(user, "bio"), "Length").attributes()).isEqualTo(Map.of("value", "MAX"));
        assertThat(annotation(field(user, "photo"), "Blob").attributes()).isEqualTo(Map.of("value", "MEDIUM"));
        assertThat(annotation(field(user, "document"), "Blob").attributes()).isEqualTo(Map.of("value", "LONG"));
        assertThat(annotation(field(user, "alias"), "Array").attributes()).isEqualTo(Map.of("value", 3L));
        assertThat(field(user, "home").annotations()).containsExactly(AnnotationUse.of("Embedded"));
    }

    @Test
    void evaluatesLiteralsAndConstantExpressions() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        Map<String, Object> limits = annotation(field(user, "limited"), "Limits").attributes();
        assertThat(limits).containsEntry("min", -5L)
                .containsEntry("max", 127L)
                .containsEntry("huge", Long.MIN_VALUE)
                .containsEntry("ratio", 1500.0)
                .containsEntry("negative", -2.5)
                .containsEntry("label", "user_x1")
                .containsEntry("letter", "q")
                .containsEntry("flag", true)
                .containsEntry("parens", 14L)
                .containsEntry("empty", List.of())
                .containsEntry("kind", "SPECIAL")
                .containsEntry("type", "String")
                // An integer written for a double attribute is a Double.
                .containsEntry("weight", 7.0);
    }

    @Test
    void unwrapsRepeatableContainersAndKeepsQualifiedAnnotationsBySimpleName() {
        ClassDefinition user = classNamed(readShop().classes(), "com.acme.shop.User");

        assertThat(field(user, "ranked").annotations()).containsExactly(
                AnnotationUse.of("Index", Map.of("name", "ByScore", "position", 2L)),
                AnnotationUse.of("Index", Map.of("name", "ByAge")),
                AnnotationUse.of("Unique", Map.of("name", "NameAge")),
                AnnotationUse.of("Unique", Map.of("name", "NameAge", "position", 2L)));
    }

    @Test
    void readsEmbeddedAndNestedClassesFields() {
        List<ClassDefinition> classes = readShop().classes();

        ClassDefinition address = classNamed(classes, "com.acme.shop.Address");
        assertThat(address.fields()).extracting(FieldDefinition::name)
                .containsExactly("city", "country", "location", "deliveryFee");
        assertThat(field(address, "location").type()).isEqualTo(TypeRef.of("Geo"));
        ClassDefinition phone = classNamed(classes, "com.acme.shop.User.Phone");
        assertThat(phone.simpleName()).isEqualTo("Phone");
        assertThat(field(phone, "extension").type()).isEqualTo(TypeRef.of("Extension"));
        ClassDefinition tag = classNamed(classes, "com.acme.shop.catalog.Category.Tag");
        assertThat(tag.annotations()).containsExactly(AnnotationUse.of("FluxaEntity", Map.of("table", "category_tags")));
        assertThat(field(tag, "category").type()).isEqualTo(TypeRef.generic("Reference", TypeRef.of("Category")));
    }

    @Test
    void reportsPositionsRelativeToTheProjectAtTheNameOfTheClassOrField() {
        List<ClassDefinition> classes = readShop().classes();
        String userFile = "src/main/java/com/acme/shop/User.java";

        ClassDefinition user = classNamed(classes, "com.acme.shop.User");
        assertThat(user.position()).isEqualTo(new SourcePosition(userFile, 19));
        assertThat(field(user, "id").position()).isEqualTo(new SourcePosition(userFile, 26));
        assertThat(field(user, "name").position()).isEqualTo(new SourcePosition(userFile, 27));
        assertThat(field(user, "createdAt").position()).isEqualTo(new SourcePosition(userFile, 48));
        // Annotations on the lines above do not move the position off the field's name.
        assertThat(field(user, "limited").position()).isEqualTo(new SourcePosition(userFile, 53));
        assertThat(classNamed(classes, "com.acme.shop.catalog.Dimensions").position())
                .isEqualTo(new SourcePosition("src/main/java/com/acme/shop/catalog/Category.java", 24));
    }

    @Test
    void reportsTheFilesItParsed() {
        Path root = FIXTURES.resolve("shop/src/main/java").toAbsolutePath();

        assertThat(readShop().parsedFiles())
                .contains(root.resolve("com/acme/shop/User.java"), root.resolve("com/acme/shop/Address.java"),
                        root.resolve("com/acme/geo/Geo.java"), root.resolve("com/acme/shared/Money.java"))
                .allSatisfy(p -> assertThat(p).isAbsolute());
    }

    @Test
    void aSyntaxErrorFailsWithFileAndLineWhileBrokenFilesWithoutDefinitionsAreIgnored() {
        Path project = FIXTURES.resolve("broken");
        DefinitionReader reader = new DefinitionReader(project);

        assertThatThrownBy(() -> reader.read(List.of(project.resolve("src/main/java"))))
                .isInstanceOf(DefinitionSourceException.class)
                .hasMessageStartingWith("src/main/java/com/acme/Broken.java:7: Java syntax error")
                .satisfies(e -> assertThat(((DefinitionSourceException) e).position())
                        .isEqualTo(new SourcePosition("src/main/java/com/acme/Broken.java", 7)));
    }

    @Test
    void anAttributeThatNeedsCompilingFailsWithFileLineAndFix() {
        Path project = FIXTURES.resolve("badvalue");

        assertThatThrownBy(() -> new DefinitionReader(project).read(List.of(project.resolve("src/main/java"))))
                .isInstanceOf(DefinitionSourceException.class)
                .hasMessageContaining("src/main/java/com/acme/Bad.java:8:")
                .hasMessageContaining("compute()")
                .hasMessageContaining("Fix:");
    }

    @Test
    void readsNothingFromSourcesWithoutEntitiesOrMissingRoots(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("src/main/java/com/acme");
        Files.createDirectories(root);
        Files.writeString(root.resolve("Plain.java"), "package com.acme; class Plain { int x; }");

        DefinitionReader reader = new DefinitionReader(dir);
        assertThat(reader.read(List.of(dir.resolve("src/main/java"), dir.resolve("does-not-exist")))).isEmpty();
    }

    @Test
    void aSelfReferencingConstantIsReportedNotLooped(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("src");
        Files.createDirectories(root);
        Files.writeString(root.resolve("Loop.java"), """
                @FluxaEntity
                class Loop {
                    static final int A = B;
                    static final int B = A;
                    long id;
                    @Length(A) String name;
                }
                """);

        assertThatThrownBy(() -> new DefinitionReader(dir).read(List.of(root)))
                .isInstanceOf(DefinitionSourceException.class)
                .hasMessageContaining("src/Loop.java:")
                .hasMessageContaining("refers to itself");
    }

    @Test
    void anEntityAnnotationOnARecordIsADefinitionErrorNotSilentlyIgnored(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("src");
        Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(root.resolve("com/acme/Point.java"), """
                package com.acme;

                @FluxaEntity
                record Point(long id, int x) {
                }
                """);

        assertThatThrownBy(() -> new DefinitionReader(dir).read(List.of(root)))
                .isInstanceOf(SchemaDefinitionException.class)
                .hasMessageStartingWith("src/com/acme/Point.java:4: com.acme.Point: @FluxaEntity is on a record")
                .hasMessageContaining("Fix:");
    }

    @Test
    void constantsAreResolvedWithoutParsingUnrelatedFilesOfThePackage(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("src");
        Path pkg = Files.createDirectories(root.resolve("com/acme"));
        Files.writeString(pkg.resolve("Item.java"), """
                package com.acme;

                import io.fluxa.annotation.*;

                @FluxaEntity
                class Item {
                    long id;
                    @Length(Limits.NAME) String name;
                    @Length(Length.MAX) String text;
                }
                """);
        Files.writeString(pkg.resolve("Limits.java"), """
                package com.acme;

                final class Limits {
                    static final int NAME = 50;
                }
                """);
        // A file of the same package that does not parse: never needed, so never read.
        Files.writeString(pkg.resolve("Controller.java"), "package com.acme; class Controller { void x( }");

        DefinitionReader.Result result = new DefinitionReader(dir).readWithInputs(List.of(root));

        ClassDefinition item = result.classes().get(0);
        assertThat(field(item, "name").annotations()).containsExactly(AnnotationUse.of("Length", Map.of("value", 50L)));
        assertThat(field(item, "text").annotations()).containsExactly(AnnotationUse.of("Length", Map.of("value", "MAX")));
        assertThat(result.parsedFiles()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("Item.java", "Limits.java");
    }
}
