package dev.flow.compiler.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.FlowParsing;
import dev.flow.compiler.parse.Layout;
import dev.flow.compiler.parse.Piece;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formatter on every file of the examples and of the test corpus that parses: the formatted
 * text parses to the same tree, keeps every comment and token in order, and formatting it again
 * changes nothing. Golden files in {@code src/test/resources/format} fix the layout itself:
 * {@code <case>.flow} is formatted into {@code <case>.formatted}; regenerate with
 * {@code -Dflow.updateGoldens=true} and review the diff.
 */
class FormatterTest {
  private static final Path GOLDEN = Path.of("src/test/resources/format");

  static Stream<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("../../examples"), Path.of("src/test/resources"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".flow"))
            .filter(p -> !p.toString().contains("/target"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void formattingKeepsTheTreeAndCommentsAndIsIdempotent(Path path) throws IOException {
    SourceFile file = SourceFile.read(path);
    Diagnostics diagnostics = new Diagnostics();
    Optional<String> formatted = Formatter.format(file, diagnostics);
    if (formatted.isEmpty()) {
      assertTrue(diagnostics.hasErrors(), path + " was not formatted but has no error");
      return;
    }
    SourceFile again = new SourceFile(file.name(), formatted.get());
    assertEquals(shape(parse(file)), shape(parse(again)), path + ": the tree changed");
    assertEquals(texts(file), texts(again), path + ": tokens or comments changed");
    assertEquals(formatted.get(), Formatter.format(again, new Diagnostics()).orElseThrow(), path + ": not idempotent");
    for (String line : formatted.get().split("\n", -1)) {
      assertEquals(line.stripTrailing(), line, path + ": trailing blanks");
    }
  }

  @Test
  void corpusIsLarge() throws IOException {
    assertTrue(corpus().count() > 200);
  }

  static Stream<String> goldens() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".flow"))
          .map(n -> n.substring(0, n.length() - ".flow".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("goldens")
  void goldenLayout(String name) throws IOException {
    SourceFile file = SourceFile.read(GOLDEN.resolve(name + ".flow"));
    String formatted = Formatter.format(file, new Diagnostics()).orElseThrow();
    Path expected = GOLDEN.resolve(name + ".formatted");
    if (Boolean.getBoolean("flow.updateGoldens")) {
      Files.writeString(expected, formatted, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), formatted);
  }

  @Test
  void aFileWithSyntaxErrorsIsNotFormatted() {
    Formatter.Result result = Formatter.format(new SourceFile("bad.flow", "workflow {\n"));
    assertTrue(result.text().isEmpty());
    assertFalse(result.diagnostics().isEmpty());
    assertFalse(result.changed());
  }

  @Test
  void emptyAndBlankFilesFormatToNothing() {
    assertEquals("", Formatter.format(new SourceFile("a.flow", "")).text().orElseThrow());
    assertEquals("", Formatter.format(new SourceFile("a.flow", "\n\n  \n")).text().orElseThrow());
    assertEquals("// only\n", Formatter.format(new SourceFile("a.flow", "\n  // only  \n\n")).text().orElseThrow());
  }

  @Test
  void partialJoinsAndSignalsAreLaidOutLikeTheirPlainForms() {
    String text = "workflow W {\n  parallel   join  1{\nbranch a { signal   ready }\n  branch b {wait  for ready}\n}\n"
        + "  first   2 {\n branch c { wait 1d }\n    branch d { wait 2d }\n  branch e { wait 3d }\n  }\n}\n";
    assertEquals("workflow W {\n  parallel join 1 {\n    branch a { signal ready }\n    branch b { wait for ready }\n  }\n"
        + "  first 2 {\n    branch c { wait 1d }\n    branch d { wait 2d }\n    branch e { wait 3d }\n  }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void firstToStartIsLaidOutLikeFirst() {
    String text = "workflow W {\n  first   to   start{\n branch a { step x by Clerk {  n: Text } }\n"
        + "    branch b {wait  2d}\n}\n}\n";
    assertEquals("workflow W {\n  first to start {\n    branch a { step x by Clerk { n: Text } }\n"
        + "    branch b { wait 2d }\n  }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void threadsAreLaidOutLikeAParallelForEach() {
    String text = "workflow W {\n  input n: Int\nparallel   n  *  2   times{\n step pick by Clerk {  note: Text }\n}\n"
        + "  parallel 3 times { wait 1d }\n}\n";
    assertEquals("workflow W {\n  input n: Int\n  parallel n * 2 times {\n    step pick by Clerk { note: Text }\n  }\n"
        + "  parallel 3 times { wait 1d }\n}\n", Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void afterEachBranchAndStartEachAreLaidOutLikeTheirBlocks() {
    String text = "workflow W {\n  input xs: List<Text>\nparallel{\n branch a { wait 1d }\n}   after  each branch{\n"
        + " step pick by Clerk {  note: Text }\n}\n  start   each x in xs{ wait 1d }\n}\n";
    assertEquals("workflow W {\n  input xs: List<Text>\n  parallel {\n    branch a { wait 1d }\n  } after each branch {\n"
        + "    step pick by Clerk { note: Text }\n  }\n  start each x in xs { wait 1d }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void aReceiveNewIsLaidOutLikeAReceiveAndNewStaysAName() {
    String text = "workflow W {\n  receive   new  ping :Ping where ping.n==1\nreceive new:Ping\n}\n";
    assertEquals("workflow W {\n  receive new ping: Ping where ping.n == 1\n  receive new: Ping\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  /** A statement that goes on over lines keeps its continuation's indentation for its block, as elsewhere. */
  @Test
  void aGrowingForEachIsLaidOutLikeAReceiveAndAParallelForEach() {
    String text = "workflow W {\n  for  each bid :Bid where bid.lot==lot in   parallel join  2\n"
        + "until closed:LotClosed where closed.lot ==lot{\nstep assess by Valuer\n}\n}\n";
    assertEquals("workflow W {\n  for each bid: Bid where bid.lot == lot in parallel join 2\n"
        + "    until closed: LotClosed where closed.lot == lot {\n      step assess by Valuer\n    }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void aRecordBeingBuiltAndAJoinedListAreSpacedLikeArguments() {
    String text = "workflow W {\n  set docs = docs+[ Document( name : \"x\" ,pages:2 ) ]\n}\n";
    assertEquals("workflow W {\n  set docs = docs + [Document(name: \"x\", pages: 2)]\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void whoDoesAStepForAPersonIsSpacedLikeWordsAndARoleDecisionsArmsAreIndentedOnce() {
    String text = "workflow W {\n  approval a by A   or B assign to m not by m,n\n"
        + "  step b by match k {\n      X -> A\n  else->B or C\n  } not by a.completedBy within 1d\n}\n";
    assertEquals("workflow W {\n  approval a by A or B assign to m not by m, n\n"
            + "  step b by match k {\n    X -> A\n    else -> B or C\n  } not by a.completedBy within 1d\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void aCollectingLoopIsLaidOutLikeAnyLoopAndItsYieldLikeAStatement() {
    String text = "workflow W {\n  let v:List<Text> =  for each r in rs   in parallel {\n"
        + "      step s by S.a(x:r)\n  yield   s+\"!\"\n}\n}\n";
    assertEquals("workflow W {\n  let v: List<Text> = for each r in rs in parallel {\n"
            + "    step s by S.a(x: r)\n    yield s + \"!\"\n  }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void aRetryThatWaitsForAnOperatorIsSpacedLikeWords() {
    String text = "system S {\n  action a()\n  retry 3 times   every 1m then  wait for\toperator\n}\n";
    assertEquals("system S {\n  action a()\n  retry 3 times every 1m then wait for operator\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void comparisonPatternsAreSpacedLikeOperators() {
    String text = "workflow W {\n  step b by match n {\n  <1000 -> A\n  >=  -5.5->B\n  else -> C\n  }\n}\n";
    assertEquals("workflow W {\n  step b by match n {\n    < 1000 -> A\n    >= -5.5 -> B\n    else -> C\n  }\n}\n",
        Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  @Test
  void lineBreaksBecomeLineFeeds() {
    String text = "role A\r\n\r\n\r\n\r\nrole B\rrole C";
    assertEquals("role A\n\nrole B\nrole C\n", Formatter.format(new SourceFile("a.flow", text)).text().orElseThrow());
  }

  private static CompilationUnit parse(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<CompilationUnit> unit = FlowParsing.parse(file, diagnostics);
    assertTrue(unit.isPresent(), () -> file.name() + ": " + diagnostics.sorted());
    return unit.get();
  }

  /** Every token and comment's text, in order (line breaks aside). */
  private static List<String> texts(SourceFile file) {
    return Layout.of(file, new Diagnostics()).orElseThrow().stream().map(Piece::text).toList();
  }

  /** A node as text, without its places: two trees with the same shape are the same parse. */
  static String shape(Object value) {
    if (value instanceof SourceSpan || value instanceof SourceFile) {
      return "";
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(shape(o));
      }
      return parts.toString();
    }
    if (value instanceof Optional<?> opt) {
      return opt.map(FormatterTest::shape).orElse("-");
    }
    if (value instanceof Record r) {
      StringBuilder out = new StringBuilder(r.getClass().getSimpleName()).append('(');
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          out.append(c.getName()).append('=').append(shape(c.getAccessor().invoke(r))).append(' ');
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException(e);
        }
      }
      return out.append(')').toString();
    }
    return String.valueOf(value);
  }
}
