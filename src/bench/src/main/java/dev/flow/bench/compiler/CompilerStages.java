package dev.flow.bench.compiler;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.flow.FlowChecks;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.parse.antlr.FlowParser;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each stage of the compiler on a generated corpus of {@code lines} lines ({@link Corpus}), side by
 * side with ANTLR's own lexing and parsing (the floor every other stage is compared with) in the
 * same run ({@code antlrParse} and {@code parseAst} on one thread; {@code check} parses on every
 * processor, {@code checkOneThread} on one). Time per operation is the time for the whole
 * corpus; lines per second is {@code lines} over it. The stages after parsing start from the parsed units or the checked
 * model, built once in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class CompilerStages {
  /** Lines in the corpus. */
  @Param({"10000", "100000", "1000000"})
  public int lines;

  List<SourceFile> files;
  List<CompilationUnit> units;
  SemanticModel model;

  /** The corpus, its parsed units and its checked model (for code generation: a package each). */
  @Setup(Level.Trial)
  public void setUp() {
    files = Corpus.ofLines(lines);
    Compilation compilation = Compiler.compile(files, Compiler.Mode.GENERATE);
    if (compilation.hasErrors()) {
      throw new IllegalStateException("the corpus has errors: " + compilation.diagnostics().get(0));
    }
    units = compilation.units();
    model = compilation.model().orElseThrow();
  }

  /** ANTLR alone: lexing and parsing in SLL mode (what {@code FlowParsing} does first), no AST. */
  @Benchmark
  public void antlrParse(Blackhole blackhole) {
    for (SourceFile file : files) {
      blackhole.consume(antlrTree(file));
    }
  }

  static FlowParser.FileContext antlrTree(SourceFile file) {
    FlowLexer lexer = new FlowLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    FlowParser parser = new FlowParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    return parser.file();
  }

  /** {@code FlowParsing.parse}: ANTLR, the literal and nesting checks, and the AST. */
  @Benchmark
  public List<CompilationUnit> parseAst() {
    Diagnostics diagnostics = new Diagnostics();
    List<CompilationUnit> out = new ArrayList<>(files.size());
    for (SourceFile file : files) {
      FlowParsing.parse(file, diagnostics).ifPresent(out::add);
    }
    return out;
  }

  /** {@code Resolver.resolve} on the parsed units: names, declarations and types. */
  @Benchmark
  public SemanticModel resolve() {
    return Resolver.resolve(units, new Diagnostics());
  }

  /** Every check of {@code FlowChecks.all()} on the checked model. */
  @Benchmark
  public int checks() {
    int n = 0;
    for (Check check : FlowChecks.all()) {
      n += check.check(model).size();
    }
    return n;
  }

  /**
   * The whole front end, from text: {@code Compiler.check}, which parses the files on as many
   * threads as there are processors (the calling thread and the common pool's workers).
   */
  @Benchmark
  public Compilation check() {
    return Compiler.check(files);
  }

  /** {@code Compiler.check} on the calling thread alone ({@code -Dflow.compiler.threads=1}). */
  @Benchmark
  public Compilation checkOneThread() {
    return Compiler.check(files, 1);
  }

  /** {@code JavaGenerator.generate} on the checked model. */
  @Benchmark
  public SortedMap<String, String> generateJava() {
    return JavaGenerator.generate(model);
  }

  /** The Mermaid diagrams and the Markdown docs of the checked model. */
  @Benchmark
  public void diagramsAndDocs(Blackhole blackhole) {
    blackhole.consume(Diagrams.files(model));
    blackhole.consume(Docs.files(model));
  }
}
