package dev.flow.server;

import dev.flow.runtime.CaseMeasures;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.Trigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's measures computed from the real cases, as {@code flowc inspect} computes them
 * ({@link CaseMeasures} is the one definition both use).
 */
final class Measures {
  private Measures() {}

  /** What one measure came to. */
  record Result(ProcessDefinition.Measure measure, CaseMeasures.Figures figures) {}

  static List<Result> compute(ProcessDefinition process, EventLog log, Model model) {
    CaseMeasures cases = CaseMeasures.of(log, startsAfter(log, model));
    List<Result> results = new ArrayList<>();
    for (ProcessDefinition.Measure measure : process.measures()) {
      results.add(new Result(measure, cases.figures(measure.from(), measure.to(), measure.target())));
    }
    return results;
  }

  /** For each workflow the log has cases of, the workflows it starts after. */
  private static Map<String, List<String>> startsAfter(EventLog log, Model model) {
    Map<String, List<String>> after = new HashMap<>();
    for (dev.flow.runtime.LogCase c : log.cases()) {
      after.computeIfAbsent(c.workflow(), name -> {
        List<String> before = new ArrayList<>();
        model.workflow(name).ifPresent(w -> {
          for (Trigger<?> trigger : w.triggers()) {
            if (trigger instanceof Trigger.After<?, ?> a) {
              before.add(a.workflow());
            }
          }
        });
        return before;
      });
    }
    return after;
  }
}
