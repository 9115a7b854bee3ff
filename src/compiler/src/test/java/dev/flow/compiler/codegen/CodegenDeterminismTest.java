package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The same model gives byte-identical Java, run after run. */
class CodegenDeterminismTest {
  @Test
  void generatingTwiceGivesTheSameSources() throws IOException {
    var files = FlowModels.flowFiles(FlowModels.EXAMPLES);
    SortedMap<String, String> first = GeneratedCode.generateFrom(files);
    SortedMap<String, String> second = GeneratedCode.generateFrom(files);
    assertEquals(first, second);
  }

  @Test
  void theOrderOfPackagesInTheInputDoesNotChangeAPackagesFiles() throws IOException {
    var onboarding = FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("onboarding"));
    var sales = FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("sales"));
    var together = new java.util.ArrayList<>(sales);
    together.addAll(onboarding);
    SortedMap<String, String> alone = GeneratedCode.generateFrom(onboarding);
    SortedMap<String, String> mixed = GeneratedCode.generateFrom(together);
    for (var e : alone.entrySet()) {
      assertEquals(e.getValue(), mixed.get(e.getKey()), e.getKey());
    }
  }
}
