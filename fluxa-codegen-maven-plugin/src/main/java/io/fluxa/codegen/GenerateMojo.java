package io.fluxa.codegen;

import io.fluxa.schema.SchemaDefinitionException;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the typed Fluxa API (entities, providers, enums, {@code FluxaModel} and its
 * {@code META-INF/services} entry) from the {@code @FluxaEntity} definitions in the project's
 * sources. The definitions are read as source; nothing needs to be compiled first.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    private PluginDescriptor plugin;

    /** Where the generated Java sources are written; added to the project's compile source roots. */
    @Parameter(property = "fluxa.codegen.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/fluxa", required = true)
    private File outputDirectory;

    /** Where generated resources ({@code META-INF/services/io.fluxa.EntityModel}) are written. */
    @Parameter(property = "fluxa.codegen.resourceOutputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/fluxa", required = true)
    private File resourceOutputDirectory;

    /**
     * The package of the generated classes. Defaults to the common package of all
     * {@code @FluxaEntity} classes plus {@code .entities}.
     */
    @Parameter(property = "fluxa.codegen.targetPackage")
    private String targetPackage;

    /** Directories to read definitions from. Defaults to the project's compile source roots. */
    @Parameter
    private List<File> sourceRoots;

    /** The encoding of the definition sources. */
    @Parameter(property = "fluxa.codegen.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /** Skips code generation (and does not add the output directories to the build). */
    @Parameter(property = "fluxa.codegen.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Fluxa code generation skipped (fluxa.codegen.skip).");
            return;
        }
        Path sourceOutput = outputDirectory.toPath().toAbsolutePath().normalize();
        Path resourceOutput = resourceOutputDirectory.toPath().toAbsolutePath().normalize();
        CodegenRun.Settings settings = new CodegenRun.Settings(
                project.getBasedir().toPath(),
                definitionRoots(sourceOutput),
                sourceOutput,
                resourceOutput,
                targetPackage,
                Path.of(project.getBuild().getDirectory(), "fluxa-codegen", executionId() + ".state"),
                charset(),
                plugin == null ? null : plugin.getVersion());

        try {
            new CodegenRun(GenerateMojo::generator, new MavenLog()).run(settings);
        } catch (SchemaDefinitionException | DefinitionSourceException e) {
            throw new MojoFailureException("Fluxa entity definition error: " + e.getMessage(), e);
        } catch (CodegenConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (MissingGeneratorException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("Fluxa code generation failed: " + e.getMessage(), e);
        }

        if (!project.getCompileSourceRoots().contains(sourceOutput.toString())) {
            project.addCompileSourceRoot(sourceOutput.toString());
        }
        boolean resourceListed = project.getResources().stream()
                .anyMatch(r -> Path.of(r.getDirectory()).toAbsolutePath().normalize().equals(resourceOutput));
        if (!resourceListed) {
            Resource resource = new Resource();
            resource.setDirectory(resourceOutput.toString());
            project.addResource(resource);
        }
    }

    private String executionId() {
        String id = mojoExecution == null ? null : mojoExecution.getExecutionId();
        return id == null || id.isBlank() ? "default" : id;
    }

    private static CodeGenerator generator() {
        return GeneratorLoader.load(GenerateMojo.class.getClassLoader())
                .orElseThrow(() -> new MissingGeneratorException("No Fluxa code generator found on the plugin's "
                        + "class path: expected " + GeneratorLoader.DEFAULT_GENERATOR + " or a "
                        + "META-INF/services/" + CodeGenerator.class.getName() + " entry. Fix: use a "
                        + "fluxa-codegen-maven-plugin build that includes the generator."));
    }

    /** The plugin was built without a generator; a packaging problem, not a user error. */
    private static final class MissingGeneratorException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingGeneratorException(String message) {
            super(message);
        }
    }

    private List<Path> definitionRoots(Path sourceOutput) {
        List<Path> roots = new ArrayList<>();
        if (sourceRoots != null && !sourceRoots.isEmpty()) {
            for (File root : sourceRoots) {
                roots.add(root.toPath().toAbsolutePath().normalize());
            }
        } else {
            for (String root : project.getCompileSourceRoots()) {
                Path path = Path.of(root).toAbsolutePath().normalize();
                if (!path.equals(sourceOutput)) {
                    roots.add(path);
                }
            }
        }
        return roots;
    }

    private Charset charset() throws MojoFailureException {
        if (encoding == null || encoding.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MojoFailureException("Unknown source encoding '" + encoding
                    + "'. Fix: set <encoding> or project.build.sourceEncoding to a valid charset, e.g. UTF-8.");
        }
    }

    private final class MavenLog implements CodegenRun.Log {
        @Override
        public void info(String message) {
            getLog().info(message);
        }

        @Override
        public void warn(String message) {
            getLog().warn(message);
        }
    }
}
