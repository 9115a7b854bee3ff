package dev.flow.bench.compiler;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.runtime.Engine;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The yardstick for Java generation: javac compiling the Java that {@link CompilerStages#generateJava}
 * generates from the same corpus, in memory (classes discarded), against the runtime's classes.
 * Code generation should take a small fraction of it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class JavacYardstick {
  /** Lines in the Flow corpus whose Java is compiled. */
  @Param({"10000", "100000"})
  public int lines;

  List<JavaFileObject> sources;
  JavaCompiler javac;
  /** Where the runtime's classes are (the benchmarks' jar, or the runtime's build in a test). */
  String classPath;

  /** The generated Java of the corpus. */
  @Setup(Level.Trial)
  public void setUp() {
    Compilation compilation = Compiler.compile(Corpus.ofLines(lines), Compiler.Mode.GENERATE);
    SortedMap<String, String> java = JavaGenerator.generate(compilation.model().orElseThrow());
    sources = new ArrayList<>();
    for (Map.Entry<String, String> e : java.entrySet()) {
      sources.add(new Source(e.getKey(), e.getValue()));
    }
    try {
      classPath = Paths.get(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("javac needs a JDK, not a JRE");
    }
  }

  /** javac on every generated source; the class files go nowhere. */
  @Benchmark
  public boolean javac() {
    StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
    Discarding manager = new Discarding(standard);
    List<String> options = List.of("-proc:none", "-nowarn", "-classpath", classPath);
    Boolean ok = javac.getTask(null, manager, null, options, null, sources).call();
    if (!ok) {
      throw new IllegalStateException("the generated Java does not compile");
    }
    return ok;
  }

  /** A generated source in memory. */
  static final class Source extends SimpleJavaFileObject {
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

  /** Class files written to a buffer that is dropped. */
  static final class Discarding extends ForwardingJavaFileManager<StandardJavaFileManager> {
    Discarding(StandardJavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream();
        }
      };
    }
  }
}
