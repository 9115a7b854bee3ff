package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.flow.cli.MainTest.Result;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.fuzz.HostileText;
import dev.flow.compiler.fuzz.RandomModels;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's differential test through the command line's JSON output: random valid models
 * ({@code fuzz.RandomModels}, hostile names and text), each also with a workflow of mistakes
 * that quote hostile names appended, in files whose names hold quotes, backslashes, control
 * characters and line separators, go through {@code flowc check --format json}. The output must
 * be one strict JSON document (Jackson, no trailing tokens, no duplicate keys) that the schema of
 * the report accepts ({@code flowc-json-report.schema.json}), and must say exactly what the
 * compiler reported: file, line, column, code and message of each diagnostic, byte for byte.
 * Runs for {@code -Dflow.json.seconds} (15 by default), at least 20 models.
 */
class JsonDifferentialTest {
  private static final int MIN_MODELS = 20;
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Pieces of file names: what JSON must escape, and text that breaks terminals and JavaScript. */
  private static final List<String> NAME_PIECES = List.of(
      "\"", "\\", "\t", "\n", "\u0001", "\u001B[31m", "\u007F", "'", "$", "{", "}", "%s", " ",
      "\u2028", "\u2029", "\u0085", "\u202E", "\uFEFF", "\uD83D\uDE00", "Grüße");

  @TempDir Path dir;

  static Schema reportSchema() throws IOException {
    try (InputStream in = JsonDifferentialTest.class.getClassLoader().getResourceAsStream("flowc-json-report.schema.json")) {
      assertNotNull(in, "the report's schema is on the test class path");
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  @Test
  void theJsonOfRandomModelsIsValidAndSaysWhatTheCompilerSaid() throws IOException {
    Schema schema = reportSchema();
    long seconds = Long.getLong("flow.json.seconds", 15);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CharsetEncoder fileNames = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder();
    List<String> failures = new ArrayList<>();
    int models = 0;
    int diagnostics = 0;
    for (long seed = 1; (System.nanoTime() < end || models < MIN_MODELS) && failures.size() < 5; seed++) {
      Random random = new Random(seed);
      String text = RandomModels.model(seed);
      if (seed % 2 == 0) {
        text += mistakes(random);
      }
      Path file = dir.resolve(fileName(random, fileNames, seed));
      Files.writeString(file, text);
      models++;
      Result r = MainTest.flowc("check", "--format", "json", "-q", file.toString());
      List<String> problems = new ArrayList<>();
      JsonNode report = null;
      try {
        report = STRICT.readTree(r.out());
      } catch (IOException e) {
        problems.add("not one JSON document: " + e.getMessage());
      }
      if (report != null) {
        List<Error> invalid = schema.validate(r.out(), InputFormat.JSON);
        invalid.forEach(e -> problems.add("schema: " + e));
        List<Diagnostic> expected = Compiler.check(List.of(SourceFile.read(file))).diagnostics();
        diagnostics += expected.size();
        compare(report, expected, file.toString(), problems);
      }
      if (!r.err().isEmpty()) {
        problems.add("stderr is not empty: " + r.err());
      }
      if (!problems.isEmpty()) {
        failures.add("seed " + seed + ", file " + visible(file.toString()) + ":\n  " + String.join("\n  ", problems)
            + "\n" + r.out());
      }
      Files.delete(file);
    }
    System.out.printf(Locale.ROOT, "json differential: %d models, %d diagnostics, %d failures%n",
        models, diagnostics, failures.size());
    assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
  }

  /** What the report must say: exactly the compiler's diagnostics, in its order. */
  private static void compare(JsonNode report, List<Diagnostic> expected, String file, List<String> problems) {
    JsonNode list = report.path("diagnostics");
    if (list.size() != expected.size()) {
      problems.add(list.size() + " diagnostics in the JSON, the compiler reported " + expected.size());
      return;
    }
    long errors = 0;
    for (int i = 0; i < expected.size(); i++) {
      Diagnostic d = expected.get(i);
      JsonNode node = list.get(i);
      errors += d.isError() ? 1 : 0;
      List<String> differences = new ArrayList<>();
      same(differences, "code", d.code().name(), node.path("code").asText());
      same(differences, "message", d.message(), node.path("message").asText());
      same(differences, "label", d.label(), node.path("label").asText());
      if (!d.span().isNone()) {
        same(differences, "file", file, node.path("file").asText());
        same(differences, "line", Integer.toString(d.span().line()), node.path("line").asText());
        same(differences, "column", Integer.toString(d.span().column()), node.path("column").asText());
      }
      same(differences, "help", d.help().orElse(null), node.path("help").isNull() ? null : node.path("help").asText());
      if (!differences.isEmpty()) {
        problems.add("diagnostic " + i + " (" + d.code() + "): " + String.join("; ", differences));
      }
    }
    if (report.path("errors").asLong() != errors || report.path("warnings").asLong() != expected.size() - errors) {
      problems.add("counts: " + report.path("errors") + " errors and " + report.path("warnings") + " warnings, expected "
          + errors + " and " + (expected.size() - errors));
    }
  }

  private static void same(List<String> differences, String what, String expected, String actual) {
    if (expected == null ? actual != null : !expected.equals(actual)) {
      differences.add(what + " is " + visible(String.valueOf(actual)) + ", not " + visible(String.valueOf(expected)));
    }
  }

  /**
   * A workflow of mistakes that quote hostile names and hold hostile text: an unknown role, a
   * type error, an unknown name in an interpolation.
   */
  private static String mistakes(Random random) {
    String role = HostileText.NAMES.get(random.nextInt(HostileText.NAMES.size())) + "Role";
    String name = HostileText.NAMES.get(random.nextInt(HostileText.NAMES.size())) + "X";
    String hostile = HostileText.flowString(HostileText.text(random) + HostileText.text(random));
    return "\nworkflow BrokenOnPurpose {\n  owner " + role + "\n  let count: Int = \"" + hostile + "\"\n"
        + "  notify " + role + " \"" + hostile + "{" + name + "}\"\n}\n";
  }

  /** A file name with hostile pieces that the file system can hold (no {@code /}, no NUL). */
  private static String fileName(Random random, CharsetEncoder encoder, long seed) {
    StringBuilder name = new StringBuilder("m").append(seed);
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String piece = NAME_PIECES.get(random.nextInt(NAME_PIECES.size()));
      if (encoder.canEncode(piece)) {
        name.append(piece);
      }
    }
    return name.append(".flow").toString();
  }

  private static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c >= 0x7F && c < 0xA0 || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
