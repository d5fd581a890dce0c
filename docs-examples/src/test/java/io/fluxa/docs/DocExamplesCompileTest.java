package io.fluxa.docs;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code ```java} example of README.md and docs/*.md with javac, against this
 * module's test class path: the Fluxa API, the code the plugin generated from the docs' model
 * (src/main/java/com/acme/model), Spring and JUnit. A failure lists each example that does not
 * compile with the page, the line in the page and javac's message.
 */
class DocExamplesCompileTest {

    private static final Path ROOT = Path.of(System.getProperty("fluxa.docs.root", "..")).toAbsolutePath().normalize();

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyJavaExampleOfTheDocsCompiles() throws IOException {
        List<DocSnippet> snippets = new ArrayList<>();
        for (Path page : pages()) {
            snippets.addAll(DocSnippet.read(page));
        }
        assertThat(snippets).as("the examples found in " + ROOT).hasSizeGreaterThan(40);

        Path work = Files.createTempDirectory("fluxa-docs-examples");
        Path sources = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        Map<Path, DocSnippet> bySource = new HashMap<>();
        for (DocSnippet snippet : snippets) {
            Path dir = Files.createDirectories(sources.resolve(snippet.packageName().replace('.', '/')));
            Path file = dir.resolve(snippet.fileName());
            Files.writeString(file, snippet.source());
            bySource.put(file.toAbsolutePath().normalize(), snippet);
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(bySource.keySet());
            List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-nowarn",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            javac.getTask(null, files, diagnostics, options, null, units).call();
        }

        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            DocSnippet snippet = d.getSource() == null ? null
                    : bySource.get(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
            String where = snippet == null ? String.valueOf(d.getSource())
                    : ROOT.relativize(snippet.page()) + ":" + (snippet.line() + d.getLineNumber() - 1 - snippet.offset())
                            + (snippet.kind().isEmpty() ? "" : " (java " + snippet.kind() + ")");
            errors.add(where + ": " + String.join(" ", d.getMessage(Locale.ROOT).lines().map(String::strip).toList()));
        }
        assertThat(errors).as("examples that do not compile (see docs/README.md for the conventions)").isEmpty();
    }
}
