package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.format.Formatter;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code continue as new} through the compiler's outputs: the Mermaid chart ends the instance and
 * draws a dotted line back to the start, BPMN has a "Continue as new" end event with the input,
 * the docs' step table names it, and {@code flowc fmt} writes its words and {@code with (…)}
 * one way.
 */
class ContinueAsNewFormsTest {
  private static final Path MODEL = Path.of("src/test/resources/valid/continue_as_new.flow");

  private static SemanticModel model() throws IOException {
    Compilation compilation = Compiler.compile(List.of(SourceFile.read(MODEL)), Compiler.Mode.CHECK);
    assertEquals(List.of(), compilation.diagnostics());
    return compilation.model().orElseThrow();
  }

  @Test
  void mermaidEndsTheInstanceAndLoopsBackToTheStart() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("Continue as new"), all);
    assertTrue(all.contains("with new site and checked"), all);
    assertFalse(all.contains("checked + rounds"), "a reader's chart names the inputs, not their expressions: " + all);
    String detailed = String.join("\n",
        Diagrams.files(model(), new Diagrams.Options(false, Diagrams.Format.MERMAID, true)).values());
    assertTrue(detailed.contains("checked#58; checked + rounds"), "--detail shows the new values: " + detailed);
    // Monitor's chart without its data-only decision nearly fits a screen, so it stays whole (ChartSplit's near-fit
    // rule): both of its "continue as new" ends loop straight back to its start, and no part box stands between.
    assertTrue(all.contains("n6_continue -.->|\"starts over as a new instance\"| n0_start"), all);
    assertTrue(all.contains("n3_continue -.->|\"starts over as a new instance\"| n0_start"), all);
    assertFalse(all.contains("Back to the overview"), "Monitor is one chart: " + all);
    assertTrue(all.contains("n2_continue -.->|\"starts over as a new instance\"| n0_start"), "Heartbeat: " + all);
    assertTrue(all.contains("starts over as a new instance"), all);
  }

  @Test
  void bpmnHasAContinueAsNewEndEvent() throws IOException {
    String all = String.join("\n", Bpmn.files(model()).values());
    assertTrue(all.contains("name=\"Continue as new\""), all);
    assertTrue(all.contains("starts over as a new instance with site: site, checked: checked + rounds."), all);
  }

  @Test
  void theDocsNameIt() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("continues as new"), all);
    assertTrue(all.contains("starts the workflow over as a new instance with `site: site, checked: checked + rounds`"), all);
  }

  @Test
  void fmtWritesTheWordsAndTheInputOneWay() {
    String text = "package p\n\nrole R\n\nworkflow W {\n  owner R\n  input n: Int\n"
        + "  continue   as\n    new   with(n:n+1)\n}\n";
    Formatter.Result result = Formatter.format(new SourceFile("w.flow", text));
    String formatted = result.text().orElseThrow();
    assertTrue(formatted.contains("  continue as new with (n: n + 1)\n"), formatted);
    assertEquals(formatted, Formatter.format(new SourceFile("w.flow", formatted)).text().orElseThrow(), "stable");
  }
}
