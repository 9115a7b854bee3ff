package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of {@code flowc check} that do not need the compiler. */
class CheckCommandTest {
  private static final SourceFile FILE = new SourceFile("a.flow", "role x\n");
  private static final Diagnostic ERROR = Diagnostic.of(Code.E100, FILE.span(5, 6), "unknown name");
  private static final Diagnostic WARNING = Diagnostic.of(Code.W001, FILE.span(5, 6), "naming convention");

  @Test
  void exitCodes() {
    assertEquals(0, CheckCommand.exitCode(0, 0, false));
    assertEquals(0, CheckCommand.exitCode(0, 3, false));
    assertEquals(1, CheckCommand.exitCode(0, 3, true));
    assertEquals(0, CheckCommand.exitCode(0, 0, true));
    assertEquals(1, CheckCommand.exitCode(2, 0, false));
    assertEquals(1, CheckCommand.exitCode(2, 1, true));
  }

  @Test
  void summaries() {
    assertEquals("checked 12 files: no problems", CheckCommand.summary(12, List.of(), false));
    assertEquals("checked 1 file: 1 error, 1 warning", CheckCommand.summary(1, List.of(ERROR, WARNING), false));
    assertEquals(
        "checked 2 files: 1 warning (failing because of --warnings-as-errors)",
        CheckCommand.summary(2, List.of(WARNING), true));
  }
}
