package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour on a terminal, never with NO_COLOR, as FLOWC_COLOR says. */
class TerminalTest {
  @TempDir Path dir;

  @Test
  void colourFollowsTheTerminalAndNoColor() {
    assertFalse(Terminal.colour(Map.of()));
    assertTrue(Terminal.colour(Map.of("FLOWC_STDERR_TTY", "1")));
    assertFalse(Terminal.colour(Map.of("FLOWC_STDERR_TTY", "1", "NO_COLOR", "1")));
    assertFalse(Terminal.colour(Map.of("FLOWC_STDERR_TTY", "1", "TERM", "dumb")));
    assertTrue(Terminal.colour(Map.of("FLOWC_COLOR", "always")));
    assertFalse(Terminal.colour(Map.of("FLOWC_COLOR", "always", "NO_COLOR", "x")));
    assertFalse(Terminal.colour(Map.of("FLOWC_STDERR_TTY", "1", "FLOWC_COLOR", "never")));
  }

  @Test
  void checkPaintsDiagnosticsOnlyOnATerminal() throws IOException {
    Path file = Files.writeString(dir.resolve("a.flow"), MainTest.SYNTAX_ERROR);
    MainTest.Result plain = MainTest.flowc(Map.of(), Commands.all(), "check", file.toString());
    assertFalse(plain.err().contains("\u001b"), plain.err());
    MainTest.Result painted = MainTest.flowc(Map.of("FLOWC_STDERR_TTY", "1"), Commands.all(), "check", file.toString());
    assertTrue(painted.err().contains("\u001b[1;31merror[E001]\u001b[0m"), painted.err());
  }
}
