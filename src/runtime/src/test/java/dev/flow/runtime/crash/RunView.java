package dev.flow.runtime.crash;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.EncodedPayload;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished run of the crash test's workload, read from its journal: every instance under a name
 * that does not depend on ids or timing ({@code order o07} for an order,
 * {@code order o07 > ship} for the child its {@code ship} step called), and per instance its
 * committed outcomes as {@code stepOccurrence OutcomeType -> value}. Whatever does not fit (an
 * instance no order or call explains, two instances for one name, an outcome committed twice) is
 * a problem, in words.
 */
final class RunView {
  /** Instance id to name. */
  final Map<String, String> names = new HashMap<>();
  /** Name to instance id. */
  final Map<String, String> ids = new TreeMap<>();
  /** Name to history. */
  final Map<String, List<Recorded>> histories = new TreeMap<>();
  /** Name to outcomes: {@code "stepId Type" -> value}. */
  final Map<String, Map<String, String>> outcomes = new TreeMap<>();
  final List<String> problems = new ArrayList<>();
  private String rootWorkflow;
  private Function<Payload, String> rootName;

  static RunView read(Path journal) {
    return read(journal, OrderFlows.ORDER, input -> "order " + input.as(OrderFlows.OrderIn.class).order());
  }

  /**
   * A run whose root instances are those of {@code rootWorkflow}, each named by {@code rootName} from its input (the
   * instances their calls started are named after them).
   */
  static RunView read(Path journal, String rootWorkflow, Function<Payload, String> rootName) {
    try (JournalStore store = JournalStore.open(journal, JournalOptions.defaults().withFsync(false))) {
      return read(store, rootWorkflow, rootName);
    }
  }

  /** As {@link #read(Path, String, Function)}, from any store. */
  static RunView read(Store store, String rootWorkflow, Function<Payload, String> rootName) {
    RunView view = new RunView();
    view.rootWorkflow = rootWorkflow;
    view.rootName = rootName;
    Map<String, List<Recorded>> byId = new TreeMap<>();
    for (InstanceRow row : store.instances(new InstanceQuery(null, null, 0, Integer.MAX_VALUE))) {
      byId.put(row.id(), store.read(row.id()));
    }
    view.name(byId);
    return view;
  }

