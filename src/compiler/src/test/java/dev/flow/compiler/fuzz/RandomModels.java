package dev.flow.compiler.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generator of random Flow models meant to be valid: every declaration kind, every statement
 * kind, expressions of every type, hostile names (Java keywords, {@code java}, {@code dev},
 * {@code run}, {@code input}, runtime type names) and hostile text (every line terminator and
 * control character) in every text slot. The same seed gives the same model. A model the checker
 * rejects is not an error of the compiler: the differential test counts those and requires most
 * models to be accepted.
 */
public final class RandomModels {
  /** A workflow as its callers see it. */
  record Workflow(String name, List<FType.Field> inputs, List<FType.Field> outputs) {}

  /** A system action. */
  record Action(String system, String name, List<FType.Field> parameters, FType result) {}

  final Random random;
  private final Set<String> used = new HashSet<>();
  final List<String> roles = new ArrayList<>();
  final List<FType> enums = new ArrayList<>();
  final List<FType> records = new ArrayList<>();
  final List<FType> events = new ArrayList<>();
  final List<String> systems = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  final List<Workflow> workflows = new ArrayList<>();
  final RandomExpressions expressions;
  private final StringBuilder out = new StringBuilder();

  private RandomModels(long seed) {
    this.random = new Random(seed);
    this.expressions = new RandomExpressions(random, enums);
  }

  /** The text of the random model of {@code seed}, in a package of its own ({@code …m<seed>}). */
  public static String model(long seed) {
    return new RandomModels(seed).generate(seed);
  }

  /** A name no other name of this model has: a hostile one where possible. */
  String fresh() {
    String base = HostileText.name(random);
    String name = base;
    for (int i = 2; used.contains(name); i++) {
      name = random.nextBoolean() ? base + "_" : base + i;
      base = name;
    }
    used.add(name);
    return name;
  }

  /** A declaration's name: hostile too (W001 is a warning), but not one of Flow's own type names. */
  String upper() {
    String n = fresh();
    while (n.startsWith("Duration")) {
      n = fresh();
    }
    return n;
  }

  void doc(String indent) {
    if (random.nextInt(3) == 0) {
      int lines = 1 + random.nextInt(2);
      for (int i = 0; i < lines; i++) {
        line(indent + "/// " + HostileText.docLine(HostileText.text(random)));
      }
    }
  }

  void line(String text) {
    out.append(text).append('\n');
  }

  String quoted() {
    return "\"" + HostileText.flowString(HostileText.text(random)) + "\"";
  }

