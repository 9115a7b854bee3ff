package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.resolve.FileScope;
import dev.flow.compiler.check.resolve.TypeResolver;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed members of declarations: the fields of records and events, the constants of enums,
 * the actions of systems, the inputs and outputs of workflows. Each is worked out once, the
 * first time it is asked for, and that is when its problems are reported: an unknown type, a
 * duplicate field, parameter, action or enum constant (E101), a duplicate input or output (E104).
 * When a member is duplicated, the first one counts.
 */
public final class Members {
  /** An action of a system, with its parameters' and result's types ({@link Type#VOID} without result). */
  public record Action(Decl.SystemDecl system, Decl.ActionDecl decl, Map<String, Type> parameters, Type result) {
    public Action {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** {@code Drive.createFolder}. */
    public String display() {
      return system.name().text() + "." + decl.name().text();
    }
  }

  /** A workflow's inputs and outputs, in order. */
  public record Signature(Map<String, Type> inputs, Map<String, Type> outputs) {
    public Signature {
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  private final Function<Decl, FileScope> scopeOf;
  private final TypeResolver types;
  private final Diagnostics diagnostics;
  private final Map<Decl, Map<String, Type>> fields = new IdentityHashMap<>();
  private final Map<Decl, List<String>> constants = new IdentityHashMap<>();
  private final Map<Decl, Map<String, Action>> actions = new IdentityHashMap<>();
  private final Map<Decl, Signature> signatures = new IdentityHashMap<>();

  public Members(Function<Decl, FileScope> scopeOf, TypeResolver types, Diagnostics diagnostics) {
    this.scopeOf = scopeOf;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /**
   * Members for one thread's share of the workflow bodies: what this one has worked out so far
   * (copied, so that the threads share no table), types resolved with {@code types} and problems
   * reported to {@code diagnostics}. Once every declaration has been resolved, as the body checks
   * start, the copies hold every member a body asks for.
   */
  public Members forWorker(TypeResolver types, Diagnostics diagnostics) {
    Members worker = new Members(scopeOf, types, diagnostics);
    worker.fields.putAll(fields);
    worker.constants.putAll(constants);
    worker.actions.putAll(actions);
    worker.signatures.putAll(signatures);
    return worker;
  }

  /**
   * Adds what {@code worker} ({@link #forWorker}, for one thread's share of the declarations) has worked
   * out, its problems reported already to its own diagnostics.
   */
  public void addAll(Members worker) {
    fields.putAll(worker.fields);
    constants.putAll(worker.constants);
    actions.putAll(worker.actions);
    signatures.putAll(worker.signatures);
  }

  /** The fields of a record or event (empty for any other declaration). */
  public Map<String, Type> fields(Decl decl) {
    Map<String, Type> known = fields.get(decl);
    if (known != null) {
      return known;
    }
    List<Field> declared = Decl.fieldsOf(decl);
    Map<String, Type> out = Collections.unmodifiableMap(typedFields(declared, "field", decl));
    fields.put(decl, out);
    return out;
  }

  /**
   * Resolves the types of fields (of a record, event, form or action) written within
   * {@code owner}, reporting a duplicate name as E101 "duplicate {what} `x`".
   */
  public Map<String, Type> typedFields(List<Field> declared, String what, Decl owner) {
    FileScope scope = scopeOf.apply(owner);
    Map<String, Type> out = new LinkedHashMap<>();
    Map<String, Name> first = new LinkedHashMap<>();
    for (Field f : declared) {
      Type t = types.resolve(f.type(), scope, owner);
      Name before = first.putIfAbsent(f.name().text(), f.name());
      if (before != null) {
        diagnostics.add(duplicate(Code.E101, "duplicate " + what + " `" + f.name().text() + "`", f.name(), before));
      } else {
        out.put(f.name().text(), t);
      }
    }
    return out;
  }

  /** The constants of an enum, in order, each once. */
  public List<String> constants(Decl.EnumDecl decl) {
    List<String> known = constants.get(decl);
    if (known != null) {
      return known;
    }
    Map<String, Name> first = new LinkedHashMap<>();
    for (Decl.EnumConstant c : decl.constants()) {
      Name before = first.putIfAbsent(c.name().text(), c.name());
      if (before != null) {
        diagnostics.add(duplicate(Code.E101, "duplicate enum constant `" + c.name().text() + "`", c.name(), before));
      }
    }
    List<String> out = List.copyOf(first.keySet());
    constants.put(decl, out);
    return out;
  }

  /** The actions of a system by name, in order. */
  public Map<String, Action> actions(Decl.SystemDecl system) {
    Map<String, Action> known = actions.get(system);
    if (known != null) {
      return known;
    }
    Map<String, Action> out = new LinkedHashMap<>();
    FileScope scope = scopeOf.apply(system);
    for (Decl.ActionDecl a : system.actions()) {
      Map<String, Type> params = typedFields(a.parameters(), "parameter", system);
      Type result = a.result().map(r -> types.resolve(r, scope, system)).orElse(Type.VOID);
      Action before = out.get(a.name().text());
      if (before != null) {
        diagnostics.add(duplicate(Code.E101, "duplicate action `" + a.name().text() + "`", a.name(), before.decl().name()));
      } else {
        out.put(a.name().text(), new Action(system, a, params, result));
      }
    }
    Map<String, Action> frozen = Collections.unmodifiableMap(out);
    actions.put(system, frozen);
    return frozen;
  }

  public Optional<Action> action(Decl.SystemDecl system, String name) {
    return Optional.ofNullable(actions(system).get(name));
  }

  /** A workflow's inputs and outputs; a duplicate input or output is E104. */
  public Signature signature(Decl.WorkflowDecl workflow) {
    Signature known = signatures.get(workflow);
    if (known != null) {
      return known;
    }
    FileScope scope = scopeOf.apply(workflow);
    Map<String, Type> inputs = new LinkedHashMap<>();
    Map<String, Name> inputNames = new LinkedHashMap<>();
    for (Clause.Input in : workflow.inputs()) {
      Type t = types.resolve(in.type(), scope, workflow);
      Name before = inputNames.putIfAbsent(in.name().text(), in.name());
      if (before != null) {
        diagnostics.add(duplicate(Code.E104, "duplicate name `" + in.name().text() + "`", in.name(), before)
            .withLabel("already an input of this workflow"));
      } else {
        inputs.put(in.name().text(), t);
      }
    }
    Map<String, Type> outputs = new LinkedHashMap<>();
    Map<String, Name> outputNames = new LinkedHashMap<>();
    for (Clause.Output out : workflow.outputs()) {
      Type t = types.resolve(out.type(), scope, workflow);
      Name before = outputNames.putIfAbsent(out.name().text(), out.name());
      if (before != null) {
        diagnostics.add(duplicate(Code.E104, "duplicate name `" + out.name().text() + "`", out.name(), before)
            .withLabel("already an output of this workflow"));
      } else {
        outputs.put(out.name().text(), t);
      }
    }
    Signature s = new Signature(inputs, outputs);
    signatures.put(workflow, s);
    return s;
  }

  /** Every action name of a system, for did-you-mean. */
  public List<String> actionNames(Decl.SystemDecl system) {
    return new ArrayList<>(actions(system).keySet());
  }

  private static Diagnostic duplicate(Code code, String message, Name second, Name first) {
    return Diagnostic.of(code, second.span(), message).withNote("the first `" + first.text() + "` is at " + first.span());
  }
}
