package dev.flow.compiler.codegen;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import dev.flow.runtime.FlowContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated Java in-process with {@code javax.tools.JavaCompiler}, as the build compiles
 * it ({@code -Xlint:all -Werror --release 17}), against flow-runtime alone, into memory, and
 * loads the classes. A reusable test utility: the engine's tests use it to run generated
 * workflows.
 *
 * <pre>{@code
 * ClassLoader loader = GeneratedCode.compile(GeneratedCode.generate(flowSource));
 * Class<?> workflow = loader.loadClass("com.acme.onboarding.DocumentCollection");
 * }</pre>
 *
 * <p>The loader's parent is the test's class loader, so the generated classes share flow-runtime's
 * classes with the test (an {@code Engine} of the test can run them).
 */
public final class GeneratedCode {
  private GeneratedCode() {}

  /** The options generated code must compile with. */
  public static final List<String> OPTIONS = List.of("-Xlint:all", "-Werror", "--release", "17", "-encoding", "UTF-8");

  /** What javac said about a set of sources, and the classes it made. */
  public record Result(List<String> diagnostics, Map<String, byte[]> classes) {
    public boolean succeeded() {
      return diagnostics.isEmpty() && !classes.isEmpty();
    }
  }

  /**
   * Checks Flow sources in {@code GENERATE} mode ({@code a.flow}, {@code b.flow}, … when several)
   * and generates their Java; fails the test when the Flow sources have errors.
   */
  public static SortedMap<String, String> generate(String... flowSources) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < flowSources.length; i++) {
      files.add(new SourceFile((char) ('a' + i) + ".flow", flowSources[i]));
    }
    return generate(files);
  }

  /** Generates the Java of Flow files; fails the test when they have errors. */
  public static SortedMap<String, String> generate(List<SourceFile> files) {
    Compilation compilation = Compiler.compile(files, Compiler.Mode.GENERATE);
    if (compilation.hasErrors() || compilation.model().isEmpty()) {
      throw new AssertionError("the Flow sources have errors:\n" + DiagnosticRenderer.renderAll(compilation.diagnostics()));
    }
    return JavaGenerator.generate(compilation.model().get());
  }

  /** Reads Flow files from disk and generates their Java. */
  public static SortedMap<String, String> generateFrom(List<Path> paths) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    for (Path p : paths) {
      files.add(new SourceFile(p.toString(), Files.readString(p)));
    }
    return generate(files);
  }

  /**
   * Compiles sources (relative path → text) and loads them; fails the test with javac's
   * diagnostics (and the sources they point into) when there is any error or warning.
   */
  public static ClassLoader compile(Map<String, String> sources) {
    Result result = javac(sources);
    if (!result.succeeded()) {
      throw new AssertionError("generated Java does not compile with " + String.join(" ", OPTIONS) + ":\n"
          + String.join("\n", result.diagnostics()) + "\n\n" + listing(sources, result.diagnostics()));
    }
    return new Loader(result.classes(), GeneratedCode.class.getClassLoader());
  }

  /** Compiles sources without loading them: javac's diagnostics (errors and warnings) and the class files. */
  public static Result javac(Map<String, String> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler: run the tests on a JDK");
    }
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
    Map<String, byte[]> classes = new HashMap<>();
    List<JavaFileObject> units = sources.entrySet().stream()
        .filter(e -> e.getKey().endsWith(".java"))
        .map(e -> (JavaFileObject) new Source(e.getKey(), e.getValue()))
        .toList();
    List<String> options = new ArrayList<>(OPTIONS);
    options.add("-classpath");
    options.add(runtimeClasspath());
    StringWriter out = new StringWriter();
    try (JavaFileManager files = new Memory(standard, classes)) {
      compiler.getTask(out, files, collector, options, null, units).call();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> diagnostics = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
      String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
      diagnostics.add(where + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
    }
    if (!out.toString().isBlank()) {
      diagnostics.add(out.toString().strip());
    }
    return new Result(List.copyOf(diagnostics), Map.copyOf(classes));
  }

  /** flow-runtime's classes (a directory in the reactor, a jar otherwise): all generated code may use. */
  static String runtimeClasspath() {
    try {
      return new File(FlowContext.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines of the sources that diagnostics point at, numbered, for a readable failure. */
  private static String listing(Map<String, String> sources, List<String> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (diagnostics.stream().anyMatch(d -> d.contains(e.getKey()))) {
        out.append("==== ").append(e.getKey()).append('\n');
        String[] lines = e.getValue().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
      }
    }
    return out.toString();
  }

  /** A source file in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** A class file written to memory. */
  private static final class ClassFile extends SimpleJavaFileObject {
    private final String className;
    private final Map<String, byte[]> classes;

    ClassFile(String className, Map<String, byte[]> classes) {
      super(URI.create("mem:///" + className.replace('.', '/') + ".class"), Kind.CLASS);
      this.className = className;
      this.classes = classes;
    }

    @Override
    public OutputStream openOutputStream() {
      return new ByteArrayOutputStream() {
        @Override
        public void close() throws IOException {
          super.close();
          classes.put(className, toByteArray());
        }
      };
    }
  }

  /** Reads from the standard file manager, writes class files to memory. */
  private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, byte[]> classes;

    Memory(StandardJavaFileManager standard, Map<String, byte[]> classes) {
      super(standard);
      this.classes = classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new ClassFile(className, classes);
    }
  }

  /** Loads the compiled classes, and everything else from its parent. */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;

    Loader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /** Every class name compiled, sorted: for assertions. */
  public static List<String> classNames(Result result) {
    return result.classes().keySet().stream().sorted().collect(Collectors.toList());
  }
}
