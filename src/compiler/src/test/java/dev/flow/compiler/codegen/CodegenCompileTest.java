package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every valid model, and all of {@code examples/} together, generates Java that compiles with
 * {@code -Xlint:all -Werror --release 17} against flow-runtime alone.
 */
class CodegenCompileTest {
  static List<FlowModels.Model> models() throws IOException {
    return FlowModels.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void generatedJavaCompiles(FlowModels.Model model) throws IOException {
    SortedMap<String, String> sources = GeneratedCode.generateFrom(model.sources());
    assertFalse(sources.isEmpty());
    GeneratedCode.compile(sources);
  }
}
