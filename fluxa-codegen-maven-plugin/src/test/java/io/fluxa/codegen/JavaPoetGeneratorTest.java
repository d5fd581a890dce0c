package io.fluxa.codegen;

import io.fluxa.EntityModel;
import io.fluxa.schema.SchemaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JavaPoetGeneratorTest {

    private static final String PACKAGE = "com.acme.model.entities";

    private final JavaPoetGenerator generator = new JavaPoetGenerator();

    @Test
    void generatesEntityProviderEnumsModelAndServiceFile() {
        List<GeneratedFile> files = generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE);
        assertThat(files).extracting(GeneratedFile::relativePath).containsExactly(
                "com/acme/model/entities/enums/ProductStatus.java",
                "com/acme/model/entities/enums/ProductTags.java",
                "com/acme/model/entities/CategoryEntity.java",
                "com/acme/model/entities/CategoryProvider.java",
                "com/acme/model/entities/ProductEntity.java",
                "com/acme/model/entities/ProductProvider.java",
                "com/acme/model/entities/DirtyStreamNames.java",
                "com/acme/model/entities/FluxaModel.java",
                "META-INF/services/io.fluxa.EntityModel");
        assertThat(content(files, "META-INF/services/io.fluxa.EntityModel"))
                .isEqualTo("com.acme.model.entities.FluxaModel\n");
        String product = content(files, "com/acme/model/entities/ProductEntity.java");
        assertThat(product)
                .contains("public long getTinyU()", "public void setTinyU(long value)", "0L, 255L, \"tinyint unsigned\"")
                .contains("public Long getFriends()", "public boolean isActive()", "public Boolean getVerified()")
                .contains("public BigDecimal getBalance()", "public void setBalance(BigDecimal value)",
                        "Checks.decimal(this, \"balance\", value, 10, 2, true, true)",
                        "public ProductStatus getStatus()")
                .contains("public static final Column<BigDecimal> BALANCE = Column.of(\"Balance\");",
                        "public static final Column<Long> CATEGORY = Column.of(\"Category\");",
                        "public static final Column<String> HOME_CITY = Column.of(\"HomeCity\");",
                        "public static final Column<ProductStatus> STATUS = Column.of(\"Status\");",
                        "public static final Column<String> TAGS = Column.of(\"Tags\");",
                        "public static final Column<Long> ID = Column.of(\"ID\");")
                .contains("public EnumSet<ProductTags> getTags()", "public void setTags(Set<ProductTags> value)")
                .contains("public long getCategoryId()", "public void setCategory(long id)",
                        "public void setCategory(CategoryEntity entity)", "public Optional<CategoryEntity> getCategory()",
                        "public CategoryEntity mustGetCategory()")
                .contains("public String getHomeCity()", "public String getAlias(int index)",
                        "public void setAlias(int index, String value)")
                .contains("public String getAddressesCity(int index)", "public long getScores(int index)",
                        "public void setScores(int index, long value)", "public static int scoresLength()")
                .contains("public Optional<CategoryEntity> getRelated1()", "public void setRelated2(long id)")
                .contains("public boolean isFakeDelete()", "public void forceDelete()")
                .doesNotContain("setFakeDelete");
        assertThat(content(files, "com/acme/model/entities/ProductProvider.java"))
                .contains("public Optional<ProductEntity> getByIndexEmail(Context context, String email)")
                .contains("public Optional<ProductEntity> getByIndexNameCategory(Context context, String name,");
        assertThat(content(files, "com/acme/model/entities/enums/ProductStatus.java"))
                .contains("ON_SALE(\"on sale\")");
    }

    @Test
    void dirtyStreamsGetOneConstantPerStreamName() {
        String streams = content(generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE),
                "com/acme/model/entities/DirtyStreamNames.java");
        assertThat(streams)
                .contains("public final class DirtyStreamNames {")
                .contains("Changes of {@code Product} (ops {@code IUD}).")
                .contains("public static final String AUDIT = \"Audit\";")
                .contains("private DirtyStreamNames() {");

        io.fluxa.schema.EntitySchema plain = GeneratorFixtures.stamped(new io.fluxa.schema.EntitySchema("Job",
                "com.acme.model.Job", "jobs", "default", null, null, List.of(GeneratorFixtures.id()), List.of(),
                List.of(), List.of(), false, false, false, "j1"));
        assertThat(generator.generate(new SchemaModel(List.of(plain)), List.of(), PACKAGE))
                .as("no dirty stream, no class").extracting(GeneratedFile::relativePath)
                .noneMatch(path -> path.endsWith("DirtyStreamNames.java"));
    }

    @Test
    void dirtyStreamNamesThatMakeTheSameConstantAreReported() {
        io.fluxa.schema.EntitySchema job = GeneratorFixtures.stamped(new io.fluxa.schema.EntitySchema("Job",
                "com.acme.model.Job", "jobs", "default", null, null, List.of(GeneratorFixtures.id()), List.of(),
                List.of(), List.of(new io.fluxa.schema.DirtyStreamSchema("job-events", "default", "IUD", List.of()),
                        new io.fluxa.schema.DirtyStreamSchema("JobEvents", "default", "I", List.of())),
                false, false, false, "j1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> generator.generate(
                new SchemaModel(List.of(job)), List.of(), PACKAGE))
                .isInstanceOf(io.fluxa.schema.SchemaDefinitionException.class)
                .hasMessageContaining("'JobEvents' and 'job-events'")
                .hasMessageContaining("DirtyStreamNames.JOB_EVENTS")
                .hasMessageContaining("com.acme.model.Job");
    }

    @Test
    void accessorClashesAreReportedNotGenerated() {
        io.fluxa.schema.EntitySchema clash = new io.fluxa.schema.EntitySchema("Job", "com.acme.model.Job", "jobs",
                "default", null, null, List.of(GeneratorFixtures.id(), GeneratorFixtures.column("Dirty", "dirty",
                        "boolean", io.fluxa.schema.ColumnKind.BOOLEAN, "tinyint(1)", false)),
                List.of(), List.of(), List.of(), false, false, false, "j1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> generator.generate(
                new io.fluxa.schema.SchemaModel(List.of(clash)), List.of(), PACKAGE))
                .isInstanceOf(io.fluxa.schema.SchemaDefinitionException.class)
                .hasMessageContaining("isDirty()")
                .hasMessageContaining("com.acme.model.Job");
    }

    @Test
    void generatedCodeIsReadable() {
        List<GeneratedFile> files = new ArrayList<>(generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE));
        files.addAll(generator.generate(new SchemaModel(List.of(GeneratorFixtures.longNames())), List.of(), PACKAGE));
        List<String> longLines = new ArrayList<>();
        for (GeneratedFile file : files) {
            String[] lines = file.content().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].length() > 120) {
                    longLines.add(file.relativePath() + ":" + (i + 1) + ": " + lines[i]);
                }
            }
            if (file.kind() == GeneratedFile.Kind.SOURCE) {
                assertThat(file.content())
                        .as(file.relativePath())
                        .contains("@Generated(\"io.fluxa.codegen.JavaPoetGenerator\")")
                        .doesNotContainPattern("case [^\\n]*:\\s")
                        .doesNotContain("new ColumnSchema(", "new EntitySchema(");
            }
        }
        assertThat(longLines).as("lines over 120 characters").isEmpty();
        String provider = content(files, "com/acme/model/entities/ProductProvider.java");
        assertThat(provider)
                .contains("static final EntitySchema SCHEMA = EntitySchema.builder(\"Product\", "
                        + "\"com.acme.model.Product\", \"products\")\n            .redisCache(\"default\", 3600)\n"
                        + "            .column(ColumnSchema.id())\n"
                        + "            .column(ColumnSchema.of(\"Name\", \"name\", \"String\", ColumnKind.STRING)"
                        + ".length(200))\n")
                .contains("            .column(ColumnSchema.of(\"Balance\", \"balance\", \"double\", "
                        + "ColumnKind.DECIMAL).decimal(10, 2).unsigned(true))\n")
                .contains(".uniqueIndex(\"NameCategory\", false, \"Name\", \"Category\")\n")
                .contains(".dirtyStream(\"Audit\", \"default\", \"IUD\", \"Name\", \"Status\")\n")
                .contains("            .softDelete()\n            .createdAt()\n            .updatedAt()\n"
                        + "            .build();")
                .contains("return switch (column) {");
    }

    @Test
    void theCompiledSchemaIsExactlyTheInputModel(@TempDir Path dir) throws Exception {
        for (SchemaModel model : List.of(GeneratorFixtures.model(),
                new SchemaModel(List.of(GeneratorFixtures.longNames())))) {
            Path classes = compile(dir.resolve(model.entities().get(0).entityName()),
                    generator.generate(model, List.of(), PACKAGE));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    JavaPoetGeneratorTest.class.getClassLoader())) {
                EntityModel compiled = (EntityModel) loader.loadClass(PACKAGE + ".FluxaModel")
                        .getConstructor().newInstance();
                assertThat(compiled.schema()).isEqualTo(model);
            }
        }
    }

    @Test
    void outputIsDeterministic() {
        assertThat(generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE))
                .isEqualTo(generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE));
    }

    @Test
    void generatedCodeCompilesWithoutWarnings(@TempDir Path dir) throws IOException {
        compile(dir, generator.generate(GeneratorFixtures.model(), List.of(), PACKAGE));
        compile(dir.resolve("long"), generator.generate(new SchemaModel(List.of(GeneratorFixtures.longNames())),
                List.of(), PACKAGE));
    }

    /** Compiles the sources among {@code files} with every lint warning an error; returns the classes directory. */
    private static Path compile(Path dir, List<GeneratedFile> files) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (GeneratedFile file : files) {
            if (file.kind() == GeneratedFile.Kind.SOURCE) {
                Path path = dir.resolve("src").resolve(file.relativePath());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.content(), StandardCharsets.UTF_8);
                sources.add(path);
            }
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            Boolean ok = compiler.getTask(null, fileManager, diagnostics,
                    List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17", "-classpath", classpath, "-d",
                            classes.toString()),
                    null, fileManager.getJavaFileObjectsFromPaths(sources)).call();
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                messages.add(d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(null));
            }
            assertThat(messages).isEmpty();
            assertThat(ok).isTrue();
        }
        return classes;
    }

    private static String content(List<GeneratedFile> files, String path) {
        return files.stream().filter(f -> f.relativePath().equals(path)).findFirst().orElseThrow().content();
    }
}
