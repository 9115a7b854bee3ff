package dev.flow.compiler.fuzz;

import java.util.Random;

/**
 * A generator of random Flow models aimed at the runtime rather than the checker: plain names, one
 * system whose action may answer, fail or end with a declared error, one event correlated by the
 * instance's {@code key}, and bodies made of what an instance waits for and how it ends (people's
 * steps, receives with and without time limits, timers, {@code if}, {@code parallel}, {@code first},
 * parallel {@code for each}, {@code repeat}, {@code try} with typed and untyped {@code catch},
 * compensations, {@code call} two levels deep, {@code fail}, deadlines, approvals, {@code start},
 * {@code first N} and {@code parallel join N}, {@code signal} / {@code wait for}, {@code exclusive},
 * {@code interleaved}, {@code match}, {@code for each … until within}, {@code region} with {@code cancel region},
 * {@code continue as new}). Every workflow writes the
 * path it took into a text variable and its output, so that two runs can be compared by their
 * outputs. A step with a compensation has a label {@code s<N>c …}, its compensation the same label, so
 * that a run's calls show which steps were undone; the label names the {@code try} blocks around the step
 * ({@code s<N>c-t<M>-t<K> …}, outermost first, with the round of a loop around the {@code try}: {@code -t<M>.2}),
 * so that the order of compensations can be checked by scope.
 * The same seed gives the same model; {@link EngineDifferentialTest} runs them.
 */
final class RuntimeModels {
  /** The workflows, callees first: each may call the one before it. */
  static final String[] WORKFLOWS = {"Leaf", "Child", "Main"};

  /** How many kinds of statement there are past the first twelve. */
  private static final int EXTRA = 10;

  private final Random random;
  private final StringBuilder out = new StringBuilder();
  private int counter;
  /** The statements still to write in the workflow being made. */
  private int budget;
  /** The level of the workflow being made: 0 for Leaf; it may call level − 1. */
  private int level;
  /** The {@code try} blocks around the statement being made, as {@code -t<N>} each, outermost first. */
  private String scope = "";

  private RuntimeModels(long seed) {
    this.random = new Random(seed * 7919 + 17);
  }

  /** The text of the model of {@code seed}, in package {@code fz.m<seed>}. */
  static String model(long seed) {
    return new RuntimeModels(seed).generate(seed);
  }

  private String generate(long seed) {
    line("package fz.m" + seed);
    line("");
    line("role Clerk");
    line("event Ping { key: Text, n: Int }");
    line("error Declined { reason: Text }");
    line("system Desk {");
    line("  action work(label: Text): Text fails Declined");
    line("  action undo(label: Text)");
    line("  retry " + (1 + random.nextInt(2)) + " times every 10s" + (random.nextInt(3) == 0 ? " then wait for operator" : ""));
    line("}");
    for (level = 0; level < WORKFLOWS.length; level++) {
      workflow(WORKFLOWS[level]);
    }
    return out.toString();
  }

  private void workflow(String name) {
    line("");
    line("workflow " + name + " {");
    line("  owner Clerk");
    if (level == WORKFLOWS.length - 1) {
      line("  starts manually");
    }
    line("  input key: Text");
    line("  input n: Int");
    line("  output out: Text");
    line("  fails Declined");
    int deadline = random.nextInt(6);
    if (deadline == 0) {
      line("  deadline 5h escalate to Clerk");
    } else if (deadline == 1) {
      line("  deadline 6h cancel \"late {key}\"");
    } else if (deadline == 2) {
      line("  deadline 7h fail \"too late {key}\"");
    }
    line("  let trace = \"" + name + "\"");
    budget = 4 + random.nextInt(level == 0 ? 4 : 12);
    block("  ", true, 0, "");
    line("  set out = trace");
    line("}");
  }

