package dev.flow.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import dev.flow.runtime.ActionContext;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Incident;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random workflows run on the engine (issue 10): each model of {@link RuntimeModels} is compiled
 * in-process and run twice by one deterministic driver, (a) on the memory store straight through and
 * (b) on the file journal with the engine closed and recovered every k-th driver step (k from the
 * seed, 1 to 5). The driver starts instances, completes open tasks with values from the seed,
 * publishes the events waited for (some before the receive is reached, some twice), moves the clock
 * to the next due timer, cancels some instances (callers and callees) from outside, and retries or
 * fails the incidents of steps that wait for an operator; the connector answers each attempt with a
 * value, a technical failure or the declared error, chosen from the seed and the attempt's
 * idempotency key. After its moves the driver drains: every open task completed, an event for every
 * live instance, every incident settled, the next timer fired, round after round until a round moves nothing
 * (at most {@link #DRAIN}). Checked on each run:
 * no exception escapes the engine; no instance is left running or waiting after the drain (a hang);
 * every attempt of one idempotency key calls the same action with the same arguments; a
 * compensation runs at most once per attempt key, a compensable step that was done is undone exactly
 * once when its instance ends failed or cancelled and at most once when it completes; compensations run newest
 * first (no step of the same {@code try} scope that completed later is left done when one runs); and the two
 * runs end with the same states, outputs, errors and the same multiset of connector calls. Bounded
 * in time ({@code -Dflow.engine-fuzz.seconds}, 60 by default; seeds from
 * {@code -Dflow.engine-fuzz.seed}, 1 by default, so a run is repeatable).
 */
class EngineDifferentialTest {
  private static final int BATCH = 8;
  private static final String START = "2026-11-24T09:00:00Z";
  private static final int STEPS = 60;
  /**
   * At most this many drain rounds; the drain stops earlier when a round moves nothing (no instance, wait, task or
   * incident changed and no timer is set): what is then left running or waiting is a hang. A fixed 40 rounds was too
   * few: seed 631 (a `Child` of nine parallel iterations, each two rounds of a wait and a task, called four times one
   * after the other by each `Main`) needs 66, and CI reached it.
   */
  private static final int DRAIN = 1_000;

  /** How the instances of all runs ended, by state: to see that the driver reaches every end. */
  private static final Map<String, Integer> ENDS = new TreeMap<>();

  @TempDir
  Path dir;

  @Test
  void randomWorkflowsEndAlikeInMemoryAndOnARestartedJournal() throws IOException {
    long seconds = Long.getLong("flow.engine-fuzz.seconds", 60);
    long seed = Long.getLong("flow.engine-fuzz.seed", 1);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int generated = 0;
    int ran = 0;
    List<String> failures = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    int refused = 0;
    while (System.nanoTime() < end && failures.size() < 3) {
      Map<Long, String> texts = new TreeMap<>();
      SortedMap<String, String> sources = new TreeMap<>();
      for (int i = 0; i < BATCH; i++, seed++) {
        generated++;
        String text = RuntimeModels.model(seed);
        Compilation c = Compiler.compile(List.of(new SourceFile("m" + seed + ".flow", text)), Compiler.Mode.GENERATE);
        if (c.hasErrors() || c.model().isEmpty()) {
          refused++;
          if (rejected.size() < 3) {
            rejected.add("seed " + seed + ":\n" + DiagnosticRenderer.renderAll(c.diagnostics()) + "\n" + text);
          }
          continue;
        }
        texts.put(seed, text);
        sources.putAll(JavaGenerator.generate(c.model().get()));
      }
      if (texts.isEmpty()) {
        continue;
      }
      ClassLoader loader = GeneratedCode.compile(sources);
      for (Map.Entry<Long, String> e : texts.entrySet()) {
        if (System.nanoTime() >= end && ran > 0) {
          break;
        }
        ran++;
        String problem = run(e.getKey(), module(loader, sources, e.getKey()));
        if (problem != null) {
          failures.add("seed " + e.getKey() + ": " + problem + "\n" + e.getValue());
        }
      }
    }
    System.out.printf(Locale.ROOT, "engine differential: %d models generated, %d refused, %d run on both stores, "
        + "%d failures; instances ended %s%n", generated, refused, ran, failures.size(), ENDS);
    assertTrue(failures.isEmpty(), () -> failures.size() + " random workflows went wrong:\n\n" + String.join("\n\n", failures));
    int rate = refused * 10;
    assertTrue(ran > 0 && rate <= generated,
        () -> "the checker rejected too many runtime models; some:\n" + String.join("\n", rejected));
  }

  /** The harness sees a hang: an instance whose receive no event the driver publishes can match. */
  @Test
  void anInstanceThatCanNeverEndIsReportedAsAHang() throws IOException {
    String text = """
        package fz.m0

        role Clerk
        event Ping { key: Text, n: Int }
        system Desk {
          action work(label: Text): Text
        }
        workflow Main {
          owner Clerk
          starts manually
          input key: Text
          input n: Int
          output out: Text
          step s1 by Desk.work(label: "s1 {key}")
          receive never: Ping where never.key == "nobody's"
          set out = s1
        }
        """;
    SortedMap<String, String> sources = GeneratedCode.generate(text);
    FlowModule module = module(GeneratedCode.compile(sources), sources, 0);
    String problem = run(0, module, Files.createDirectories(dir.resolve("hang")));
    assertTrue(problem != null && problem.contains("Main-1 is left WAITING"), problem);
  }

  /** The order check: newest first within one {@code try} scope; a {@code try} undoes its own steps before older ones. */
  @Test
  void compensationsOutOfOrderAreReported() {
    String[] a = {"work(s1c k1)", "Main-1/1", "1", "done"};
    String[] b = {"work(s2c k1)", "Main-1/2", "1", "done"};
    String[] c = {"work(s3c-t4 k1)", "Main-1/3", "1", "done"};
    String[] undoA = {"undo(s1c k1)", "Main-1/c1", "1", "done"};
    String[] undoB = {"undo(s2c k1)", "Main-1/c2", "1", "done"};
    String[] undoC = {"undo(s3c-t4 k1)", "Main-1/c3", "1", "done"};
    assertNull(Driver.order(List.of(a, b, undoB, undoA)));
    assertNull(Driver.order(List.of(a, c, undoC, b, undoB, undoA)));
    assertNull(Driver.order(List.of(a, c, b, undoC, undoB, undoA)));
    String wrong = Driver.order(List.of(a, b, undoA, undoB));
    assertTrue(wrong != null && wrong.contains("Main-1 undid s1c k1 while s2c k1"), wrong);
  }

  /** One seed on both stores: what went wrong, or {@code null}. */
  static String run(long seed, FlowModule module, Path journal) {
    Outcome memory;
    Outcome durable;
    try {
      memory = new Driver(seed, module, null).drive();
      durable = new Driver(seed, module, journal).drive();
    } catch (RuntimeException | AssertionError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return "an exception escaped: " + trace;
    }
    if (memory.problem != null) {
      return "on the memory store: " + memory.problem + "\n" + memory;
    }
    if (durable.problem != null) {
      return "on the journal: " + durable.problem + "\n" + durable;
    }
    if (!memory.instances.equals(durable.instances)) {
      return "the final states differ:\nmemory:  " + memory.instances + "\njournal: " + durable.instances;
    }
    if (!memory.calls.equals(durable.calls)) {
      return "the connector calls differ:\nmemory:  " + memory.calls + "\njournal: " + durable.calls;
    }
    synchronized (ENDS) {
      memory.instances.values().forEach(v -> ENDS.merge(v.split(" ", 2)[0], 1, Integer::sum));
      memory.calls.forEach(c -> ENDS.merge(c.startsWith("undo") ? "calls to undo" : "calls to work", 1, Integer::sum));
    }
    return null;
  }

  private String run(long seed, FlowModule module) throws IOException {
    Path journal = Files.createDirectories(dir.resolve("j" + seed));
    return run(seed, module, journal);
  }

  /** The module of seed's package among the compiled sources. */
  static FlowModule module(ClassLoader loader, SortedMap<String, String> sources, long seed) {
    return module(loader, sources, seed, "fz/m" + seed + "/");
  }

  /** The module among the compiled sources whose classes are in the folder {@code prefix}. */
  static FlowModule module(ClassLoader loader, SortedMap<String, String> sources, long seed, String prefix) {
    for (String path : sources.keySet()) {
      if (!path.startsWith(prefix) || path.indexOf('/', prefix.length()) >= 0) {
        continue;
      }
      String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
      try {
        Class<?> type = Class.forName(className, true, loader);
        if (FlowModule.class.isAssignableFrom(type)) {
          return (FlowModule) type.getField("INSTANCE").get(null);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no module of seed " + seed);
  }

  /** What a run ended with: each instance's end, the connector calls (sorted), and the first problem seen. */
  static final class Outcome {
    final Map<String, String> instances = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    String problem;

    @Override
    public String toString() {
      return "instances " + instances + "\ncalls " + calls;
    }
  }

  /** Drives one run of one seed: on the memory store ({@code journal} null) or on the journal with restarts. */
  static final class Driver {
    private final long seed;
    private final FlowModule module;
    private final Path journal;
    private final Random random;
    private final int restartEvery;
    private final Principal clerk;
    private final List<String[]> calls = new ArrayList<>();
    private final WorkflowDefinition<?, ?> main;
    private Instant now = Instant.parse(START);
    private ManualClock clock;
    private Engine engine;
    private int started;

    Driver(long seed, FlowModule module, Path journal) {
      this.seed = seed;
      this.module = module;
      this.journal = journal;
      this.random = new Random(seed);
      this.clerk = new Principal("clerk", module.roles().stream().map(r -> r.name()).collect(Collectors.toSet()));
      this.restartEvery = 1 + new Random(seed ^ 0x5DEECE66DL).nextInt(5);
      this.main = module.workflows().stream().filter(w -> w.simpleName().equals("Main")).findFirst().orElseThrow();
    }

    private void open() {
      clock = ManualClock.at(now);
      Engine.Builder builder = Engine.builder().clock(clock).module(module);
      if (journal != null) {
        builder.journal(journal);
      }
      for (SystemDefinition system : module.systems()) {
        connect(builder, system.type());
      }
      engine = builder.build();
      if (journal != null) {
        engine.recover();
      }
    }

    private <S> void connect(Engine.Builder builder, Class<S> type) {
      Object connector = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
        if (method.getDeclaringClass() == Object.class) {
          return method.getName().equals("toString") ? "desk" : null;
        }
        ActionContext context = ActionContext.current();
        String key = context.idempotencyKey();
        String call = method.getName() + "(" + args[0] + ")";
        long answer = mix(seed, key, context.attempt());
        int kind = method.getName().equals("work") ? (int) Math.floorMod(answer, 16L) : 9;
        calls.add(new String[] {call, key, String.valueOf(context.attempt()), kind > 2 ? "done" : "not done"});
        if (method.getName().equals("work")) {
          if (kind == 0 || kind == 2) {
            throw new IllegalStateException("the desk is down for " + args[0]);
          } else if (kind == 1) {
            throw declined(type, "no to " + args[0]);
          }
          return "ok" + Math.floorMod(answer >>> 8, 100L);
        }
        return null;
      });
      builder.connector(type, type.cast(connector));
    }

    private static Exception declined(Class<?> system, String reason) {
      try {
        Class<?> type = Class.forName(system.getPackageName() + ".DeclinedException", true, system.getClassLoader());
        for (Constructor<?> c : type.getConstructors()) {
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == String.class) {
            return (Exception) c.newInstance(reason);
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("no DeclinedException(String)");
    }

    static long mix(long seed, String key, long attempt) {
      long h = seed * 0x9E3779B97F4A7C15L + attempt * 31;
      for (int i = 0; i < key.length(); i++) {
        h = (h ^ key.charAt(i)) * 0x100000001B3L;
      }
      return h ^ (h >>> 29);
    }

    Outcome drive() {
      open();
      try {
        for (int step = 1; step <= STEPS && !(started > 0 && live().isEmpty() && step > 6); step++) {
          act();
          restartAt(step);
        }
        for (int round = 0; round < DRAIN && !live().isEmpty(); round++) {
          String before = moves();
          drain();
          restartAt(round);
          if (moves().equals(before) && engine.nextTimer().isEmpty()) {
            break;
          }
        }
        return outcome();
      } finally {
        engine.close();
      }
    }

    private void restartAt(int step) {
      if (journal != null && step % restartEvery == 0) {
        now = clock.instant();
        engine.close();
        open();
      }
    }

    /** One move of the driver, chosen from the seed. */
    private void act() {
      List<Task> tasks = openTasks();
      List<WorkflowInstance> live = live();
      int move = random.nextInt(20);
      if (started == 0 || move == 0 && started < 3) {
        started++;
        engine.start(main.name(), Values.convert(Map.of("key", "k" + started, "n", random.nextInt(6)), main.inputType()));
      } else if (move < 8 && !tasks.isEmpty()) {
        complete(tasks.get(random.nextInt(tasks.size())));
      } else if (move < 14 && !live.isEmpty()) {
        String key = key(live.get(random.nextInt(live.size())));
        publish(key);
        if (random.nextInt(4) == 0) {
          publish(key);
        }
      } else if (move == 15 && !engine.incidents().isEmpty()) {
        settle(engine.incidents().get(random.nextInt(engine.incidents().size())));
      } else if (move == 14 && !live.isEmpty() && random.nextBoolean()) {
        WorkflowInstance victim = live.get(random.nextInt(live.size()));
        engine.cancel(victim.id(), "from outside");
      } else {
        tick();
      }
    }

    /** Everything that can move: every open task completed, an event for every live instance, the next timer. */
    private void drain() {
      for (Task task : openTasks()) {
        if (engine.inbox().task(task.id()).map(Task::isOpen).orElse(false)) {
          complete(task);
        }
      }
      for (WorkflowInstance instance : live()) {
        publish(key(instance));
      }
      List<Incident> incidents = new ArrayList<>(engine.incidents());
      incidents.sort(Comparator.comparing(Incident::id));
      for (Incident incident : incidents) {
        settle(incident);
      }
      tick();
    }

    /** What a drain round can change: the instances, their states and waits, the open tasks, the incidents. */
    private String moves() {
      StringBuilder out = new StringBuilder();
      for (WorkflowInstance instance : instances()) {
        out.append(instance.id()).append(' ').append(instance.state()).append(' ').append(instance.waits()).append('\n');
      }
      openTasks().forEach(task -> out.append(task.id()).append('\n'));
      engine.incidents().forEach(incident -> out.append(incident.id()).append('\n'));
      return out.toString();
    }

    /** An operator retries an incident's step or fails it. */
    private void settle(Incident incident) {
      if (random.nextBoolean()) {
        engine.retryIncident(incident.id(), "operator");
      } else {
        engine.failIncident(incident.id(), "operator", "given up");
      }
    }

    /**
     * Completes a task with values from the seed ({@code v} of a person's step, {@code approved} of an approval).
     * A task of an {@code interleaved} branch waiting for its turn is refused, as the guide says (§5.10): left open.
     */
    private void complete(Task task) {
      Map<String, Object> values = new LinkedHashMap<>();
      int v = random.nextInt(10);
      for (FormField field : task.fields()) {
        if (field.name().equals("v")) {
          values.put("v", v);
        } else if (field.name().equals("approved")) {
          values.put("approved", v % 3 != 0);
        }
      }
      try {
        engine.inbox().complete(task.id(), clerk, values);
      } catch (TaskException e) {
        if (e.getMessage() == null || !e.getMessage().contains(" is held back: branch ")) {
          throw e;
        }
      }
    }

    private void publish(String key) {
      engine.publish(event(key, random.nextInt(100)));
    }

    private Object event(String key, int n) {
      try {
        Class<?> type = Class.forName(module.packageName() + ".Ping", true, module.getClass().getClassLoader());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("n", n);
        return Values.convert(fields, type);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Moves the clock to the next due timer (at least a second on), or an hour on when none is set. */
    private void tick() {
      Optional<Instant> next = engine.nextTimer();
      Instant at = clock.instant();
      Duration step = next.map(due -> Duration.between(at, due)).orElse(Duration.ofHours(1));
      clock.advance(step.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : step);
      now = clock.instant();
    }

    private List<Task> openTasks() {
      List<Task> tasks = new ArrayList<>(engine.inbox().open());
      tasks.sort(Comparator.comparing(Task::id));
      return tasks;
    }

    private List<WorkflowInstance> instances() {
      List<WorkflowInstance> all = new ArrayList<>(engine.instances());
      all.sort(Comparator.comparing(WorkflowInstance::id));
      return all;
    }

    private List<WorkflowInstance> live() {
      return instances().stream().filter(i -> !i.state().isTerminal()).toList();
    }

    private static String key(WorkflowInstance instance) {
      String input = String.valueOf(instance.input());
      int at = input.indexOf("key=");
      int comma = input.indexOf(',', at);
      return input.substring(at + 4, comma);
    }

    private Outcome outcome() {
      Outcome outcome = new Outcome();
      for (WorkflowInstance i : instances()) {
        outcome.instances.put(i.id(), i.state() + " " + i.output().map(String::valueOf).orElse("")
            + i.error().map(e -> " error " + e.step() + ": " + e.message()).orElse("")
            + i.cancelReason().map(r -> " cancelled: " + r).orElse(""));
        if (!i.state().isTerminal() && Boolean.getBoolean("flow.engine-fuzz.history")) {
          engine.history(i.id()).forEach(r -> System.out.println(i.id() + " " + r));
        }
        if (!i.state().isTerminal()) {
          outcome.problem = problem(outcome.problem, () -> i.id() + " is left " + i.state() + " waiting for " + i.waits()
              + " when a round of completing every task, publishing every event and firing every timer moved nothing"
              + " (or after " + DRAIN + " rounds)");
        }
      }
      Map<String, String> byKey = new TreeMap<>();
      Map<String, Set<String>> attempts = new TreeMap<>();
      for (String[] call : calls) {
        outcome.calls.add(call[0]);
        String before = byKey.putIfAbsent(call[1], call[0]);
        if (before != null && !before.equals(call[0])) {
          outcome.problem = problem(outcome.problem, () -> "idempotency key " + call[1] + " is used by " + before
              + " and by " + call[0]);
        }
        if (call[0].startsWith("undo") && !attempts.computeIfAbsent(call[1], k -> new TreeSet<>()).add(call[2])) {
          outcome.problem = problem(outcome.problem, () -> "the compensation " + call[0] + " (" + call[1]
              + ") ran twice as attempt " + call[2]);
        }
      }
      outcome.calls.sort(null);
      compensations(outcome);
      outcome.problem = problem(outcome.problem, () -> order(calls));
      return outcome;
    }

    /**
     * Every step with a compensation ({@code work(s<N>c …)}) that was done is undone once when its instance ends
     * failed or cancelled, at most once when it completes (a {@code try} that caught a failure undid it), and nothing
     * is undone that was not done.
     */
    private void compensations(Outcome outcome) {
      Map<String, Integer> balance = new TreeMap<>();
      for (String[] call : calls) {
        if (compensable(call[0]) != null && call[3].equals("done")) {
          balance.merge(owner(call[1]) + " " + call[0].substring(5), 1, Integer::sum);
        } else if (call[0].startsWith("undo(")) {
          balance.merge(owner(call[1]) + " " + call[0].substring(5), -1, Integer::sum);
        }
      }
      for (Map.Entry<String, Integer> e : balance.entrySet()) {
        String id = e.getKey().substring(0, e.getKey().indexOf(' '));
        WorkflowInstance instance = engine.instance(id);
        boolean completed = instance.state() == dev.flow.runtime.InstanceState.COMPLETED;
        if (e.getValue() < 0 || !completed && instance.state().isTerminal() && e.getValue() != 0) {
          outcome.problem = problem(outcome.problem, () -> id + " ended " + instance.state() + " with "
              + e.getKey().substring(id.length() + 1) + " done "
              + (e.getValue() > 0 ? "and not undone " : "less often than undone ")
              + Math.abs(e.getValue()) + " time(s)");
        }
      }
    }

    /**
     * Compensations run newest first (docs/language.md §5.13): when a compensation runs, no step of the same instance
     * and the same {@code try} scope that completed after the step it undoes is still left done. A step in another
     * scope may be (a {@code try} undoes only the steps inside it). An undo is matched to the newest done occurrence
     * of its label (a loop's rounds repeat labels).
     */
    static String order(List<String[]> calls) {
      String problem = null;
      Map<String, List<String>> done = new TreeMap<>();
      for (String[] call : calls) {
        String label = compensable(call[0]);
        if (label != null && call[3].equals("done")) {
          done.computeIfAbsent(owner(call[1]), k -> new ArrayList<>()).add(label);
        } else if (call[0].startsWith("undo(")) {
          String undone = call[0].substring(5, call[0].length() - 1);
          List<String> steps = done.getOrDefault(owner(call[1]), new ArrayList<>());
          int at = steps.lastIndexOf(undone);
          if (at < 0) {
            continue;
          }
          String scope = scope(undone);
          for (String later : steps.subList(at + 1, steps.size())) {
            if (scope(later).equals(scope)) {
              problem = problem(problem, () -> owner(call[1]) + " undid " + undone + " while " + later
                  + ", which completed after it in the same scope, was still done: compensations run newest first");
            }
          }
          steps.remove(at);
        }
      }
      return problem;
    }

    /** The label of a call of a step with a compensation ({@code work(s<N>c<scope> …)}), or {@code null}. */
    static String compensable(String call) {
      return call.matches("work\\(s[0-9]+c(-t[0-9]+(\\.[0-9]+)*)* .*\\)") ? call.substring(5, call.length() - 1) : null;
    }

    /**
     * The {@code try} scope of a compensable step's label: {@code -t<M>-t<K>}, empty outside every {@code try}; a
     * {@code try} inside a loop's round carries the round ({@code -t<M>.2}): each round's {@code try} is its own.
     */
    private static String scope(String label) {
      String first = label.substring(0, label.indexOf(' '));
      return first.substring(first.indexOf('c') + 1);
    }

    /** The instance of an idempotency key ({@code instanceId/occurrence}). */
    private static String owner(String key) {
      return key.substring(0, key.indexOf('/'));
    }

    private static String problem(String before, Supplier<String> now) {
      return before != null ? before : now.get();
    }
  }
}
