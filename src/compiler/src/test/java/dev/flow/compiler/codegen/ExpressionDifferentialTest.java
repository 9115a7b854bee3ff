package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The semantic differential of issue 18: random expressions ({@link EvaluatedExpressions}:
 * arithmetic, comparisons, text with interpolation and hostile characters, booleans, optionals,
 * lists, durations) are set as outputs of a workflow, compiled to Java, compiled in-process and
 * run ({@link FakeContext}); each output must read exactly what the reference evaluator worked out
 * from docs/language.md. A wrong precedence, associativity, widening, rounding or rendering in the
 * parser, the checker or the Java generator shows as a difference. Runs for a bounded time
 * ({@code -Dflow.semantic.seconds}, 20 by default, at least {@value #MIN_MODELS} models; seeds from
 * {@code -Dflow.semantic.seed}, 1 by default).
 */
class ExpressionDifferentialTest {
  private static final int PROBES = 80;
  private static final int MIN_MODELS = 4;

  /** One model: its Flow text and what each output {@code oN} must read. */
  record Probe(long seed, String flow, List<String> texts, List<String> expected) {}

  static Probe probe(long seed) {
    Random random = new Random(seed);
    EvaluatedExpressions expressions = new EvaluatedExpressions(random);
    StringBuilder flow = new StringBuilder("package test.semantic\n\nrole Clerk\n\nworkflow W {\n  owner Clerk\n");
    List<String> texts = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    List<EvaluatedExpressions.X> probes = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      probes.add(expressions.probe(2 + random.nextInt(3)));
      flow.append("  output o").append(i).append(": Text\n");
    }
    for (EvaluatedExpressions.Variable v : expressions.variables()) {
      flow.append("  let ").append(v.name()).append(": ").append(v.type()).append(" = ").append(v.init().text()).append('\n');
    }
    for (int i = 0; i < PROBES; i++) {
      EvaluatedExpressions.X x = probes.get(i);
      flow.append("  set o").append(i).append(" = ").append(x.text()).append('\n');
      texts.add(x.text());
      expected.add((String) x.value());
    }
    flow.append("}\n");
    return new Probe(seed, flow.toString(), texts, expected);
  }

  @Test
  void generatedJavaComputesWhatTheReferenceEvaluatorDoes() throws ReflectiveOperationException {
    long seconds = Long.getLong("flow.semantic.seconds", 20);
    long seed = Long.getLong("flow.semantic.seed", 1);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int models = 0;
    List<String> failures = new ArrayList<>();
    while ((System.nanoTime() < end || models < MIN_MODELS) && failures.size() < 10) {
      Probe p = probe(seed++);
      models++;
      Compilation c = Compiler.compile(List.of(new SourceFile("semantic.flow", p.flow())), Compiler.Mode.GENERATE);
      if (c.hasErrors() || c.model().isEmpty()) {
        failures.add("seed " + p.seed() + ": the checker rejects a model the reference accepts:\n"
            + DiagnosticRenderer.renderAll(c.diagnostics().stream().filter(Diagnostic::isError).toList()));
        continue;
      }
      SortedMap<String, String> java = new TreeMap<>(JavaGenerator.generate(c.model().get()));
      ClassLoader loader = GeneratedCode.compile(java);
      WorkflowDefinition<?, ?> workflow =
          (WorkflowDefinition<?, ?>) Class.forName("test.semantic.W", true, loader).getField("DEFINITION").get(null);
      Object outputs = new FakeContext(loader).run(workflow, Values.convert(Map.of(), workflow.inputType()));
      for (int i = 0; i < PROBES; i++) {
        Object actual = component(outputs, "o" + i);
        if (!p.expected().get(i).equals(actual)) {
          failures.add("seed " + p.seed() + ", o" + i + " = " + visible(p.texts().get(i))
              + "\n  expected: " + visible(p.expected().get(i)) + "\n  actual:   " + visible(String.valueOf(actual)));
        }
      }
    }
    System.out.printf(Locale.ROOT, "semantic differential: %d models, %d expressions, %d differences%n",
        models, models * PROBES, failures.size());
    assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
  }

  private static Object component(Object record, String name) throws ReflectiveOperationException {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getAccessor().invoke(record);
      }
    }
    throw new AssertionError(record + " has no " + name);
  }

  /** Text with its invisible characters as {@code \}{@code uXXXX}, for a readable failure. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c >= 0x7F && c < 0xA0 || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
