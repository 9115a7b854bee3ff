package dev.flow.compiler.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.util.List;

/**
 * Coverage-guided fuzz tests (Jazzer) of the front end and the generators: no input may give
 * anything but diagnostics. {@code mvn verify} runs them in regression mode, on the inputs under
 * {@code src/test/resources/dev/flow/compiler/fuzz/FrontEndFuzzTestInputs/} and an empty one;
 * {@code .ci/fuzz} runs each for a bounded time with {@code JAZZER_FUZZ=1}, which adds what it
 * finds there.
 */
class FrontEndFuzzTest {
  /** Any text: parse, check, and (when it has no error) generate Java, diagrams and docs. */
  @FuzzTest(maxDuration = "2m")
  void anyText(FuzzedDataProvider data) {
    process(data.consumeRemainingAsString());
  }

  /**
   * A random valid model (the differential test's generator) with fuzzed text in a doc comment,
   * a string and a name: the generators see hostile text in every kind of slot.
   */
  @FuzzTest(maxDuration = "2m")
  void hostileTextInAValidModel(FuzzedDataProvider data) {
    long seed = data.consumeLong();
    String doc = HostileText.docLine(data.consumeString(200));
    String literal = HostileText.flowString(data.consumeString(200));
    String name = identifier(data.consumeAsciiString(30));
    String model = RandomModels.model(seed)
        + "/// " + doc + "\n"
        + "workflow " + name + " {\n  owner " + firstRole(RandomModels.model(seed)) + "\n"
        + "  notify \"" + literal + "\" \"" + literal + "{1}\"\n}\n";
    process(model);
  }

  private static String identifier(String raw) {
    StringBuilder out = new StringBuilder("w");
    for (char c : raw.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128 || c == '_') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String firstRole(String model) {
    for (String line : model.split("\n")) {
      if (line.startsWith("role ")) {
        return line.substring(5).split(" ")[0];
      }
    }
    return "Nobody";
  }

  private static void process(String text) {
    Compilation c = Compiler.compile(List.of(new SourceFile("fuzz.flow", text)), Compiler.Mode.GENERATE);
    DiagnosticRenderer.renderAll(c.diagnostics());
    c.model().ifPresent(model -> {
      if (!c.hasErrors()) {
        JavaGenerator.generate(model);
        Diagrams.files(model);
        Docs.files(model);
      }
    });
  }
}
