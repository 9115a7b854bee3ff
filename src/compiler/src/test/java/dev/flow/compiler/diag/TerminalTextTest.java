package dev.flow.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diagnostics never echo a control character to a terminal: messages escape it, quoted lines show a picture. */
class TerminalTextTest {
  @Test
  void escapesControlsFormatsAndSeparators() {
    assertEquals("a\\u{1b}[31mb", TerminalText.escape("a\u001b[31mb"));
    assertEquals("\\u{202e}x\\u{0}\\u{85}\\u{2028}\\u{9}", TerminalText.escape("\u202ex\u0000\u0085\u2028\t"));
    assertEquals("plain é ✓", TerminalText.escape("plain é ✓"));
    assertEquals("a␛b\t�c␀", TerminalText.picture("a\u001bb\t\u202ec\u0000"));
  }

  @Test
  void aRenderedDiagnosticHoldsNoControlCharacterButLineBreaks() {
    String text = "package p\nrole Clerk\nworkflow W {\n  owner Clerk\n  notify Clerk \"\u001b[2J\u202e {nope}\"\n}\n";
    Compilation c = Compiler.check(List.of(new SourceFile("a\u001b.flow", text)));
    assertTrue(c.hasErrors());
    for (Diagnostic d : c.diagnostics()) {
      String rendered = DiagnosticRenderer.render(d);
      assertTrue(rendered.contains("a\\u{1b}.flow:5:"), rendered);
      assertTrue(rendered.contains("\"␛[2J� {nope}\""), rendered);
      assertFalse(rendered.codePoints().anyMatch(cp -> cp != '\n' && TerminalText.unsafe(cp)), rendered);
    }
  }

  @Test
  void colourPaintsOnlyWhenAsked() {
    Diagnostic d = Compiler.check(List.of(new SourceFile("a.flow", "role r\n"))).diagnostics().get(0);
    assertFalse(DiagnosticRenderer.render(d).contains("\u001b"));
    String painted = DiagnosticRenderer.render(d, true);
    assertTrue(painted.contains("\u001b[1;33mwarning[W001]\u001b[0m"), painted);
    assertEquals(DiagnosticRenderer.render(d), painted.replaceAll("\u001b\\[[0-9;]*m", ""));
  }
}
