package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc} run in-process: exit codes, what goes to stdout and stderr. */
class MainTest {
  /** A file that parses and should check without a diagnostic. */
  static final String CLEAN = "package com.acme.test\n";
  /** A file with one syntax error (E001) at 3:10. */
  static final String SYNTAX_ERROR = "package com.acme.test\n\nworkflow {\n}\n";
  /** A file that parses and checks with warnings but no error (a role not in UpperCamelCase, W001). */
  static final String WARNING = "package com.acme.test\n\nrole clerk\n";

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {}

  static Result flowc(String... args) {
    return flowc(Map.of(), Commands.all(), args);
  }

  static Result flowc(Map<String, String> env, List<Command> commands, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        commands);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  @Nested
  class Help {
    @Test
    void helpListsTheImplementedCommandsOnly() {
      for (String spelling : new String[] {"help", "--help", "-h"}) {
        Result r = flowc(spelling);
        assertEquals(0, r.exit(), spelling);
        assertTrue(r.out().contains("usage: flowc <command>"), r.out());
        assertTrue(r.out().contains("  check "), r.out());
        assertTrue(r.out().contains("  help "), r.out());
        assertTrue(r.out().contains("--version"), r.out());
        for (String planned : Commands.PLANNED) {
          assertFalse(r.out().contains("  " + planned + " "), planned + " is not implemented yet:\n" + r.out());
        }
        assertEquals("", r.err());
      }
    }

    @Test
    void commandHelpShowsItsOptions() {
      Result viaOption = flowc("check", "--help");
      assertEquals(0, viaOption.exit());
      assertTrue(viaOption.out().startsWith("usage: flowc check [options] [FILES|DIRS...]"), viaOption.out());
      for (String option : List.of("--format <text|json|sarif|github>", "--warnings-as-errors", "-q, --quiet", "-h, --help")) {
        assertTrue(viaOption.out().contains(option), option + " in\n" + viaOption.out());
      }
      assertEquals(viaOption, flowc("check", "-h"));
      assertEquals(viaOption, flowc("help", "check"));
      assertEquals(viaOption, flowc("--help", "check"));
    }

    @Test
    void helpLinesFitEightyColumnsWithoutTrailingSpaces() {
      for (String text : List.of(flowc("help").out(), flowc("check", "--help").out())) {
        for (String line : text.split("\n")) {
          assertTrue(line.length() <= HelpText.WIDTH, line);
          assertFalse(line.endsWith(" "), "trailing space: [" + line + "]");
        }
      }
    }

    @Test
    void versionIsPrinted() {
      Result r = flowc("--version");
      assertEquals(0, r.exit());
      assertTrue(r.out().matches("flowc \\S+\n"), r.out());
      assertFalse(r.out().contains("unknown"), "the build fills in the version: " + r.out());
    }

    @Test
    void noArgumentsShowsHelpOnStderrAndFails() {
      Result r = flowc();
      assertEquals(2, r.exit());
      assertEquals("", r.out());
      assertTrue(r.err().contains("usage: flowc <command>"), r.err());
    }
  }

  @Nested
  class BadUsage {
    @Test
    void unknownCommandSuggestsACloseOne() {
      Result r = flowc("chek", "x.flow");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: unknown command `chek`: did you mean `check`?\n"), r.err());
      assertTrue(r.err().contains("flowc help"), r.err());
      assertEquals("", r.out());
    }

    @Test
    void unknownCommandFarFromAnyHasNoSuggestion() {
      Result r = flowc("frobnicate");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: unknown command `frobnicate`\n"), r.err());
    }

    @Test
    void plannedCommandSaysItIsNotThereYet() {
      assertTrue(Commands.PLANNED.isEmpty(), "every command DESIGN.md plans is there");
      Result r = flowc("fmt", "--help");
      assertEquals(0, r.exit());
      assertTrue(r.out().contains("usage: flowc fmt"), r.out());
    }

    @Test
    void unknownOptionSuggestsACloseOne() {
      Result r = flowc("check", "--warning-as-errors", "x.flow");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith(
          "flowc: unknown option `--warning-as-errors` for `flowc check`: did you mean `--warnings-as-errors`?\n"),
          r.err());
      assertTrue(r.err().contains("flowc check --help"), r.err());
    }

    @Test
    void unknownGlobalOption() {
      Result r = flowc("--verison");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: unknown option `--verison` for `flowc`: did you mean `--version`?"), r.err());
    }

    @Test
    void partialOptionNamesAreNotGuessed() {
      assertEquals(2, flowc("check", "--warn", "x.flow").exit());
    }

