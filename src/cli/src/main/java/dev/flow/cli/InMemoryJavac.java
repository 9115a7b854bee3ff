package dev.flow.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Compiles generated Java in memory with the JDK's compiler and loads it, for {@code flowc run}:
 * nothing is written to disk. The classpath is whatever holds flow-runtime (the flowc jar).
 */
final class InMemoryJavac {
  private InMemoryJavac() {}

  /** Why the generated Java did not compile: a bug in the generator, never the user's. */
  static final class CompileFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CompileFailure(String message) {
      super(message);
    }
  }

  /**
   * Compiles the sources (relative path → text) and returns a class loader for them.
   *
   * @param runtime a class of flow-runtime, to find it on the classpath
   * @throws UsageException when the JVM has no Java compiler (a JRE)
   * @throws CompileFailure when the sources do not compile
   */
  static ClassLoader compile(Map<String, String> sources, Class<?> runtime) throws UsageException, CompileFailure {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new UsageException("`flowc run` compiles the workflows, so it needs a JDK, not only a Java runtime",
          "run flowc with the java of a JDK 17 or newer");
    }
    List<JavaFileObject> units = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      if (source.getKey().endsWith(".java")) {
        units.add(new Source(source.getKey(), source.getValue()));
      }
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            classes.put(className, bytes);
            return bytes;
          }
        };
      }
    };
    List<String> options = List.of("--release", "17", "-proc:none", "-parameters", "-classpath", classpath(runtime));
    StringWriter output = new StringWriter();
    boolean ok = javac.getTask(output, manager, diagnostics, options, null, units).call();
    try {
      manager.close();
    } catch (IOException e) {
      // An in-memory file manager has nothing to release that matters.
    }
    if (!ok) {
      StringBuilder message = new StringBuilder("the generated Java did not compile (a bug in flowc; please report it):");
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          message.append("\n  ").append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
              .append(d.getMessage(Locale.ROOT));
        }
      }
      throw new CompileFailure(message.toString());
    }
    return new ClassLoader(runtime.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        ByteArrayOutputStream bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] code = bytes.toByteArray();
        return defineClass(name, code, 0, code.length);
      }
    };
  }

  /** The classpath of this JVM plus wherever the runtime's classes come from. */
  private static String classpath(Class<?> runtime) {
    Set<String> entries = new LinkedHashSet<>();
    try {
      entries.add(Path.of(runtime.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // Fall back on the JVM's classpath alone.
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("mem:///" + path), JavaFileObject.Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
