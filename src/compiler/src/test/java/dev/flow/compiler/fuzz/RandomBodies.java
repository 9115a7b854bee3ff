package dev.flow.compiler.fuzz;

import dev.flow.compiler.fuzz.RandomExpressions.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random statements of one workflow body, kept valid: a result is read only where its step surely
 * ran (earlier in the same block or an enclosing one), {@code set} reaches only variables of the
 * same {@code parallel} branch, an ending statement is the last of its block, {@code go to}
 * jumps back to a step of the same block, and every output is set at the end.
 */
final class RandomBodies {
  /** What one block sees. */
  private static final class Block {
    final List<Value> values;
    final List<Value> settable;
    final List<String> targets;
    final boolean inParallel;

    Block(List<Value> values, List<Value> settable, List<String> targets, boolean inParallel) {
      this.values = values;
      this.settable = settable;
      this.targets = targets;
      this.inParallel = inParallel;
    }

    /** A nested block: sees what this one sees; {@code go to} may not leave it when {@code fence}. */
    Block child(boolean fence, boolean parallel) {
      return new Block(new ArrayList<>(values), parallel ? new ArrayList<>() : new ArrayList<>(settable),
          fence ? new ArrayList<>() : new ArrayList<>(targets), inParallel || parallel);
    }
  }

  private final RandomModels m;
  private final Random random;
  private final RandomModels.Workflow self;
  private int budget;

  RandomBodies(RandomModels m, RandomModels.Workflow self) {
    this.m = m;
    this.random = m.random;
    this.self = self;
    this.budget = 4 + random.nextInt(20);
  }

  void body() {
    List<Value> values = new ArrayList<>();
    for (FType.Field f : self.inputs()) {
      values.add(new Value(f.name(), f.type()));
    }
    List<Value> settable = new ArrayList<>();
    for (FType.Field f : self.outputs()) {
      settable.add(new Value(f.name(), f.type()));
    }
    Block top = new Block(values, settable, new ArrayList<>(), false);
    statements(top, "  ", 3, false);
    for (FType.Field f : self.outputs()) {
      m.line("  set " + f.name() + " = " + expr(f.type(), top));
    }
  }

  private String expr(FType t, Block b) {
    return m.expressions.of(t, b.values, random.nextInt(3));
  }

  private String cond(Block b) {
    return expr(FType.BOOL, b);
  }