    @Test
    void optionWithoutItsValue() {
      Result r = flowc("check", "x.flow", "--format");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: option `--format <text|json|sarif|github>` needs a value\n"), r.err());
    }

    @Test
    void unknownFormat() throws IOException {
      Result r = flowc("check", "--format", "xml", write("a.flow", CLEAN).toString());
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: unknown format `xml`: --format is text, json, sarif or github\n"), r.err());
    }

    @Test
    void checkWithoutFilesChecksTheCurrentDirectory() {
      // The tests run in src/cli, which holds no .flow file.
      Result r = flowc("check");
      assertEquals(2, r.exit());
      assertEquals("flowc: no .flow files in directory: .\n", r.err());
    }

    @Test
    void missingFileIsNamed() throws IOException {
      Path good = write("good.flow", SYNTAX_ERROR);
      String missing = dir.resolve("missing.flow").toString();
      Result r = flowc("check", good.toString(), missing);
      assertEquals(2, r.exit());
      assertEquals("flowc: no such file or directory: " + missing + "\n", r.err());
      assertEquals("", r.out());
    }

    @Test
    void everyBadPathIsNamedInOneRun() {
      String a = dir.resolve("a.flow").toString();
      String b = dir.resolve("b").toString();
      Result r = flowc("check", a, b);
      assertEquals(2, r.exit());
      assertEquals(
          "flowc: no such file or directory: " + a + "\nflowc: no such file or directory: " + b + "\n", r.err());
    }

    @Test
    void fileThatIsNotUtf8() throws IOException {
      Path file = dir.resolve("latin1.flow");
      Files.write(file, "role Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
      Result r = flowc("check", file.toString());
      assertEquals(2, r.exit());
      assertEquals("flowc: not a UTF-8 text file: " + file + "\n", r.err());
    }

    @Test
    void directoryWithoutFlowFiles() throws IOException {
      write("notes/readme.txt", "nothing");
      String notes = dir.resolve("notes").toString();
      Result r = flowc("check", notes);
      assertEquals(2, r.exit());
      assertEquals("flowc: no .flow files in directory: " + notes + "\n", r.err());
    }
  }

  @Nested
  class Check {
    @Test
    void syntaxErrorExitsWithOneAndIsPrintedAsText() throws IOException {
      Path file = write("bad.flow", SYNTAX_ERROR);
      Result r = flowc("check", file.toString());
      assertEquals(1, r.exit());
      assertEquals("", r.out());
      assertTrue(r.err().startsWith(file + ":3:10: error[E001]: "), r.err());
      assertTrue(r.err().contains("3 | workflow {\n"), r.err());
      assertTrue(r.err().endsWith("\n\nchecked 1 file: 1 error\n"), r.err());
    }

    @Test
    void quietDropsTheSummaryButNotTheDiagnostics() throws IOException {
      Path file = write("bad.flow", SYNTAX_ERROR);
      Result r = flowc("check", "--quiet", file.toString());
      assertEquals(1, r.exit());
      assertTrue(r.err().contains("error[E001]"), r.err());
      assertFalse(r.err().contains("checked"), r.err());
    }

    @Test
    void jsonGoesToStdoutWithEveryField() throws IOException {
      Path file = write("bad.flow", SYNTAX_ERROR);
      Result r = flowc("check", "--format", "json", file.toString());
      assertEquals(1, r.exit());
      assertEquals("checked 1 file: 1 error\n", r.err(), "only the summary goes to stderr");
      JsonNode root = json(r.out());
      assertEquals(1, root.get("errors").asInt());
      assertEquals(0, root.get("warnings").asInt());
      JsonNode d = root.get("diagnostics").get(0);
      assertEquals(1, root.get("diagnostics").size());
      assertEquals(file.toString(), d.get("file").asText());
      assertEquals(3, d.get("line").asInt());
      assertEquals(10, d.get("column").asInt());
      assertEquals(3, d.get("endLine").asInt());
      assertEquals(11, d.get("endColumn").asInt());
      assertEquals("error", d.get("severity").asText());
      assertEquals("E001", d.get("code").asText());
      assertTrue(d.get("message").asText().startsWith("expected a workflow name"), d.toString());
      assertTrue(d.get("label").isTextual());
      assertTrue(d.get("notes").isArray());
      assertTrue(d.has("help"));
    }

    @Test
    void jsonWithQuietPrintsNothingOnStderr() throws IOException {
      Result r = flowc("check", "--format=json", "-q", write("bad.flow", SYNTAX_ERROR).toString());
      assertEquals(1, r.exit());
      assertEquals("", r.err());
      assertEquals(1, json(r.out()).get("errors").asInt());
    }

