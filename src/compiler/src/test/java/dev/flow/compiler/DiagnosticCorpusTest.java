package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagnostics as data: each {@code name.flow} beside {@code name.errors} (or a folder of
 * {@code .flow} files with {@code expected.errors}) lists every diagnostic the compiler must
 * report, as {@code CODE [file:]line:col [message prefix]}. A case fails on a missing
 * diagnostic and on an unexpected one.
 */
class DiagnosticCorpusTest {
  static final Path ROOT = Path.of("src/test/resources/diagnostics");
  private static final Pattern LINE =
      Pattern.compile("([EW]\\d{3})\\s+(?:([^\\s:]+\\.flow):)?(\\d+):(\\d+)(?:\\s+(.*))?");

  record Expected(String code, String file, int line, int column, String prefix) {
    boolean matches(Diagnostic d) {
      return d.code().name().equals(code)
          && (file == null || Path.of(d.span().fileName()).getFileName().toString().equals(file))
          && d.span().line() == line
          && d.span().column() == column
          && (prefix.isEmpty() || d.message().startsWith(prefix));
    }

    @Override
    public String toString() {
      return code + " " + (file == null ? "" : file + ":") + line + ":" + column + (prefix.isEmpty() ? "" : " " + prefix);
    }
  }

  record Case(String name, List<Path> sources, Path errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> entries = Files.list(ROOT)) {
      for (Path p : entries.sorted().toList()) {
        String fileName = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.list(p)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".flow")).sorted().toList();
            cases.add(new Case(fileName, sources, p.resolve("expected.errors")));
          }
        } else if (fileName.endsWith(".flow")) {
          String base = fileName.substring(0, fileName.length() - ".flow".length());
          cases.add(new Case(base, List.of(p), ROOT.resolve(base + ".errors")));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void corpusIsNotEmpty() throws IOException {
    assertFalse(cases().toList().isEmpty(), "no cases under " + ROOT.toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedDiagnostics(Case c) throws IOException {
    if (!Files.exists(c.errors())) {
      fail("missing " + c.errors());
    }
    List<Expected> expected = new ArrayList<>();
    Compiler.Mode mode = Compiler.Mode.CHECK;
    for (String raw : Files.readAllLines(c.errors())) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (line.replace(" ", "").equalsIgnoreCase("#mode:compile")) {
          mode = Compiler.Mode.GENERATE;
        }
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        fail(c.errors() + ": cannot read line `" + raw + "`");
      }
      expected.add(new Expected(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), m.group(5) == null ? "" : m.group(5).strip()));
    }
    List<SourceFile> files = new ArrayList<>();
    for (Path p : c.sources()) {
      files.add(new SourceFile(p.getFileName().toString(), Files.readString(p)));
    }
    List<Diagnostic> actual = new ArrayList<>(Compiler.compile(files, mode).diagnostics());

    List<Expected> missing = new ArrayList<>();
    for (Expected e : expected) {
      Diagnostic match = actual.stream().filter(e::matches).findFirst().orElse(null);
      if (match == null) {
        missing.add(e);
      } else {
        actual.remove(match);
      }
    }
    if (!missing.isEmpty() || !actual.isEmpty()) {
      StringBuilder msg = new StringBuilder(c.name()).append(":\n");
      for (Expected e : missing) {
        msg.append("  missing:    ").append(e).append('\n');
      }
      for (Diagnostic d : actual) {
        msg.append("  unexpected: ").append(DiagnosticRenderer.header(d)).append('\n');
      }
      fail(msg.toString());
    }
  }
}