  private void name(Map<String, List<Recorded>> byId) {
    for (Map.Entry<String, List<Recorded>> instance : byId.entrySet()) {
      HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) instance.getValue().get(0).entry();
      if (started.workflow().equals(rootWorkflow)) {
        name(instance.getKey(), rootName.apply(started.input()));
      }
    }
    boolean more = true;
    while (more) {
      more = false;
      for (Map.Entry<String, List<Recorded>> instance : byId.entrySet()) {
        String parent = names.get(instance.getKey());
        if (parent == null) {
          continue;
        }
        for (Recorded recorded : instance.getValue()) {
          if (recorded.entry() instanceof HistoryEntry.ChildStarted child && !names.containsKey(child.childId())) {
            name(child.childId(), parent + " > " + child.stepId());
            more = true;
          }
        }
      }
    }
    for (Map.Entry<String, List<Recorded>> instance : byId.entrySet()) {
      String name = names.get(instance.getKey());
      if (name == null) {
        problems.add("instance " + instance.getKey() + " belongs to no order and no call: "
            + instance.getValue().get(0).entry());
        continue;
      }
      histories.put(name, instance.getValue());
      outcomes.put(name, outcomes(name, instance.getValue()));
    }
    // Ids depend on the order instances started in (timing): in values (a cancelled callee's "its caller Long-8 no
    // longer needs it"), each becomes its instance's name.
    for (Map<String, String> values : outcomes.values()) {
      values.replaceAll((key, value) -> withNames(value));
    }
  }

  private String withNames(String value) {
    String named = value;
    for (Map.Entry<String, String> id : names.entrySet()) {
      if (named.contains(id.getKey())) {
        named = named.replaceAll("(?<![\\w-])" + Pattern.quote(id.getKey()) + "(?![\\w-])",
            Matcher.quoteReplacement("<" + id.getValue() + ">"));
      }
    }
    return named;
  }

  private void name(String id, String name) {
    names.put(id, name);
    String other = ids.put(name, id);
    if (other != null) {
      problems.add(name + " has two instances: " + other + " and " + id);
    }
  }

  private Map<String, String> outcomes(String name, List<Recorded> history) {
    Map<String, String> found = new TreeMap<>();
    for (Recorded recorded : history) {
      String value = outcome(recorded.entry());
      if (value == null) {
        continue;
      }
      String key = recorded.entry().stepId() + " " + recorded.entry().getClass().getSimpleName();
      String before = found.put(key, value);
      if (before != null) {
        problems.add(name + ": " + key + " committed twice (" + before + "; then at sequence " + recorded.sequence()
            + ": " + value + ")");
      }
    }
    return found;
  }

  /** The value of an outcome entry, or {@code null} for an entry that is not an outcome. */
  static String outcome(HistoryEntry entry) {
    if (entry instanceof HistoryEntry.ActionCompleted e) {
      return text(e.result()) + " (attempt " + e.attempt() + ")";
    } else if (entry instanceof HistoryEntry.ActionFailed e) {
      return e.message();
    } else if (entry instanceof HistoryEntry.TaskCompleted e) {
      return text(e.form()) + " by " + e.by();
    } else if (entry instanceof HistoryEntry.TimerFired) {
      return "fired";
    } else if (entry instanceof HistoryEntry.EventReceived e) {
      return text(e.event());
    } else if (entry instanceof HistoryEntry.ChildEnded e) {
      return e.state() + " " + text(e.output()) + " " + e.message();
    } else if (entry instanceof HistoryEntry.FirstDecided e) {
      return e.winner();
    } else if (entry instanceof HistoryEntry.CompensationRegistered e) {
      List<String> arguments = new ArrayList<>();
      for (Payload argument : e.arguments()) {
        arguments.add(text(argument));
      }
      return e.system() + "." + e.action() + arguments;
    } else if (entry instanceof HistoryEntry.Compensated) {
      return "compensated";
    } else if (entry instanceof HistoryEntry.CompensationFailed e) {
      return e.message();
    } else if (entry instanceof HistoryEntry.InstanceEnded e) {
      return e.state() + " " + text(e.output()) + " " + e.failedStep() + " " + e.message();
    }
    return null;
  }

  private static String text(Payload payload) {
    if (payload.isNone()) {
      return "none";
    }
    return payload instanceof EncodedPayload encoded ? encoded.tree().toString() : String.valueOf(payload.value());
  }

  /** How an instance ended, or {@code "open"}. */
  String end(String name) {
    for (Map.Entry<String, String> outcome : outcomes.getOrDefault(name, Map.of()).entrySet()) {
      if (outcome.getKey().equals(" InstanceEnded")) {
        return outcome.getValue();
      }
    }
    return "open";
  }

  /** The step occurrence of an instance whose action (or whose compensation) a call served, or {@code null}. */
  String occurrence(String name, CallLog.Call call) {
    String first = null;
    for (Recorded recorded : histories.getOrDefault(name, List.of())) {
      String stepId = null;
      if (call.undoes() && recorded.entry() instanceof HistoryEntry.CompensationRegistered e
          && e.step().equals(call.step())) {
        stepId = e.stepId();
      }
      if (!call.undoes() && recorded.entry() instanceof HistoryEntry.ActionScheduled e && e.step().equals(call.step())) {
        stepId = e.stepId();
      }
      if (stepId == null) {
        continue;
      }
      // A step with several occurrences (in a loop or a for each): the one whose key the call carried.
      if (call.key().endsWith("/" + stepId) || call.key().endsWith("/compensate:" + stepId)) {
        return stepId;
      }
      first = first == null ? stepId : first;
    }
    return first;
  }

  /** Whether the history shows the call as scheduled before it was made: its attempt, or its compensation. */
  boolean scheduled(String name, String stepId, CallLog.Call call) {
    for (Recorded recorded : histories.getOrDefault(name, List.of())) {
      if (call.undoes() && recorded.entry() instanceof HistoryEntry.CompensationScheduled e
          && e.stepId().equals(stepId)) {
        return true;
      }
      if (!call.undoes() && recorded.entry() instanceof HistoryEntry.ActionScheduled e && e.stepId().equals(stepId)
          && e.attempt() == call.attempt()) {
        return true;
      }
    }
    return false;
  }

  /** A short account of an instance that did not end: its last entries. */
  String tail(String name) {
    List<Recorded> history = histories.getOrDefault(name, List.of());
    List<String> last = new ArrayList<>();
    for (Recorded recorded : history.subList(Math.max(0, history.size() - 4), history.size())) {
      last.add(recorded.sequence() + " " + recorded.entry());
    }
    return String.join("; ", last);
  }
}