    @Test
    void directoriesAreSearchedRecursivelyInSortedOrderSkippingBuildAndHiddenFolders() throws IOException {
      write("b/second.flow", SYNTAX_ERROR);
      write("a/deep/first.flow", SYNTAX_ERROR);
      write("a/notes.txt", SYNTAX_ERROR);
      write(".hidden/skipped.flow", SYNTAX_ERROR);
      write("a/target/skipped.flow", SYNTAX_ERROR);
      write("node_modules/skipped.flow", SYNTAX_ERROR);
      write("a/.skipped.flow", SYNTAX_ERROR);
      Result r = flowc("check", "--format", "json", dir.toString());
      assertEquals(1, r.exit());
      List<String> files = new ArrayList<>();
      json(r.out()).get("diagnostics").forEach(d -> files.add(d.get("file").asText()));
      assertEquals(
          List.of(dir.resolve("a/deep/first.flow").toString(), dir.resolve("b/second.flow").toString()), files);
      assertEquals("checked 2 files: 2 errors\n", r.err());
    }

    @Test
    void aFileNamedTwiceIsCheckedOnce() throws IOException {
      Path file = write("sub/bad.flow", SYNTAX_ERROR);
      Result r = flowc("check", file.toString(), dir.toString(), dir.resolve("sub/../sub/bad.flow").toString());
      assertEquals(1, r.exit());
      assertEquals("checked 1 file: 1 error\n", r.err().substring(r.err().lastIndexOf("checked")));
    }

    @Test
    void aNamedHiddenDirectoryIsSearched() throws IOException {
      write(".flows/bad.flow", SYNTAX_ERROR);
      Result r = flowc("check", dir.resolve(".flows").toString());
      assertEquals(1, r.exit());
    }

    @Test
    void cleanFileExitsWithZero() throws IOException {
      Result r = flowc("check", write("clean.flow", CLEAN).toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals("checked 1 file: no problems\n", r.err());
      assertEquals("", r.out());
    }

    @Test
    void quietCleanRunPrintsNothing() throws IOException {
      Result r = flowc("check", "-q", write("clean.flow", CLEAN).toString());
      assertEquals(new Result(0, "", ""), r);
    }

    @Test
    void cleanJson() throws IOException {
      Result r = flowc("check", "--format", "json", write("clean.flow", CLEAN).toString());
      assertEquals(0, r.exit(), r.err());
      JsonNode root = json(r.out());
      assertEquals(0, root.get("diagnostics").size());
      assertEquals(0, root.get("errors").asInt());
      assertEquals(0, root.get("warnings").asInt());
    }

    @Test
    void warningsPassUnlessWarningsAsErrors() throws IOException {
      String file = write("warning.flow", WARNING).toString();
      Result lenient = flowc("check", "--format", "json", file);
      assertEquals(0, lenient.exit(), lenient.err());
      JsonNode root = json(lenient.out());
      assertEquals(0, root.get("errors").asInt());
      assertTrue(root.get("warnings").asInt() > 0, lenient.out());
      assertEquals("warning", root.get("diagnostics").get(0).get("severity").asText());

      Result strict = flowc("check", "--warnings-as-errors", file);
      assertEquals(1, strict.exit());
      assertTrue(strict.err().contains("warning["), strict.err());
      assertTrue(strict.err().contains("(failing because of --warnings-as-errors)"), strict.err());
    }
  }

  @Nested
  class InternalError {
    /** A command with a bug. */
    static final class Broken implements Command {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public String summary() {
        return "fails";
      }

      @Override
      public String usage() {
        return "flowc broken";
      }

      @Override
      public String description() {
        return "Fails.";
      }

      @Override
      public Options options() {
        return new Options();
      }

      @Override
      public int run(CommandLine line, Terminal terminal) {
        throw new IllegalStateException("boom");
      }
    }

    @Test
    void bugIsReportedWithoutAStackTrace() {
      Result r = flowc(Map.of(), Commands.withHelp(List.of(new Broken())), "broken");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: internal error: boom\nplease report this"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      assertTrue(r.err().contains("FLOWC_DEBUG=1"), r.err());
    }

    @Test
    void debugShowsTheStackTrace() {
      Result r = flowc(Map.of("FLOWC_DEBUG", "1"), Commands.withHelp(List.of(new Broken())), "broken");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("flowc: internal error: boom\n"), r.err());
      assertTrue(r.err().contains("java.lang.IllegalStateException: boom"), r.err());
      assertTrue(r.err().contains("\tat dev.flow.cli.MainTest$InternalError$Broken.run"), r.err());
    }
  }
}
