package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/inspect.md's walk-through: every {@code $ ./flowc …} command in a {@code console} block is
 * run, and its output must be exactly what the page shows under it (so the figures in the page are
 * the figures the commands give). Paths are the repository's; files the commands write go to a
 * temporary directory.
 */
class SimulateDocTest {
  private static final Path ROOT = Path.of("../..");
  private static final Path PAGE = ROOT.resolve("docs/inspect.md");

  @TempDir
  Path dir;

  private record Example(List<String> args, String output) {}

  private static List<Example> examples() throws IOException {
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```console")) {
        continue;
      }
      String command = lines.get(++i);
      assertTrue(command.startsWith("$ ./flowc "), "a console block starts with `$ ./flowc …`: " + command);
      StringBuilder output = new StringBuilder();
      while (!lines.get(++i).equals("```")) {
        output.append(lines.get(i)).append('\n');
      }
      examples.add(new Example(List.of(command.substring("$ ./flowc ".length()).split(" ")), output.toString()));
    }
    return examples;
  }

  @Test
  void theWalkThroughShowsWhatItsCommandsPrint() throws IOException {
    List<Example> examples = examples();
    assertEquals(3, examples.size(), "simulate, inspect, and simulate --what-if");
    for (Example example : examples) {
      Map<String, String> mapped = new LinkedHashMap<>();
      List<String> args = new ArrayList<>();
      String previous = "";
      for (String arg : example.args()) {
        String actual = arg;
        if (previous.equals("--log") && !Files.exists(ROOT.resolve(arg)) || previous.equals("-o")) {
          actual = dir.resolve(arg).toString();
        } else if (!arg.startsWith("-") && Files.exists(ROOT.resolve(arg))) {
          actual = ROOT.resolve(arg).toString();
        } else if (previous.equals("--log") && Files.exists(dir.resolve(arg))) {
          actual = dir.resolve(arg).toString();
        }
        if (previous.equals("--log") && !actual.equals(arg)) {
          mapped.put(actual, arg);
        }
        args.add(actual);
        previous = arg;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
          Commands.withHelp(List.of(new RunCommand(new ByteArrayInputStream(new byte[0]), false), new InspectCommand(),
              new SimulateCommand())));
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      String printed = out.toString(StandardCharsets.UTF_8);
      for (Map.Entry<String, String> path : mapped.entrySet()) {
        printed = printed.replace(path.getKey(), path.getValue());
      }
      assertEquals(example.output(), printed, "the output of `flowc " + String.join(" ", example.args())
          + "` differs from docs/inspect.md: run it from the repository's root and paste what it prints");
    }
  }
}
