package dev.flow.compiler.codegen;

import dev.flow.runtime.Action;
import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Approval;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Body;
import dev.flow.runtime.Branch;
import dev.flow.runtime.CallStep;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.FlowError;
import dev.flow.runtime.Handler;
import dev.flow.runtime.Iteration;
import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.Segment;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link FlowContext} that runs a generated workflow in one go, without an engine: actions call
 * connectors made from lambdas, tasks and approvals take scripted answers, events come from a
 * queue, branches run one after another. It records what happened as lines of text. Only for
 * testing what the generated {@code run} methods do; the engine is tested on its own.
 */
final class FakeContext implements FlowContext {
  /** A step failed (or a {@code fail} ran). */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String step;

    Failure(String step, String message) {
      super(message);
      this.step = step;
    }
  }

  /** {@code complete}: carries the outputs. */
  static final class Completed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Object outputs;

    Completed(Object outputs) {
      super("completed");
      this.outputs = outputs;
    }
  }

  /** {@code cancel}. */
  static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled(String reason) {
      super(reason);
    }
  }

  /** {@code go to}. */
  static final class GoTo extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String step;

    GoTo(String step) {
      super("go to " + step);
      this.step = step;
    }
  }

  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Function<Object[], Object>> actions = new HashMap<>();
  private final Map<String, Deque<Map<String, ?>>> forms = new HashMap<>();
  private final Map<String, Deque<Approval>> approvals = new HashMap<>();
  private final Deque<Object> events = new ArrayDeque<>();
  private final Map<String, WorkflowDefinition<?, ?>> workflows = new HashMap<>();
  private final Deque<Deque<Runnable>> compensations = new ArrayDeque<>();
  private final ClassLoader loader;
  private String firstWinner;
  private boolean interleaved;
  /** While the iterations of an interleaved {@code for each … in parallel} run: where each waits for the others. */
  private volatile CyclicBarrier turn;

  FakeContext(ClassLoader loader) {
    this.loader = loader;
    compensations.push(new ArrayDeque<>());
  }

  /** What an action answers ({@code "createFolder"}); the function gets the call's arguments. */
  FakeContext action(String action, Function<Object[], Object> answer) {
    actions.put(action, answer);
    return this;
  }

  /** The next form submitted for a step. */
  FakeContext form(String step, Map<String, ?> values) {
    forms.computeIfAbsent(step, s -> new ArrayDeque<>()).add(values);
    return this;
  }

  /** The next decision on an approval. */
  FakeContext approval(String step, Approval decision) {
    approvals.computeIfAbsent(step, s -> new ArrayDeque<>()).add(decision);
    return this;
  }

  FakeContext event(Object event) {
    events.add(event);
    return this;
  }

  FakeContext workflow(WorkflowDefinition<?, ?> definition) {
    workflows.put(definition.name(), definition);
    return this;
  }

  /** The branch of a {@code first} that wins (the first one when not set). */
  FakeContext firstWinner(String branch) {
    this.firstWinner = branch;
    return this;
  }

  /** Runs a workflow to its end: its outputs, or the exception that ended it. */
  @SuppressWarnings("unchecked")
  <I, O> Object run(WorkflowDefinition<I, O> definition, Object input) {
    Workflow<I, O> workflow = definition.newWorkflow();
    try {
      return workflow.run(this, (I) input);
    } catch (Completed c) {
      return c.outputs;
    } catch (Failure f) {
      runCompensations(compensations.peek());
      return f;
    }
  }

  @Override
  public String instanceId() {
    return "test";
  }

  private Object connector(Class<?> system) {
    return Proxy.newProxyInstance(loader, new Class<?>[] {system}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "connector" : null;
      }
      Function<Object[], Object> answer = actions.get(method.getName());
      log.add("action " + method.getName() + (args == null ? "()" : java.util.Arrays.toString(args)));
      return answer == null ? null : answer.apply(args == null ? new Object[0] : args);
    });
  }

  @Override
  public <R> R action(ActionStep<?, R> step, Object... arguments) {
    try {
      return step.action().invoke(connector(step.system()), arguments);
    } catch (Failure f) {
      throw f;
    } catch (Exception e) {
      throw new Failure(step.name(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public <R> R actionWithUndo(ActionStep<?, R> step, Object[] arguments, Function<? super R, Object[]> undo) {
    R result = action(step, arguments);
    Action<?, ?> compensation = step.compensation().orElseThrow();
    Object[] undoArguments = undo.apply(result);
    Deque<Runnable> scope;
    synchronized (compensations) {
      scope = compensations.peek();
    }
    scope.push(() -> {
      try {
        compensation.invoke(connector(compensation.system()), undoArguments);
      } catch (Exception e) {
        log.add("compensation failed: " + e.getMessage());
      }
    });
    return result;
  }

  private static void runCompensations(Deque<Runnable> done) {
    while (!done.isEmpty()) {
      done.pop().run();
    }
  }

  @Override
  public <F> F task(TaskStep<F> step) {
    log.add("task " + step.name());
    Deque<Map<String, ?>> answers = forms.getOrDefault(step.name(), new ArrayDeque<>());
    return step.form().read(answers.isEmpty() ? Map.of() : answers.pop());
  }

  @Override
  public Approval approval(ApprovalStep step) {
    log.add("approval " + step.name());
    return approvals.get(step.name()).pop();
  }

  @Override
  public <F> dev.flow.runtime.Completed<F> completedTask(TaskStep<F> step) {
    return new dev.flow.runtime.Completed<>(task(step), "someone", java.time.Instant.EPOCH);
  }

  @Override
  public dev.flow.runtime.Completed<Approval> completedApproval(ApprovalStep step) {
    return new dev.flow.runtime.Completed<>(approval(step), "someone", java.time.Instant.EPOCH);
  }

  @Override
  public void notify(Recipient recipient, String via, String message) {
    log.add("notify " + recipient + (via == null ? "" : " via " + via) + ": " + message);
  }

  @Override
  public void emit(Object event) {
    log.add("emit " + event);
  }

  /**
   * Runs the iterations of a {@code for each … in parallel} at once, each on a thread of its own,
   * and lets a {@code wait} in them hold each iteration until every one has reached it: as a
   * backend does that runs iterations concurrently (Temporal), so that code after the wait runs
   * after every iteration's code before it.
   */
  FakeContext interleaved() {
    this.interleaved = true;
    return this;
  }

  @Override
  public void await(Duration duration) {
    log.add("wait " + duration);
    CyclicBarrier barrier = turn;
    if (barrier != null) {
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("the iterations did not all reach the wait", e);
      }
    }
  }

  @Override
  public void awaitUntil(Instant instant) {
    log.add("wait until " + instant);
  }

  @Override
  public void awaitUntil(LocalDate date) {
    log.add("wait until " + date);
  }

  @Override
  public <E> E receive(ReceiveStep<E> step, Object[] correlation, Predicate<? super E> where) {
    List<String> keys = step.keys(correlation);
    log.add("receive " + step.name() + " correlated on " + keys);
    return receive(step, e -> keys.equals(step.keysOf(e)) && where.test(e));
  }

  @Override
  public synchronized <E> E receive(ReceiveStep<E> step, Predicate<? super E> where) {
    for (Object event : events) {
      if (step.event().isInstance(event) && where.test(step.event().cast(event))) {
        events.remove(event);
        log.add("receive " + step.name());
        return step.event().cast(event);
      }
    }
    throw new Failure(step.name(), "no " + step.event().getSimpleName() + " within " + step.within().orElse(null));
  }

  @Override
  public Instant now() {
    return Instant.parse("2026-03-02T09:00:00Z");
  }

  @Override
  public LocalDate today() {
    return LocalDate.of(2026, 3, 2);
  }

  @Override
  public <I, O> O call(CallStep<O> step, I input) {
    log.add("call " + step.workflow());
    Object result = run(workflows.get(step.workflow()), input);
    if (result instanceof Failure f) {
      throw new Failure(step.name(), f.getMessage());
    }
    return step.output().cast(result);
  }

  @Override
  public <I> void start(String workflow, I input) {
    log.add("start " + workflow + " " + input);
  }

  @Override
  public void parallel(Branch... branches) {
    for (Branch b : branches) {
      if (b.enabled()) {
        log.add("branch " + b.name());
        b.body().run();
      }
    }
  }

  @Override
  public String first(Branch... branches) {
    for (Branch b : branches) {
      if (firstWinner == null || b.name().equals(firstWinner)) {
        log.add("first " + b.name());
        b.body().run();
        return b.name();
      }
    }
    throw new IllegalStateException("no branch " + firstWinner);
  }

  @Override
  public List<String> first(int count, Branch... branches) {
    List<String> ended = new ArrayList<>();
    for (Branch b : branches) {
      if (ended.size() < count) {
        log.add("first " + b.name());
        b.body().run();
        ended.add(b.name());
      }
    }
    return ended;
  }

  @Override
  public void parallelJoin(int count, Branch... branches) {
    parallel(branches);
  }

  @Override
  public <T> void forEachInParallelJoin(String variable, int count, List<T> items, Iteration<? super T> body) {
    items.forEach(body::run);
  }

  @Override
  public <T> void forEachInParallelFirst(String variable, int count, List<T> items, Iteration<? super T> body) {
    items.stream().limit(count).forEach(body::run);
  }

  @Override
  public <T> void forEachArriving(String variable, int count, dev.flow.runtime.Arrival<T> arrival,
      Iteration<? super T> body) {
    // One after another, as the items arrive: the fake runs in one thread.
    for (java.util.Optional<T> item = arrival.next(); item.isPresent(); item = arrival.next()) {
      body.run(item.get());
    }
  }

  @Override
  public void exclusive(String name, Body body) {
    log.add("exclusive " + name);
    body.run();
  }

  @Override
  public void signal(String name) {
    log.add("signal " + name);
  }

  @Override
  public void waitFor(String name) {
    log.add("wait for " + name);
  }

  @Override
  public <T> void forEach(String variable, List<T> items, Iteration<? super T> body) {
    items.forEach(body::run);
  }

  @Override
  public <T, R> List<R> collect(String variable, List<T> items, dev.flow.runtime.Yielding<? super T, ? extends R> body) {
    List<R> out = new ArrayList<>();
    items.forEach(item -> out.add(body.run(item)));
    return Collections.unmodifiableList(out);
  }

  @Override
  public <T, R> List<R> collectInParallel(String variable, List<T> items,
      dev.flow.runtime.Yielding<? super T, ? extends R> body) {
    return collect(variable, items, body);
  }

  @Override
  public <T> void forEachInParallel(String variable, List<T> items, Iteration<? super T> body) {
    if (!interleaved || items.isEmpty()) {
      items.forEach(body::run);
      return;
    }
    turn = new CyclicBarrier(items.size());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (T item : items) {
      Thread thread = new Thread(() -> body.run(item), variable + " " + item);
      thread.setUncaughtExceptionHandler((t, e) -> {
        failures.add(e);
        turn.reset(); // the others stop waiting for it
      });
      threads.add(thread);
      thread.start();
    }
    try {
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      turn = null;
    }
    if (!failures.isEmpty() && failures.get(0) instanceof RuntimeException e) {
      throw e;
    } else if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.get(0));
    }
  }

  @Override
  public void repeat(long maxTimes, Body body, BooleanSupplier until) {
    for (long i = 0; i < Math.max(1, maxTimes); i++) {
      body.run();
      if (until != null && until.getAsBoolean()) {
        return;
      }
    }
  }

  @Override
  public void loop(BooleanSupplier condition, Body body) {
    while (condition.getAsBoolean()) {
      body.run();
    }
  }

  @Override
  public void block(Segment... segments) {
    int i = 0;
    while (i < segments.length) {
      try {
        segments[i].body().run();
        i++;
      } catch (GoTo g) {
        int target = -1;
        for (int s = 0; s < segments.length; s++) {
          if (g.step.equals(segments[s].label())) {
            target = s;
          }
        }
        if (target < 0) {
          throw g;
        }
        log.add("go to " + g.step);
        i = target;
      }
    }
  }

  @Override
  public RuntimeException goTo(String step) {
    return new GoTo(step);
  }

  @Override
  public void attempt(Body body, Handler handler) {
    Deque<Runnable> inner = new ArrayDeque<>();
    compensations.push(inner);
    try {
      body.run();
      compensations.pop();
      inner.descendingIterator().forEachRemaining(compensations.peek()::push);
    } catch (Failure f) {
      compensations.pop();
      runCompensations(inner);
      handler.handle(new FlowError(f.step, f.getMessage()));
    }
  }

  @Override
  public RuntimeException rethrow(FlowError error) {
    return new Failure(error.step(), error.message());
  }

  @Override
  public RuntimeException fail(String message) {
    return new Failure("fail", message);
  }

  @Override
  public RuntimeException complete(Object output) {
    return new Completed(output);
  }

  @Override
  public RuntimeException cancel(String reason) {
    return new Cancelled(reason);
  }
}