  private String generate(long seed) {
    String first = List.of("dev", "run", "input", "class", "new", "flow", "support", "java2", "_", "p").get(random.nextInt(10));
    String second = List.of("java", "dev", "int", "ctx", "record", "x", "FormField").get(random.nextInt(7));
    line("package " + first + "." + second + ".m" + seed);
    line("");
    int nRoles = 1 + random.nextInt(3);
    for (int i = 0; i < nRoles; i++) {
      String r = upper();
      roles.add(r);
      doc("");
      line("role " + r + (random.nextBoolean() ? " " + quoted() : ""));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      enumDecl();
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      records.add(recordDecl("record"));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      events.add(recordDecl("event"));
    }
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      systemDecl();
    }
    int nWorkflows = 1 + random.nextInt(3);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nWorkflows; i++) {
      names.add(workflow());
    }
    process(names);
    return out.toString();
  }

  private void enumDecl() {
    String name = upper();
    List<String> constants = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      constants.add(fresh());
    }
    doc("");
    line("enum " + name + " {");
    for (int i = 0; i < constants.size(); i++) {
      doc("  ");
      line("  " + constants.get(i) + (i + 1 < constants.size() ? "," : ""));
    }
    line("}");
    enums.add(FType.enumType(name, constants));
  }

  /** A field type: primitives, lists, optionals, enums, and records declared before. */
  FType fieldType(boolean records) {
    int n = random.nextInt(14);
    if (n < 7) {
      return FType.PRIMITIVES.get(n);
    } else if (n < 9) {
      return FType.list(fieldType(false));
    } else if (n < 11) {
      return FType.optional(fieldType(false));
    } else if (n < 13 && !enums.isEmpty()) {
      return enums.get(random.nextInt(enums.size()));
    } else if (records && !this.records.isEmpty()) {
      return this.records.get(random.nextInt(this.records.size()));
    }
    return FType.TEXT;
  }

  private FType recordDecl(String keyword) {
    String name = upper();
    List<FType.Field> fields = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      fields.add(new FType.Field(fresh(), fieldType(true)));
    }
    doc("");
    line(keyword + " " + name + " {");
    for (FType.Field f : fields) {
      doc("  ");
      line("  " + f.name() + ": " + f.type().name());
    }
    line("}");
    return FType.record(name, fields);
  }

  private void systemDecl() {
    String name = upper();
    systems.add(name);
    doc("");
    line("system " + name + (random.nextBoolean() ? " " + quoted() : "") + " {");
    for (int i = random.nextInt(4); i > 0; i--) {
      String action = fresh();
      List<FType.Field> parameters = new ArrayList<>();
      for (int j = random.nextInt(3); j > 0; j--) {
        parameters.add(new FType.Field(fresh(), fieldType(true)));
      }
      FType result = random.nextInt(3) == 0 ? null : fieldType(true);
      actions.add(new Action(name, action, parameters, result));
      doc("  ");
      line("  action " + action + "("
          + String.join(", ", parameters.stream().map(p -> p.name() + ": " + p.type().name()).toList())
          + ")" + (result == null ? "" : ": " + result.name()));
    }
    if (random.nextBoolean()) {
      line("  retry " + (1 + random.nextInt(3)) + " times every 10s backoff 2");
    }
    if (random.nextBoolean()) {
      line("  timeout 30s");
    }
    line("}");
  }

  private String workflow() {
    String name = upper();
    List<FType.Field> inputs = new ArrayList<>();
    List<FType.Field> outputs = new ArrayList<>();
    String trigger = "starts manually";
    int kind = random.nextInt(4);
    if (kind == 0 && !events.isEmpty()) {
      FType event = events.get(random.nextInt(events.size()));
      inputs.add(new FType.Field(fresh(), event));
      trigger = "starts on " + event.name();
    } else if (kind == 1) {
      for (int i = random.nextInt(3); i > 0; i--) {
        inputs.add(new FType.Field(fresh(), FType.optional(fieldType(true))));
      }
      List<String> crons = List.of("*/15 8-18 * * MON-FRI", "0 0 1 * *", "5 4 * JAN,JUL 0");
      trigger = "starts every \"" + crons.get(random.nextInt(crons.size())) + "\"";
    } else if (kind == 2 && !workflows.isEmpty()) {
      Workflow before = workflows.get(random.nextInt(workflows.size()));
      inputs.addAll(before.outputs());
      trigger = "starts after " + before.name();
    } else {
      for (int i = random.nextInt(4); i > 0; i--) {
        inputs.add(new FType.Field(fresh(), fieldType(true)));
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      outputs.add(new FType.Field(fresh(), fieldType(false)));
    }
    doc("");
    line("workflow " + name + " {");
    line("  owner " + roles.get(random.nextInt(roles.size())));
    line("  " + trigger);
    for (FType.Field f : inputs) {
      doc("  ");
      line("  input " + f.name() + ": " + f.type().name());
    }
    for (FType.Field f : outputs) {
      doc("  ");
      line("  output " + f.name() + ": " + f.type().name());
    }
    if (random.nextBoolean()) {
      line("  deadline 5d" + (random.nextBoolean() ? " escalate to " + roles.get(0) : ""));
    }
    if (random.nextBoolean()) {
      line("  version " + (1 + random.nextInt(9)));
    }
    Workflow self = new Workflow(name, inputs, outputs);
    new RandomBodies(this, self).body();
    line("}");
    workflows.add(self);
    return name;
  }

  private void process(List<String> names) {
    doc("");
    line("process " + upper() + " {");
    line("  category " + List.of("operational", "management", "support").get(random.nextInt(3)));
    line("  goal " + quoted());
    line("  owner " + roles.get(random.nextInt(roles.size())));
    line("  stakeholders " + String.join(", ", roles));
    line("  workflows " + String.join(", ", names));
    if (random.nextBoolean()) {
      doc("  ");
      line("  measure " + fresh() + " " + quoted() + " from " + names.get(0) + ".start to "
          + names.get(names.size() - 1) + ".end target 3d");
    }
    line("}");
  }

  /** Where the text ends now: to take back what was written after it. */
  int mark() {
    return out.length();
  }

  void reset(int mark) {
    out.setLength(mark);
  }
}
