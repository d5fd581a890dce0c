package io.fluxa.codegen;

import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.SchemaModelBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One run of the code generation, free of Maven: read definitions, build the schema model, generate,
 * and write only what changed.
 *
 * <p>Incremental: a state file remembers a fingerprint of everything the output depends on (the
 * definition sources, the settings, the plugin's own code) and the files written. When the
 * fingerprint is unchanged and every output is still there as written, the run does nothing. A file
 * whose content is unchanged is not rewritten (its timestamp stays, so the compiler has nothing new
 * to do); a file generated last time but not this time is deleted.
 */
public final class CodegenRun {

    private static final String STATE_FORMAT = "fluxa-codegen-state 1";

    /**
     * @param baseDir the project directory; positions in errors are relative to it
     * @param sourceRoots where the definitions are
     * @param sourceOutput where generated sources go
     * @param resourceOutput where generated resources go
     * @param targetPackage the package of the generated classes, or null for
     *     {@code <common package of the entities>.entities}
     * @param stateFile where the incremental state is kept (under {@code target/})
     * @param encoding the encoding of the definition sources
     * @param pluginVersion changes in it invalidate the state
     */
    public record Settings(Path baseDir, List<Path> sourceRoots, Path sourceOutput, Path resourceOutput,
            String targetPackage, Path stateFile, Charset encoding, String pluginVersion) {

        public Settings {
            Objects.requireNonNull(baseDir, "baseDir");
            sourceRoots = List.copyOf(sourceRoots);
            Objects.requireNonNull(sourceOutput, "sourceOutput");
            Objects.requireNonNull(resourceOutput, "resourceOutput");
            Objects.requireNonNull(stateFile, "stateFile");
            encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
            pluginVersion = pluginVersion == null ? "" : pluginVersion;
            targetPackage = targetPackage == null || targetPackage.isBlank() ? null : targetPackage.trim();
        }
    }

    public enum Status {
        /** Nothing changed since the last run; no file was read beyond the fingerprint or written. */
        UP_TO_DATE,
        /** Definitions were read and the output brought up to date. */
        GENERATED,
        /** The sources contain no {@code @FluxaEntity}; nothing is generated (stale output removed). */
        NO_ENTITIES
    }

    /**
     * @param written files created or changed
     * @param unchanged files generated with exactly the content already on disk
     * @param deleted stale files removed
     */
    public record Outcome(Status status, String targetPackage, int entities, List<Path> written,
            List<Path> unchanged, List<Path> deleted) {

        public Outcome {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }
    }

    /** Where progress is reported (the Maven log in the plugin). */
    public interface Log {
        void info(String message);

        void warn(String message);

        Log NONE = new Log() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }

    private final Supplier<CodeGenerator> generator;
    private final Log log;

    public CodegenRun(CodeGenerator generator, Log log) {
        this(constant(generator), log);
    }

    private static Supplier<CodeGenerator> constant(CodeGenerator generator) {
        Objects.requireNonNull(generator, "generator");
        return () -> generator;
    }

    /**
     * @param generator looked up only when there is something to generate, so definition errors are
     *     reported even by a plugin build that lacks a generator
     */
    public CodegenRun(Supplier<CodeGenerator> generator, Log log) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.log = log == null ? Log.NONE : log;
    }

    /**
     * @throws io.fluxa.schema.SchemaDefinitionException when a definition is wrong
     * @throws DefinitionSourceException when a definition source cannot be parsed or evaluated
     * @throws CodegenConfigurationException when the settings do not allow generating (no target package)
     */
    public Outcome run(Settings settings) {
        List<Path> roots = definitionRoots(settings);
        State previous = State.load(settings.stateFile());
        String settingsHash = settingsHash(settings, roots);

        Map<Path, byte[]> candidates = candidateFiles(roots, settings.encoding());
        String fingerprint = fingerprint(settingsHash, candidates, previous.extraInputs());
        if (fingerprint.equals(previous.fingerprint()) && outputsIntact(settings, previous)) {
            log.info("Fluxa definitions unchanged, generated code is up to date ("
                    + previous.outputs().size() + " files).");
            return new Outcome(Status.UP_TO_DATE, previous.targetPackage(), previous.entities(), List.of(),
                    List.of(), List.of());
        }
        // A run that fails half-way must not leave a state that claims the output is current.
        deleteQuietly(settings.stateFile());

        DefinitionReader.Result definitions = new DefinitionReader(settings.baseDir(), settings.encoding())
                .readWithInputs(roots);
        List<ClassDefinition> entities = definitions.entities();

        List<GeneratedFile> files;
        String targetPackage;
        if (entities.isEmpty()) {
            log.warn("No @FluxaEntity class found in " + roots.stream().map(normalize(settings.baseDir())::relativize).toList()
                    + "; nothing to generate.");
            files = List.of();
            targetPackage = settings.targetPackage();
        } else {
            targetPackage = settings.targetPackage() != null ? settings.targetPackage() : defaultTargetPackage(definitions);
            SchemaModel model = SchemaModelBuilder.build(definitions.classes());
            files = generator.get().generate(model, definitions.classes(), targetPackage);
        }

        Map<String, Output> outputs = new TreeMap<>();
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (GeneratedFile file : files) {
            Output output = Output.of(file);
            if (outputs.put(output.key(), output) != null) {
                throw new IllegalStateException("The generator produced " + file.relativePath() + " twice");
            }
            Path target = output.resolve(settings);
            if (writeIfChanged(target, output.bytes())) {
                written.add(target);
            } else {
                unchanged.add(target);
            }
        }
        List<Path> deleted = deleteStale(settings, previous, outputs.keySet());

        Set<Path> extraInputs = new TreeSet<>(definitions.parsedFiles());
        extraInputs.removeAll(candidates.keySet());
        String newFingerprint = extraInputs.equals(new TreeSet<>(previous.extraInputs()))
                ? fingerprint
                : fingerprint(settingsHash, candidates, List.copyOf(extraInputs));
        new State(newFingerprint, targetPackage, entities.size(), List.copyOf(extraInputs),
                outputs.values().stream().map(o -> new StateOutput(o.kind(), o.path(), sha256(o.bytes()))).toList())
                .save(settings.stateFile());

        log.info("Fluxa generated code for " + entities.size() + " entities in " + targetPackage + ": "
                + written.size() + " written, " + unchanged.size() + " unchanged, " + deleted.size() + " removed.");
        return new Outcome(entities.isEmpty() ? Status.NO_ENTITIES : Status.GENERATED, targetPackage,
                entities.size(), written, unchanged, deleted);
    }

    /** The source roots without our own output, which is never a definition. */
    private static List<Path> definitionRoots(Settings settings) {
        Path sourceOutput = normalize(settings.sourceOutput());
        Path resourceOutput = normalize(settings.resourceOutput());
        List<Path> roots = new ArrayList<>();
        for (Path root : settings.sourceRoots()) {
            Path normalized = normalize(root);
            if (!normalized.equals(sourceOutput) && !normalized.equals(resourceOutput) && !roots.contains(normalized)) {
                roots.add(normalized);
            }
        }
        return roots;
    }

    /**
     * {@code <common package of every entity>.entities}. Nested classes count with the package of
     * their file.
     */
    static String defaultTargetPackage(DefinitionReader.Result definitions) {
        List<String> common = null;
        Set<String> packages = new TreeSet<>();
        for (ClassDefinition entity : definitions.entities()) {
            String packageName = definitions.packageOf(entity);
            packages.add(packageName.isEmpty() ? "(default package)" : packageName);
            List<String> segments = packageName.isEmpty() ? List.of() : List.of(packageName.split("\\."));
            if (common == null) {
                common = segments;
            } else {
                int n = 0;
                while (n < common.size() && n < segments.size() && common.get(n).equals(segments.get(n))) {
                    n++;
                }
                common = common.subList(0, n);
            }
        }
        if (common == null || common.isEmpty()) {
            throw new CodegenConfigurationException("The @FluxaEntity classes share no common package "
                    + packages + ", so Fluxa cannot choose where to generate. Fix: set the plugin parameter "
                    + "<targetPackage> (for example com.acme.model.entities).");
        }
        return String.join(".", common) + ".entities";
    }

    // ---------------------------------------------------------------- fingerprint

    private static String settingsHash(Settings settings, List<Path> roots) {
        MessageDigest digest = sha256();
        update(digest, STATE_FORMAT);
        update(digest, settings.pluginVersion());
        update(digest, String.valueOf(settings.targetPackage()));
        update(digest, normalize(settings.sourceOutput()).toString());
        update(digest, normalize(settings.resourceOutput()).toString());
        update(digest, settings.encoding().name());
        for (Path root : roots) {
            update(digest, root.toString());
        }
        // A rebuilt plugin (which holds the generator) or runtime with the same version (a SNAPSHOT)
        // must regenerate too.
        Set<Path> codeLocations = new LinkedHashSet<>();
        for (Class<?> type : List.of(CodegenRun.class, SchemaModelBuilder.class)) {
            codeLocation(type).ifPresent(codeLocations::add);
        }
        for (Path location : codeLocations) {
            update(digest, location.toString());
            updateWithStamps(digest, location);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Optional<Path> codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Size and modification time of a jar, or of every file of a classes directory. */
    private static void updateWithStamps(MessageDigest digest, Path location) {
        try {
            if (Files.isRegularFile(location)) {
                update(digest, Files.size(location) + "@" + Files.getLastModifiedTime(location).toMillis());
            } else if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        update(digest, location.relativize(file) + ":" + Files.size(file) + "@"
                                + Files.getLastModifiedTime(file).toMillis());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(String settingsHash, Map<Path, byte[]> candidates, List<Path> extraInputs) {
        MessageDigest digest = sha256();
        update(digest, settingsHash);
        for (Map.Entry<Path, byte[]> candidate : candidates.entrySet()) {
            update(digest, candidate.getKey().toString());
            digest.update(sha256(candidate.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        for (Path input : extraInputs) {
            update(digest, input.toString());
            try {
                update(digest, Files.isRegularFile(input) ? sha256(Files.readAllBytes(input)) : "missing");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Files that mention {@code FluxaEntity}: the ones the reader parses up front. Sorted. */
    private static Map<Path, byte[]> candidateFiles(List<Path> roots, Charset encoding) {
        Map<Path, byte[]> candidates = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).toList()) {
                    byte[] content = Files.readAllBytes(file);
                    if (new String(content, encoding).contains(DefinitionReader.ENTITY_ANNOTATION)) {
                        candidates.put(normalize(file), content);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the sources below " + root, e);
            }
        }
        return candidates;
    }

    private static boolean outputsIntact(Settings settings, State state) {
        for (StateOutput output : state.outputs()) {
            Path file = output.resolve(settings);
            try {
                if (!Files.isRegularFile(file) || !sha256(Files.readAllBytes(file)).equals(output.sha256())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    private static boolean writeIfChanged(Path target, byte[] content) {
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".fluxa-", ".tmp");
            try {
                Files.write(temporary, content);
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static List<Path> deleteStale(Settings settings, State previous, Set<String> currentKeys) {
        List<Path> deleted = new ArrayList<>();
        for (StateOutput old : previous.outputs()) {
            if (currentKeys.contains(old.key())) {
                continue;
            }
            Path file = old.resolve(settings);
            try {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                    deleteEmptyParents(file.getParent(), old.kind() == GeneratedFile.Kind.SOURCE
                            ? normalize(settings.sourceOutput()) : normalize(settings.resourceOutput()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the stale generated file " + file, e);
            }
        }
        return deleted;
    }

    private static void deleteEmptyParents(Path directory, Path root) throws IOException {
        for (Path dir = directory; dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    // ---------------------------------------------------------------- helpers and state

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /** A generated file ready to be written. */
    private record Output(GeneratedFile.Kind kind, String path, byte[] bytes) {

        static Output of(GeneratedFile file) {
            String path = file.relativePath();
            if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                    || path.matches("^[A-Za-z]:.*") || List.of(path.split("/")).contains("..")) {
                throw new IllegalStateException("The generator produced an unsafe path: " + path);
            }
            return new Output(file.kind(), path, file.content().getBytes(StandardCharsets.UTF_8));
        }

        String key() {
            return kind + " " + path;
        }

        Path resolve(Settings settings) {
            return new StateOutput(kind, path, null).resolve(settings);
        }
    }

    private record StateOutput(GeneratedFile.Kind kind, String path, String sha256) {

        String key() {
            return kind + " " + path;
        }

        Path resolve(Settings settings) {
            Path root = kind == GeneratedFile.Kind.SOURCE ? settings.sourceOutput() : settings.resourceOutput();
            return normalize(root).resolve(path);
        }
    }

    /** The incremental state between runs, stored as a small line-based text file. */
    private record State(String fingerprint, String targetPackage, int entities, List<Path> extraInputs,
            List<StateOutput> outputs) {

        static final State EMPTY = new State("", null, 0, List.of(), List.of());

        static State load(Path file) {
            if (!Files.isRegularFile(file)) {
                return EMPTY;
            }
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(STATE_FORMAT)) {
                    return EMPTY;
                }
                String fingerprint = "";
                String targetPackage = null;
                int entities = 0;
                List<Path> inputs = new ArrayList<>();
                List<StateOutput> outputs = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    int space = line.indexOf(' ');
                    if (space < 0) {
                        continue;
                    }
                    String key = line.substring(0, space);
                    String value = line.substring(space + 1);
                    switch (key) {
                        case "fingerprint" -> fingerprint = value;
                        case "package" -> targetPackage = value;
                        case "entities" -> entities = Integer.parseInt(value);
                        case "input" -> inputs.add(Path.of(value));
                        case "output" -> {
                            String[] parts = value.split(" ", 3);
                            outputs.add(new StateOutput(GeneratedFile.Kind.valueOf(parts[0]), parts[2], parts[1]));
                        }
                        default -> {
                        }
                    }
                }
                return new State(fingerprint, targetPackage, entities, inputs, outputs);
            } catch (IOException | RuntimeException e) {
                // An unreadable state only costs a full run.
                return EMPTY;
            }
        }

        void save(Path file) {
            StringBuilder text = new StringBuilder(STATE_FORMAT).append('\n');
            text.append("fingerprint ").append(fingerprint).append('\n');
            if (targetPackage != null) {
                text.append("package ").append(targetPackage).append('\n');
            }
            text.append("entities ").append(entities).append('\n');
            for (Path input : extraInputs) {
                text.append("input ").append(input).append('\n');
            }
            Set<String> seen = new HashSet<>();
            for (StateOutput output : outputs) {
                if (seen.add(output.key())) {
                    text.append("output ").append(output.kind()).append(' ').append(output.sha256()).append(' ')
                            .append(output.path()).append('\n');
                }
            }
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the code generation state " + file, e);
            }
        }
    }
}