  /** Statements of a block; whether the block surely ends (then nothing may follow it). */
  private boolean statements(Block b, String indent, int depth, boolean mayEnd) {
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n && budget > 0; i++) {
      budget--;
      int mark = m.mark();
      if (statement(b, indent, depth)) {
        if (mayEnd) {
          return true;
        }
        m.reset(mark); // a statement that ends where the block must not: replaced
        notify(b, indent);
      }
    }
    return mayEnd && random.nextInt(4) == 0 && ending(b, indent);
  }

  private boolean ending(Block b, String indent) {
    int k = random.nextInt(4);
    if (k == 0) {
      m.line(indent + "fail " + expr(FType.TEXT, b));
    } else if (k == 1) {
      m.line(indent + "cancel " + expr(FType.TEXT, b));
    } else if (k == 2 && self.outputs().isEmpty()) {
      m.line(indent + "complete");
    } else if (!b.targets.isEmpty()) {
      m.line(indent + "go to " + b.targets.get(random.nextInt(b.targets.size())));
    } else {
      return false;
    }
    return true;
  }

  private boolean statement(Block b, String indent, int depth) {
    m.doc(indent);
    int k = random.nextInt(depth > 0 ? 20 : 11);
    switch (k) {
      case 0 -> human(b, indent);
      case 1 -> approval(b, indent);
      case 2 -> action(b, indent);
      case 3 -> notify(b, indent);
      case 4 -> m.line(indent + (random.nextBoolean() ? "wait " + expr(FType.DURATION, b)
          : "wait until " + expr(random.nextBoolean() ? FType.DATE : FType.TIMESTAMP, b)));
      case 5 -> receive(b, indent);
      case 6 -> call(b, indent);
      case 7 -> let(b, indent);
      case 8, 9 -> set(b, indent);
      case 10 -> start(b, indent);
      case 11, 12 -> {
        return ifStatement(b, indent, depth);
      }
      case 13 -> {
        return match(b, indent, depth);
      }
      case 14 -> parallel(b, indent, depth, "parallel");
      case 15 -> parallel(b, indent, depth, "first");
      case 16 -> forEach(b, indent, depth);
      case 17 -> repeat(b, indent, depth);
      case 18 -> whileLoop(b, indent, depth);
      default -> {
        return tryCatch(b, indent, depth);
      }
    }
    return false;
  }

  private void result(Block b, String name, FType type) {
    if (type != null) {
      b.values.add(new Value(name, type));
    }
    b.targets.add(name);
  }

  private void human(Block b, String indent) {
    String name = m.fresh();
    StringBuilder head = new StringBuilder(indent + "step " + name + " by " + role());
    if (random.nextBoolean()) {
      head.append(" within 1d");
      if (random.nextBoolean()) {
        head.append(" escalate to ").append(role());
      }
    }
    List<FType.Field> form = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      form.add(new FType.Field(m.fresh(), m.fieldType(true)));
    }
    if (form.isEmpty()) {
      m.line(head.toString());
      b.targets.add(name);
      return;
    }
    m.line(head + " {");
    for (FType.Field f : form) {
      m.doc(indent + "  ");
      m.line(indent + "  " + f.name() + ": " + f.type().name());
    }
    m.line(indent + "}");
    result(b, name, FType.record("form of " + name, form));
  }

  private void approval(Block b, String indent) {
    String name = m.fresh();
    m.line(indent + "approval " + name + " by " + role() + (random.nextBoolean() ? " within 2d escalate to " + role() : ""));
    result(b, name, FType.record("approval", List.of(new FType.Field("approved", FType.BOOL),
        new FType.Field("comment", FType.optional(FType.TEXT)))));
  }

  private void action(Block b, String indent) {
    List<RandomModels.Action> callable = m.actions.stream().filter(a -> canCall(a.parameters(), b)).toList();
    if (callable.isEmpty()) {
      notify(b, indent);
      return;
    }
    RandomModels.Action a = callable.get(random.nextInt(callable.size()));
    String name = m.fresh();
    StringBuilder line = new StringBuilder(indent + "step " + name + " by " + a.system() + "." + a.name()
        + "(" + arguments(a.parameters(), b) + ")");
    if (random.nextBoolean()) {
      line.append(" retry 2 times every 1m backoff 1.5");
    }
    if (random.nextBoolean()) {
      line.append(" timeout 90s");
    }
    if (random.nextBoolean()) {
      RandomModels.Action undo = m.actions.get(random.nextInt(m.actions.size()));
      List<Value> withResult = new ArrayList<>(b.values);
      if (a.result() != null) {
        withResult.add(new Value(name, a.result()));
      }
      Block scope = new Block(withResult, List.of(), List.of(), false);
      if (undo.system().equals(a.system()) && canCall(undo.parameters(), scope)) {
        line.append(" compensate with ").append(undo.system()).append('.').append(undo.name())
            .append('(').append(arguments(undo.parameters(), scope)).append(')');
      }
    }
    m.line(line.toString());
    result(b, name, a.result());
  }

  private String arguments(List<FType.Field> parameters, Block b) {
    List<String> out = new ArrayList<>();
    for (FType.Field p : parameters) {
      out.add(p.name() + ": " + argument(p.type(), b));
    }
    return String.join(", ", out);
  }

  private String argument(FType t, Block b) {
    if (t.kind() == FType.Kind.RECORD) {
      for (Value v : b.values) {
        if (v.type().equals(t)) {
          return v.path();
        }
      }
      return null;
    }
    return expr(t, b);
  }

  private boolean canMake(FType t, Block b) {
    if (t.kind() == FType.Kind.RECORD) {
      return b.values.stream().anyMatch(v -> v.type().equals(t));
    }
    if (t.kind() == FType.Kind.LIST || t.kind() == FType.Kind.OPTIONAL) {
      return t.kind() == FType.Kind.OPTIONAL || canMake(t.inner(), b);
    }
    return true;
  }

  private boolean canCall(List<FType.Field> parameters, Block b) {
    return parameters.stream().allMatch(p -> p.type().isOptional() || canMake(p.type(), b));
  }

  private void notify(Block b, String indent) {
    String message = expr(FType.TEXT, b);
    message = message.startsWith("(") ? "\"{" + message + "}\"" : message;
    if (random.nextBoolean()) {
      m.line(indent + "notify " + role() + " " + message);
    } else {
      String via = m.systems.isEmpty() || random.nextBoolean() ? "" : " via " + m.systems.get(random.nextInt(m.systems.size()));
      m.line(indent + "notify " + expr(FType.TEXT, b) + via + " " + message);
    }
  }

  private void receive(Block b, String indent) {
    if (m.events.isEmpty()) {
      notify(b, indent);
      return;
    }
    FType event = m.events.get(random.nextInt(m.events.size()));
    String name = m.fresh();
    List<Value> inWhere = new ArrayList<>(b.values);
    inWhere.add(new Value(name, event));
    String where = random.nextBoolean() ? "" : " where " + m.expressions.of(FType.BOOL, inWhere, 2);
    m.line(indent + "receive " + name + ": " + event.name() + where + (random.nextBoolean() ? " within 3d" : ""));
    result(b, name, event);
  }

  private void call(Block b, String indent) {
    List<RandomModels.Workflow> callable = m.workflows.stream().filter(w -> canCall(w.inputs(), b)).toList();
    if (callable.isEmpty()) {
      let(b, indent);
      return;
    }
    RandomModels.Workflow w = callable.get(random.nextInt(callable.size()));
    String name = m.fresh();
    m.line(indent + "call " + name + ": " + w.name() + "(" + callArguments(w, b) + ")");
    result(b, name, w.outputs().isEmpty() ? null : FType.record("output of " + w.name(), w.outputs()));
  }

  private String callArguments(RandomModels.Workflow w, Block b) {
    List<String> out = new ArrayList<>();
    for (FType.Field p : w.inputs()) {
      if (p.type().isOptional() && (random.nextInt(3) == 0 || !canMake(p.type().inner(), b))) {
        continue;
      }
      out.add(p.name() + ": " + argument(p.type(), b));
    }
    return String.join(", ", out);
  }

  private void start(Block b, String indent) {
    List<RandomModels.Workflow> callable = m.workflows.stream().filter(w -> canCall(w.inputs(), b)).toList();
    if (callable.isEmpty()) {
      notify(b, indent);
      return;
    }
    RandomModels.Workflow w = callable.get(random.nextInt(callable.size()));
    m.line(indent + "start " + w.name() + "(" + callArguments(w, b) + ")");
  }

  private void let(Block b, String indent) {
    FType t = m.expressions.pick(List.of());
    String name = m.fresh();
    m.line(indent + "let " + name + ": " + t.name() + " = " + expr(t, b));
    b.values.add(new Value(name, t));
    b.settable.add(new Value(name, t));
  }

  private void set(Block b, String indent) {
    List<Value> settable = b.settable;
    if (settable.isEmpty()) {
      let(b, indent);
      return;
    }
    Value v = settable.get(random.nextInt(settable.size()));
    m.line(indent + "set " + v.path() + " = " + expr(v.type(), b));
  }

  private boolean ifStatement(Block b, String indent, int depth) {
    m.line(indent + "if " + cond(b) + " {");
    boolean ends = statements(b.child(false, false), indent + "  ", depth - 1, true);
    if (random.nextBoolean()) {
      m.line(indent + "} else {");
      ends &= statements(b.child(false, false), indent + "  ", depth - 1, true);
    } else {
      ends = false;
    }
    m.line(indent + "}");
    return ends;
  }

  private boolean match(Block b, String indent, int depth) {
    boolean ends;
    int kind = random.nextInt(3);
    if (kind == 0 && !m.enums.isEmpty()) {
      FType en = m.enums.get(random.nextInt(m.enums.size()));
      m.line(indent + "match " + expr(en, b) + " {");
      List<String> constants = en.fields().stream().map(FType.Field::name).toList();
      int cut = 1 + random.nextInt(constants.size());
      ends = arm(b, indent, depth, String.join(", ", constants.subList(0, cut)));
      if (cut < constants.size() || random.nextBoolean()) {
        ends &= arm(b, indent, depth, "else");
      }
    } else if (kind == 1) {
      m.line(indent + "match " + expr(FType.TEXT, b) + " {");
      String pattern = HostileText.flowString(HostileText.text(random));
      ends = arm(b, indent, depth, "\"" + pattern + "\", \"x" + random.nextInt(9) + "\"");
      ends &= arm(b, indent, depth, "else");
    } else {
      m.line(indent + "match " + expr(FType.INT, b) + " {");
      ends = arm(b, indent, depth, "1, -2");
      ends &= arm(b, indent, depth, "else");
    }
    m.line(indent + "}");
    return ends;
  }

  private boolean arm(Block b, String indent, int depth, String patterns) {
    m.line(indent + "  " + patterns + " -> {");
    boolean ends = statements(b.child(false, false), indent + "    ", depth - 1, true);
    m.line(indent + "  }");
    return ends;
  }

  private void parallel(Block b, String indent, int depth, String keyword) {
    m.line(indent + keyword + " {");
    int branches = 1 + random.nextInt(3);
    for (int i = 0; i < branches; i++) {
      m.doc(indent + "  ");
      String when = keyword.equals("parallel") && random.nextBoolean() ? " when " + cond(b) : "";
      m.line(indent + "  branch " + m.fresh() + when + " {");
      statements(b.child(true, keyword.equals("parallel")), indent + "    ", depth - 1, keyword.equals("first") && i > 0);
      m.line(indent + "  }");
    }
    m.line(indent + "}");
  }

  private void forEach(Block b, String indent, int depth) {
    FType element = m.expressions.pick(List.of());
    boolean parallel = random.nextBoolean();
    String name = m.fresh();
    m.line(indent + "for each " + name + " in " + expr(FType.list(element), b) + (parallel ? " in parallel" : "") + " {");
    Block body = b.child(parallel, parallel);
    body.values.add(new Value(name, element));
    statements(body, indent + "  ", depth - 1, !parallel);
    m.line(indent + "}");
  }

  private void repeat(Block b, String indent, int depth) {
    m.line(indent + "repeat at most " + (1 + random.nextInt(5)) + " times {");
    Block body = b.child(false, false);
    statements(body, indent + "  ", depth - 1, false);
    m.line(indent + "}" + (random.nextBoolean() ? " until " + cond(b) : ""));
  }

  private void whileLoop(Block b, String indent, int depth) {
    m.line(indent + "while " + cond(b) + " {");
    statements(b.child(false, false), indent + "  ", depth - 1, true);
    m.line(indent + "}");
  }

  private boolean tryCatch(Block b, String indent, int depth) {
    m.line(indent + "try {");
    boolean ends = statements(b.child(false, false), indent + "  ", depth - 1, true);
    Block handler = b.child(false, false);
    if (random.nextBoolean()) {
      String error = m.fresh();
      m.line(indent + "} catch " + error + " {");
      handler.values.add(new Value(error, FType.record("error", List.of(new FType.Field("step", FType.TEXT),
          new FType.Field("message", FType.TEXT)))));
    } else {
      m.line(indent + "} catch {");
    }
    ends &= statements(handler, indent + "  ", depth - 1, true);
    m.line(indent + "}");
    return ends;
  }

  private String role() {
    return m.roles.get(random.nextInt(m.roles.size()));
  }
}