  /**
   * A block of statements; {@code canSet}: it may set {@code trace}; {@code mayEnd}: 0 when it must not end with
   * {@code fail} or {@code cancel} (E302 after it), 2 for {@code fail} only, 3 for either; {@code item}: a round's
   * name to label with.
   */
  private void block(String indent, boolean canSet, int mayEnd, String item) {
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n && budget > 0; i++) {
      statement(indent, canSet, item);
    }
    if (mayEnd > 0 && random.nextInt(4) == 0) {
      int kind = random.nextInt(mayEnd);
      String id = "f" + ++counter;
      if (kind == 0) {
        line(indent + "fail \"" + id + " {key}\"");
      } else if (kind == 1) {
        line(indent + "fail Declined(reason: \"" + id + "\")");
      } else {
        line(indent + "cancel \"" + id + " {key}\"");
      }
    }
  }

  private void statement(String indent, boolean canSet, String item) {
    budget--;
    int id = ++counter;
    String label = "{key}" + item;
    String inner = indent + "  ";
    int kinds = level == 0 ? 9 + EXTRA : 12 + EXTRA;
    int kind = random.nextInt(kinds + 3);
    kind = kind >= kinds ? 0 : level == 0 && kind >= 9 ? kind + 3 : kind;
    switch (kind) {
      case 0, 1 -> {
        String step = "s" + id;
        boolean undone = random.nextInt(3) > 0;
        String text = step + (undone ? "c" + scope + " " : " ") + label;
        line(indent + "step " + step + " by Desk.work(label: \"" + text + "\")"
            + (undone ? " compensate with Desk.undo(label: \"" + text + "\")" : ""));
        if (canSet && random.nextBoolean()) {
          line(indent + "set trace = \"{trace}." + step + "={" + step + "}\"");
        }
      }
      case 2 -> {
        String step = "h" + id;
        String limit = random.nextInt(3) == 0 ? " within 1h escalate to Clerk" : "";
        line(indent + "step " + step + " by Clerk" + limit + " { v: Int }");
        if (canSet) {
          line(indent + "set trace = \"{trace}." + step + "={" + step + ".v}\"");
        }
      }
      case 3 -> {
        String step = "r" + id;
        line(indent + "receive " + (random.nextInt(4) == 0 ? "new " : "") + step + ": Ping where " + step + ".key == key"
            + (random.nextInt(3) == 0 ? " within 1h" : ""));
        if (canSet) {
          line(indent + "set trace = \"{trace}." + step + "={" + step + ".n}\"");
        }
      }
      case 4 -> line(indent + "wait " + (1 + random.nextInt(3)) * 20 + "m");
      case 5 -> {
        line(indent + "if n > " + random.nextInt(5) + " {");
        block(inner, canSet, 3, item);
        line(indent + "} else {");
        block(inner, canSet, 0, item);
        line(indent + "}");
      }
      case 6 -> {
        line(indent + "parallel {");
        for (int b = 0; b < 2 + random.nextInt(2); b++) {
          line(inner + "branch p" + id + "b" + b + " {");
          block(inner + "  ", false, 0, item);
          line(inner + "}");
        }
        line(indent + "}");
      }
      case 7 -> {
        boolean byStart = random.nextInt(3) == 0;
        line(indent + (byStart ? "first to start {" : "first {"));
        for (int b = 0; b < 2; b++) {
          line(inner + "branch q" + id + "b" + b + " {");
          if (byStart && b == 0) {
            line(inner + "  step t" + id + " by Clerk { v: Int }");
          }
          if (b == 1 && random.nextBoolean()) {
            line(inner + "  wait " + (1 + random.nextInt(4)) * 30 + "m");
          } else {
            block(inner + "  ", canSet, 0, item);
          }
          line(inner + "}");
        }
        line(indent + "}");
      }
      case 8 -> {
        line(indent + "try {");
        String outer = scope;
        scope = scope + "-t" + id + item;
        block(inner, canSet, 2, item);
        scope = outer;
        if (random.nextBoolean()) {
          line(indent + "} catch d" + id + ": Declined {");
          line(inner + "notify Clerk \"declined {d" + id + ".reason}\"");
        }
        line(indent + "} catch e" + id + " {");
        line(inner + "notify Clerk \"caught {e" + id + ".step}: {e" + id + ".message}\"");
        if (canSet) {
          line(inner + "set trace = \"{trace}.e" + id + "\"");
        }
        line(indent + "}");
      }
      case 9 -> {
        String round = "i" + id;
        line(indent + "for each " + round + " in [1, 2" + (random.nextBoolean() ? ", 3" : "") + "] in parallel {");
        block(inner, false, 0, item + "." + "{" + round + "}");
        line(indent + "}");
      }
      case 10 -> {
        line(indent + "repeat at most 2 times {");
        block(inner, canSet, 0, item);
        line(indent + "}");
      }
      case 12 -> {
        String step = "a" + id;
        line(indent + "approval " + step + " by Clerk" + (random.nextInt(3) == 0 ? " within 1h escalate to Clerk" : ""));
        if (canSet) {
          line(indent + "set trace = \"{trace}." + step + "={" + step + ".approved}\"");
        }
      }
      case 13 -> {
        if (level == 0) {
          line(indent + "notify Clerk \"n" + id + " {key}\"");
        } else {
          line(indent + "start " + WORKFLOWS[level - 1] + "(key: \"" + label + ".x" + id + "\", n: n + "
              + random.nextInt(3) + ")");
        }
      }
      case 14 -> {
        boolean join = random.nextBoolean();
        int branches = 2 + random.nextInt(2);
        line(indent + (join ? "parallel join " + (1 + random.nextInt(branches - 1)) : "first " + (1 + random.nextInt(branches)))
            + " {");
        for (int b = 0; b < branches; b++) {
          line(inner + "branch j" + id + "b" + b + " {");
          block(inner + "  ", canSet && !join, 0, item);
          line(inner + "}");
        }
        line(indent + "}");
      }
      case 15 -> {
        line(indent + "parallel {");
        line(inner + "branch g" + id + "a {");
        block(inner + "  ", false, 0, item);
        line(inner + "  signal g" + id);
        line(inner + "}");
        line(inner + "branch g" + id + "b {");
        line(inner + "  wait for g" + id);
        block(inner + "  ", false, 0, item);
        line(inner + "}");
        line(indent + "}");
      }
      case 16 -> {
        line(indent + "parallel {");
        for (int b = 0; b < 2; b++) {
          line(inner + "branch x" + id + "b" + b + " {");
          if (b == 1 && random.nextBoolean()) {
            block(inner + "  ", false, 0, item);
          }
          line(inner + "  exclusive x" + id + " {");
          block(inner + "    ", false, 0, item);
          line(inner + "  }");
          line(inner + "}");
        }
        line(indent + "}");
      }
      case 17 -> {
        line(indent + "interleaved {");
        for (int b = 0; b < 2 + random.nextInt(2); b++) {
          line(inner + "branch l" + id + "b" + b + " {");
          block(inner + "  ", false, 0, item);
          line(inner + "}");
        }
        line(indent + "}");
      }
      case 18 -> {
        line(indent + "match n + " + random.nextInt(3) + " {");
        line(inner + "< 2 -> {");
        block(inner + "  ", canSet, 3, item);
        line(inner + "}");
        line(inner + "3, 4 -> {");
        block(inner + "  ", canSet, 0, item);
        line(inner + "}");
        line(inner + "else -> {");
        block(inner + "  ", canSet, 0, item);
        line(inner + "}");
        line(indent + "}");
      }
      case 19 -> {
        String round = "e" + id;
        line(indent + "for each " + round + ": Ping where " + round + ".key == key in parallel until within "
            + (1 + random.nextInt(2)) + "h {");
        block(inner, false, 0, item + ".{" + round + ".n}");
        line(indent + "}");
      }
      case 20 -> {
        line(indent + "parallel {");
        line(inner + "branch w" + id + "a {");
        line(inner + "  region w" + id + " {");
        block(inner + "    ", false, 0, item);
        line(inner + "  }");
        block(inner + "  ", false, 0, item);
        line(inner + "}");
        line(inner + "branch w" + id + "b {");
        block(inner + "  ", false, 0, item);
        line(inner + "  if n > " + random.nextInt(4) + " {");
        line(inner + "    cancel region w" + id);
        line(inner + "  }");
        line(inner + "}");
        line(indent + "}");
      }
      case 21 -> {
        if (level == WORKFLOWS.length - 1 && indent.equals("  ")) {
          line(indent + "if n > 3 {");
          line(inner + "continue as new with (key: key, n: n - " + (2 + random.nextInt(3)) + ")");
          line(indent + "}");
        } else {
          line(indent + "wait 10m");
        }
      }
      default -> {
        String step = "c" + id;
        line(indent + "call " + step + ": " + WORKFLOWS[level - 1] + "(key: \"" + label + "." + step + "\", n: n + "
            + random.nextInt(3) + ")");
        if (canSet) {
          line(indent + "set trace = \"{trace}." + step + "=({" + step + ".out})\"");
        }
      }
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
