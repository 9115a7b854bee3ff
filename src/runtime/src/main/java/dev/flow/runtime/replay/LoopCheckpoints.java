package dev.flow.runtime.replay;

import dev.flow.runtime.NonDeterminismException;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.LoopCheckpoint;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.Recorded;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loop checkpoints (RUNTIME.md §6): what keeps a resume after an eviction or a restart from
 * growing with the rounds a loop has run. At the head of a round of a loop at the top of the
 * workflow ({@code repeat}, {@code for each}, {@code while}), once enough entries were written
 * since the last one, the run records a {@link LoopCheckpoint}: the round and the workflow
 * object's fields (its variables and step results, all of a run's state that the code keeps
 * between statements). A later replay that reaches the loop restores those fields and starts at
 * that round, without running the earlier rounds; so the engine reads only the entries up to the
 * loop and from the checkpoint on ({@code Store.lastCheckpoint}, {@link History#of(List, List)}).
 *
 * <p>A checkpoint is written only where leaving out the rounds before it loses nothing that a
 * replay or the engine needs: no branch around the loop, nothing of the earlier rounds still open
 * (task, timer, receive, child), no compensation registered and no notification or emitted event
 * unsent in them, no entry about anything but the loop's rounds since the loop began, no cancel
 * asked for. What those rounds built in the history beyond their steps (the kept events taken,
 * the signals kept, the critical sections held) the checkpoint carries ({@link #addState}).
 */
final class LoopCheckpoints {
  /** Entries written since the loop began or since its last checkpoint before the next one is written. */
  static final int EVERY = 100;

  /**
   * The names under which a checkpoint holds, besides the workflow's fields (no field's name
   * begins with {@code @}), what replaying the rounds it leaves out would rebuild in the history:
   * the kept events taken since a time, that time, the signals kept, the critical sections held.
   */
  static final String TAKEN = "@taken";
  static final String EVENTS_FROM = "@eventsFrom";
  static final String SIGNALS = "@signals";
  static final String EXCLUSIVE = "@exclusive";
  /** The state of a loop whose state is a value ({@code FlowContext.loop(initial, condition, round)}). */
  static final String STATE = "@state";

  /**
   * The state a checkpoint of a loop whose state is a value holds, read as {@code type}.
   *
   * @throws NonDeterminismException when it holds none (the loop was one that keeps its state in fields)
   */
  static Object state(LoopCheckpoint checkpoint, Class<?> type, String instanceId) {
    int at = checkpoint.names().indexOf(STATE);
    if (at < 0) {
      throw new NonDeterminismException("instance " + instanceId + " no longer matches its history: its loop "
          + "checkpoint holds the workflow's fields, not a loop state (was the workflow changed under a running "
          + "instance? give it a new version instead)");
    }
    return checkpoint.values().get(at).as(type);
  }

  private LoopCheckpoints() {}

  /**
   * A loop's latest checkpoint as folded into a history.
   *
   * @param entry the checkpoint
   * @param sequence its sequence
   * @param sequencedBefore how many step occurrences the history had sequenced before it
   */
  record Mark(LoopCheckpoint entry, long sequence, int sequencedBefore) {}

  /** The state fields of a workflow class: every instance field, by name; {@code null} when they cannot be reached. */
  private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
    @Override
    protected Map<String, Field> computeValue(Class<?> type) {
      Map<String, Field> fields = new LinkedHashMap<>();
      try {
        for (Field field : type.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
            field.setAccessible(true);
            fields.put(field.getName(), field);
          }
        }
      } catch (RuntimeException inaccessible) {
        // A class in a module that does not open its package: its loops are replayed in full.
        return null;
      }
      return fields;
    }
  };

  /** Whether the fields of this workflow object can be saved and restored. */
  static boolean supports(Object workflow) {
    return FIELDS.get(workflow.getClass()) != null;
  }

  /** The values of the workflow object's fields, as a checkpoint holds them. */
  static List<Payload> values(Object workflow, List<String> names) {
    Map<String, Field> fields = FIELDS.get(workflow.getClass());
    List<Payload> values = new ArrayList<>(names.size());
    try {
      for (String name : names) {
        values.add(Payload.of(fields.get(name).get(workflow)));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the fields of " + workflow.getClass().getName(), e);
    }
    return values;
  }

  /** The names of the workflow object's fields. */
  static List<String> names(Object workflow) {
    return List.copyOf(FIELDS.get(workflow.getClass()).keySet());
  }

  /**
   * Sets the workflow object's fields to a checkpoint's values.
   *
   * @throws NonDeterminismException when the checkpoint names a field the class does not have
   */
  static void restore(Object workflow, LoopCheckpoint checkpoint, String instanceId) {
    Map<String, Field> fields = FIELDS.get(workflow.getClass());
    for (int i = 0; i < checkpoint.names().size(); i++) {
      String name = checkpoint.names().get(i);
      if (name.startsWith("@")) {
        continue; // the history's state (see TAKEN), restored when the history was read
      }
      Field field = fields.get(name);
      if (field == null) {
        throw new NonDeterminismException("instance " + instanceId + " no longer matches its history: its loop "
            + "checkpoint holds `" + name + "`, which the workflow no longer has (was the workflow changed under a running "
            + "instance? give it a new version instead)");
      }
      try {
        field.set(workflow, checkpoint.values().get(i).as(field.getGenericType()));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot set the fields of " + workflow.getClass().getName(), e);
      }
    }
  }

  /**
   * Adds to a checkpoint's names and values the history's state that replaying the rounds it leaves
   * out would rebuild: the kept events taken in the last {@code retention} (an event published
   * before that is not taken any more by this instance, so older ones need not be carried, and what
   * a checkpoint holds does not grow with the rounds), the signals kept, the sections held.
   */
  static void addState(History history, java.time.Instant now, java.time.Duration retention, List<String> names,
      List<Payload> values) {
    java.time.Instant from = now.minus(retention);
    StringBuilder taken = new StringBuilder();
    history.takenSince(from).forEach((sequence, at) ->
        taken.append(taken.length() == 0 ? "" : ",").append(sequence).append(':').append(at.toEpochMilli()));
    names.add(TAKEN);
    values.add(Payload.of(taken.toString()));
    names.add(EVENTS_FROM);
    values.add(Payload.of(from.toString()));
    names.add(SIGNALS);
    values.add(Payload.of(lines(history.signalsKept())));
    names.add(EXCLUSIVE);
    values.add(Payload.of(lines(history.exclusiveHolders())));
  }

  private static String lines(Map<String, ?> map) {
    StringBuilder text = new StringBuilder();
    map.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private static Map<String, String> lines(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return map;
  }

  /**
   * Sets a history read from a checkpoint to the state the checkpoint holds (see
   * {@link #addState}); a checkpoint written before it held any leaves the history as read.
   */
  static void restore(History history, LoopCheckpoint checkpoint) {
    Map<String, String> state = new LinkedHashMap<>();
    for (int i = 0; i < checkpoint.names().size(); i++) {
      String name = checkpoint.names().get(i);
      if (name.startsWith("@") && !name.equals(STATE)) {
        state.put(name, checkpoint.values().get(i).as(String.class));
      }
    }
    if (!state.containsKey(EVENTS_FROM)) {
      return;
    }
    Map<Long, java.time.Instant> taken = new LinkedHashMap<>();
    for (String one : state.getOrDefault(TAKEN, "").split(",")) {
      int colon = one.indexOf(':');
      if (colon > 0) {
        taken.put(Long.parseLong(one.substring(0, colon)),
            java.time.Instant.ofEpochMilli(Long.parseLong(one.substring(colon + 1))));
      }
    }
    Map<String, Integer> signals = new LinkedHashMap<>();
    lines(state.getOrDefault(SIGNALS, "")).forEach((name, count) -> signals.put(name, Integer.parseInt(count)));
    history.restoreState(java.time.Instant.parse(state.get(EVENTS_FROM)), taken, signals,
        lines(state.getOrDefault(EXCLUSIVE, "")));
  }

  /**
   * Whether the entries after {@code bound} leave out nothing but the loop's own finished rounds.
   *
   * @param roundPrefix how the loop's round scopes begin ({@code while[}, {@code repeat[}, {@code item[})
   * @return {@code null} when they do; else whether what is in the way may go away later (an open
   *     task, an unsent notification) rather than stay (an entry about something else, a compensation)
   */
  static Boolean blocked(History history, long bound, String roundPrefix) {
    if (history.cancelReason() != null) {
      return Boolean.FALSE;
    }
    for (String open : history.open()) {
      if (open.startsWith(roundPrefix)) {
        return Boolean.TRUE;
      }
    }
    List<Recorded> entries = history.entries();
    for (int i = entries.size() - 1; i >= 0 && entries.get(i).sequence() > bound; i--) {
      HistoryEntry entry = entries.get(i).entry();
      if (entry instanceof LoopCheckpoint) {
        continue;
      }
      if (!entry.stepId().startsWith(roundPrefix) || entry instanceof HistoryEntry.CompensationRegistered) {
        return Boolean.FALSE;
      }
      if (entry instanceof HistoryEntry.NotifyRequested request && !history.step(request.stepId()).notified()) {
        return Boolean.TRUE;
      }
      if (entry instanceof HistoryEntry.EventEmitted emitted && !history.step(emitted.stepId()).published()) {
        return Boolean.TRUE; // a restart publishes what the history it reads shows unpublished
      }
    }
    return null;
  }
}
