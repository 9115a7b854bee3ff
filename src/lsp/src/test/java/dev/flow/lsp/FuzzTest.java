package dev.flow.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/**
 * Broken input is the normal case while typing. Every example file is cut short and mangled in
 * many ways, sent as full and as incremental changes, and after each change the server must keep
 * answering every kind of request, without a single failure in its log; at the end the original
 * texts are clean again.
 */
class FuzzTest {
  private static final String[] PIECES = {
      "{", "}", "(", ")", "step", "step x by ", "by", ".", ":", "\"", "\"{", "///", "/*", "\uD83D\uDE00", "\n", "if",
      "=", "->", "match", "parallel {", "branch", "1d", "2days", "\\", "Drive.", "order.", "input x: List<", "??", "none",
  };

  @Test
  void theServerKeepsAnsweringWhateverTheText() throws Exception {
    Path examples = Path.of("../../examples").toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(examples)) {
      files = walk.filter(p -> p.toString().endsWith(".flow")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    Random random = new Random(20_260_101L);
    int requests = 0;
    try (Connection lsp = Connection.start(examples)) {
      for (Path file : files) {
        String uri = file.toUri().toString();
        String original = Files.readString(file);
        lsp.open(uri, original);
        int version = 1;
        String text = original;
        for (int round = 0; round < 6; round++) {
          version++;
          if (round % 2 == 0) {
            text = mutate(original, random);
            lsp.replace(uri, version, text);
          } else {
            int start = random.nextInt(text.length() + 1);
            int end = Math.min(text.length(), start + random.nextInt(12));
            String piece = PIECES[random.nextInt(PIECES.length)];
            lsp.edit(uri, version, new Range(Texts.position(text, start), Texts.position(text, end)), piece);
            text = text.substring(0, start) + piece + text.substring(end);
          }
          for (int k = 0; k < 3; k++) {
            Position p = Texts.position(text, random.nextInt(text.length() + 1));
            lsp.hover(uri, p);
            lsp.definition(uri, p);
            lsp.references(uri, p, true);
            assertNotNull(lsp.completion(uri, p));
            requests += 4;
          }
          assertNotNull(lsp.symbols(uri));
          requests++;
        }
        version++;
        lsp.replace(uri, version, original);
        int last = version;
        lsp.diagnostics(uri, d -> d.getVersion() != null && d.getVersion() == last && d.getDiagnostics().isEmpty());
      }
      assertTrue(lsp.workspaceSymbols("Onboarding").size() > 0);
      String log = lsp.serverLog();
      assertFalse(log.contains(" failed"), () -> "a request or an analysis failed:\n" + log);
    }
    System.out.println("fuzz: " + files.size() + " files, " + requests + " requests, all answered");
  }

  /** The text cut short, with a range deleted, or with pieces of Flow inserted at random places. */
  private static String mutate(String text, Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return text.substring(0, random.nextInt(text.length() + 1));
      case 1: {
        int start = random.nextInt(text.length() + 1);
        int end = Math.min(text.length(), start + 1 + random.nextInt(80));
        return text.substring(0, start) + text.substring(end);
      }
      case 2: {
        StringBuilder s = new StringBuilder(text);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          s.insert(random.nextInt(s.length() + 1), PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
      }
      default: {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        lines.add(i, lines.get(random.nextInt(lines.size())));
        return String.join("\n", lines);
      }
    }
  }
}
